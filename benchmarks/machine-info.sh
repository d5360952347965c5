# Sourced by the run-*.sh scripts: machine_info prints the lines that say where and on what a run's
# figures were taken (start time and load, commit, CPU, memory, OS, JVM). Run from the repository root.
machine_info() {
  echo "started   $(date -u '+%Y-%m-%d %H:%M:%S UTC'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "commit    $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . ':!docs' || echo ' (+ uncommitted changes)')"
  echo "cpu       $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) vCPUs"
  echo "memory    $(grep MemTotal /proc/meminfo | awk '{printf "%.1f GiB", $2/1048576}')"
  echo "os        $(uname -sr)"
  echo "jvm       $(java -version 2>&1 | sed -n 2p)"
}

# machine_finished prints the closing line: end time and load.
machine_finished() {
  echo "finished  $(date -u '+%Y-%m-%d %H:%M:%S UTC'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
}
