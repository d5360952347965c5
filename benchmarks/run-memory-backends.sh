#!/usr/bin/env bash
# Reproduces docs/performance.md's "Memory backends" section (issue #13): the engine's get, read
# and put on the JDK 25 with each memory backend, Cairn's JCache get and put on Java 17 and on
# Java 25, and what allocating and freeing native memory costs on each backend.
#
# Usage, from the repository root:  JAVA25=/path/to/jdk-25/bin/java benchmarks/run-memory-backends.sh
#   JAVA17 (default: java) is the Java 17 to compare with. The two sides of every comparison run
#   alternately, one JVM each, so that a change in the load of a shared machine falls on both:
#   ROUNDS (default 2) pairs of JMH forks, CPU_ROUNDS (default 5) pairs of CPU-time runs
#   (EngineCpuCost, PeerCpuCost), whose figures move far less with the load than JMH's ops/s.
#   Which side runs first alternates from round to round: a load that rises or falls during the
#   run then falls on both sides alike instead of always on the second.
#   ENGINE_CPU_ONLY=1 runs the engine's CPU-time pairs alone (about 1.5 minutes a round).
# Results go to benchmarks/target/backends/ (OUT=...). Takes about 35 minutes on 2 vCPUs.
set -euo pipefail
cd "$(dirname "$0")/.."
. benchmarks/machine-info.sh
JAR=benchmarks/target/benchmarks.jar
OUT=${OUT:-benchmarks/target/backends}
JAVA17=${JAVA17:-java}
JAVA25=${JAVA25:?set JAVA25 to the java executable of a JDK 25}
ROUNDS=${ROUNDS:-2}
CPU_ROUNDS=${CPU_ROUNDS:-5}
ENGINE_CPU_ONLY=${ENGINE_CPU_ONLY:-}
# The two sides $2 and $3 in the order of round $1: as given in odd rounds, swapped in even ones.
in_turn() { if (($1 % 2)); then echo "$2 $3"; else echo "$3 $2"; fi; }
[ -f "$JAR" ] || mvn -B -q -pl benchmarks -am package -DskipTests
mkdir -p "$OUT"
rm -f "$OUT"/*.csv "$OUT"/*.log "$OUT"/*.txt "$OUT"/*.err "$OUT"/*.md
QUIET=-Dorg.slf4j.simpleLogger.defaultLogLevel=warn
ENGINE_RUN=(-f 1 -wi 2 -w 2s -i 3 -r 3s -t 1)
JCACHE_RUN=(-f 1 -wi 2 -w 2s -i 5 -r 2s -t 1)

{
  machine_info
  echo "jvm 25    $("$JAVA25" -version 2>&1 | sed -n 2p)"
  if [ -n "$ENGINE_CPU_ONLY" ]; then
    echo "cpu time  EngineCpuCost (get, read, put), ${CPU_ROUNDS} rounds, first side alternating"
  else
    echo "engine    EngineBenchmark.(get|read|put) ${ENGINE_RUN[*]}, ${ROUNDS} rounds"
    echo "jcache    PeerBenchmark.(get|put) CAIRN_JCACHE BYTES ${JCACHE_RUN[*]}, ${ROUNDS} rounds"
    echo "cpu time  EngineCpuCost (get, read, put) and PeerCpuCost CAIRN_JCACHE (get, put), ${CPU_ROUNDS} rounds"
  fi
} > "$OUT/machine.txt"

for round in $(seq "$ROUNDS"); do
  [ -z "$ENGINE_CPU_ONLY" ] || break
  # Engine, JDK 25: Unsafe (what Java 17-21 run, forced here) against java.lang.foreign.
  for backend in $(in_turn "$round" unsafe foreign); do
    "$JAVA25" -jar "$JAR" 'EngineBenchmark.(get|read|put)$' "${ENGINE_RUN[@]}" \
      -jvmArgsAppend "-Xms1g -Xmx1g -Dcairn.memory=$backend" \
      -rf csv -rff "$OUT/engine-$backend-$round.csv" > "$OUT/engine-$backend-$round.log" 2>&1
  done
  # JCache, the default backend of each Java: Unsafe on 17, java.lang.foreign on 25.
  for jdk in $(in_turn "$round" 17 25); do
    java_bin=JAVA$jdk
    "${!java_bin}" -jar "$JAR" 'peers.PeerBenchmark.(get|put)$' -p peer=CAIRN_JCACHE -p values=BYTES \
      "${JCACHE_RUN[@]}" -rf csv -rff "$OUT/jcache-java$jdk-$round.csv" > "$OUT/jcache-java$jdk-$round.log" 2>&1
  done
done

# CPU time per operation: the engine on each backend (JDK 25), Cairn's JCache on Java 17 and 25.
for round in $(seq "$CPU_ROUNDS"); do
  for op in get read put; do
    for backend in $(in_turn "$round" unsafe foreign); do
      "$JAVA25" -Xms1g -Xmx1g $QUIET -Dcairn.memory=$backend -cp "$JAR" io.cairn.benchmarks.EngineCpuCost \
        "$op" 2>> "$OUT/cpu.err" | tee -a "$OUT/engine-cpu.txt"
    done
  done
done
for round in $(seq "$ROUNDS"); do
  [ -z "$ENGINE_CPU_ONLY" ] || break
  for op in get put; do
    for jdk in $(in_turn "$round" 17 25); do
      java_bin=JAVA$jdk
      "${!java_bin}" -Xms3g -Xmx3g -XX:MaxDirectMemorySize=2g $QUIET -cp "$JAR" \
        io.cairn.benchmarks.peers.PeerCpuCost "$op" CAIRN_JCACHE 2>> "$OUT/cpu.err" \
        | sed "s/^/java$jdk,/" | tee -a "$OUT/jcache-cpu.txt"
    done
  done
done

# Allocating and freeing: both backends on the JDK 25, back to back.
for backend in unsafe foreign foreign unsafe; do
  [ -z "$ENGINE_CPU_ONLY" ] || break
  "$JAVA25" -Xmx2g $QUIET -Dcairn.memory=$backend -cp "$JAR" io.cairn.benchmarks.MemoryBackendCost \
    2>> "$OUT/cost.err" | tee -a "$OUT/cost.txt"
done
machine_finished >> "$OUT/machine.txt"

# Mean score of every benchmark and side over the rounds, and the ratio of the two sides.
summarize() { # $1: file prefix, $2 and $3: the two sides
  awk -F, -v a="$2" -v b="$3" '
    FNR == 1 { side = (FILENAME ~ "-" a "-") ? a : b; next }
    {
      gsub(/"/, ""); n = split($1, p, "."); op = p[n]; k = op SUBSEP side; ops[op] = 1
      sum[k] += $5; count[k]++
      if (!(k in lo) || $5 < lo[k]) lo[k] = $5
      if (!(k in hi) || $5 > hi[k]) hi[k] = $5
    }
    function cell(k) { return sprintf("%.3f M (%.3f-%.3f)", sum[k] / count[k] / 1e6, lo[k] / 1e6, hi[k] / 1e6) }
    END {
      printf "| operation | %s, ops/s: mean (min-max) | %s, ops/s: mean (min-max) | %s / %s |\n", a, b, b, a
      printf "|---|---:|---:|---:|\n"
      for (op in ops) {
        ka = op SUBSEP a; kb = op SUBSEP b
        printf "| `%s` | %s | %s | %.3f |\n", op, cell(ka), cell(kb), (sum[kb] / count[kb]) / (sum[ka] / count[ka])
      }
    }' "$OUT/$1"-*.csv
}
# Median over the runs of each run's median CPU ns per operation. $1: file, $2 and $3: the two
# sides, $4 and $5: the columns of side and operation, $6: the column of the run's median.
summarize_cpu() {
  awk -F, -v a="$2" -v b="$3" -v sc="$4" -v oc="$5" -v vc="$6" '
    { k = $oc SUBSEP $sc; v[k, ++n[k]] = $vc; ops[$oc] = 1 }
    function median(k,   i, j, t, m) {
      m = n[k]; for (i = 1; i <= m; i++) s[i] = v[k, i]
      for (i = 2; i <= m; i++) for (j = i; j > 1 && s[j - 1] > s[j]; j--) { t = s[j]; s[j] = s[j - 1]; s[j - 1] = t }
      return m % 2 ? s[(m + 1) / 2] : (s[m / 2] + s[m / 2 + 1]) / 2
    }
    function range(k,   i, lo, hi) {
      lo = hi = v[k, 1]; for (i = 2; i <= n[k]; i++) { if (v[k, i] < lo) lo = v[k, i]; if (v[k, i] > hi) hi = v[k, i] }
      return sprintf("%.0f-%.0f", lo, hi)
    }
    END {
      printf "| operation | %s, CPU ns/op: median (range) | %s, CPU ns/op: median (range) | %s / %s |\n", a, b, b, a
      printf "|---|---:|---:|---:|\n"
      for (op in ops) {
        ka = op SUBSEP a; kb = op SUBSEP b
        printf "| `%s` | %.0f (%s) | %.0f (%s) | %.3f |\n", op, median(ka), range(ka), median(kb), range(kb), median(kb) / median(ka)
      }
    }' "$OUT/$1"
}
{
  cat "$OUT/machine.txt"
  echo
  [ -n "$ENGINE_CPU_ONLY" ] || { summarize engine unsafe foreign; echo; }
  summarize_cpu engine-cpu.txt unsafe foreign 1 3 4
  [ -n "$ENGINE_CPU_ONLY" ] || {
    echo
    summarize jcache java17 java25
    echo
    summarize_cpu jcache-cpu.txt java17 java25 1 3 4
  }
} | tee "$OUT/summary.md"
