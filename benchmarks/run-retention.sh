#!/usr/bin/env bash
# Whether a cache bounded in bytes keeps the live data that fits (issue #10): builds the benchmarks,
# runs the retention scenarios of io.cairn.benchmarks.peers.Retention, each in a fresh JVM, and
# prints their results as Markdown tables.
#
# Usage, from anywhere:  benchmarks/run-retention.sh [quick]
#   1. overwrite: 1,000,000 Long keys -> 100-byte values filled, then 20,000,000 overwrites (10M
#      uniform, 10M Zipf 0.99), then every key looked up; per cache and bound: keys lost,
#      evictions, native bytes, wall time, overwrites/s.
#   2. fillcost: put throughput (1 thread, 2,000,000 timed puts after a warm-up pass) with live
#      data at 50% and 85% of the first bound.
#   3. ttl: 20,000 and 200,000 entries with TTLs spread over 10 s..1 h (and a fixed 30 min as the
#      control) in a default 64 MiB Cairn cache; entries present, CacheEvictions.
#   quick: 100,000 keys, 2,000,000 overwrites, bounds scaled down tenfold (18 and 15 MiB), 1M puts
#          per fill-cost run, 20,000 TTL entries; for checking that everything runs, not for figures.
# Environment: BOUNDS="180 150" (MiB; the full form's default), PEERS="CAIRN_JCACHE OHC
# EHCACHE_OFFHEAP", SCENARIOS="overwrite fillcost ttl", OUT=benchmarks/target/retention,
# SKIP_BUILD=1 to run the jar as it is.
# Results: OUT/overwrite.csv, fillcost.csv, ttl.csv, machine.txt, one .err file per run, and
# OUT/report.md (the tables printed at the end). The full form takes about 15 minutes on 2 busy
# vCPUs, most of it in Ehcache's runs (about 5 us of CPU per put here); quick about 4.
set -euo pipefail
cd "$(dirname "$0")/.."
. benchmarks/machine-info.sh
JAR=benchmarks/target/benchmarks.jar
OUT=${OUT:-benchmarks/target/retention}
QUICK=${1:-}
[ "${SKIP_BUILD:-}" = 1 ] || mvn -B -q -pl benchmarks -am package -DskipTests

if [ "$QUICK" = quick ]; then
  KEYS=100000; OVERWRITES=2000000; PUTS=1000000; TTL_ENTRIES=(20000)
  BOUNDS=(${BOUNDS:-18 15})
else
  KEYS=1000000; OVERWRITES=20000000; PUTS=2000000; TTL_ENTRIES=(20000 200000)
  BOUNDS=(${BOUNDS:-180 150})
fi
PEERS=(${PEERS:-CAIRN_JCACHE OHC EHCACHE_OFFHEAP})
SCENARIOS=" ${SCENARIOS:-overwrite fillcost ttl} "
# Ehcache's off-heap pool is direct memory; 2 GiB of heap holds the keys' Zipf draws (40 MB).
JAVA=(java -Xms2g -Xmx2g -XX:MaxDirectMemorySize=1g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn
  -cp "$JAR" io.cairn.benchmarks.peers.Retention)

mkdir -p "$OUT"
rm -f "$OUT"/*.csv "$OUT"/*.err "$OUT"/report.md
{
  machine_info
  echo "run       ${QUICK:-full}: keys $KEYS, overwrites $OVERWRITES, bounds ${BOUNDS[*]} MiB, puts $PUTS, peers ${PEERS[*]}"
} > "$OUT/machine.txt"
cat "$OUT/machine.txt"

if [[ $SCENARIOS == *" overwrite "* ]]; then
  for bound in "${BOUNDS[@]}"; do
    for p in "${PEERS[@]}"; do
      "${JAVA[@]}" overwrite "$OUT" "$p" "$bound" "$KEYS" "$OVERWRITES" 2> "$OUT/overwrite-$p-$bound.err"
    done
  done
fi
if [[ $SCENARIOS == *" fillcost "* ]]; then
  for share in 50 85; do
    for p in "${PEERS[@]}"; do
      "${JAVA[@]}" fillcost "$OUT" "$p" "${BOUNDS[0]}" "$share" "$PUTS" 2> "$OUT/fillcost-$p-$share.err"
    done
  done
fi
if [[ $SCENARIOS == *" ttl "* ]]; then
  for n in "${TTL_ENTRIES[@]}"; do
    for expiry in spread fixed; do
      "${JAVA[@]}" ttl "$OUT" "$n" "$expiry" 2> "$OUT/ttl-$n-$expiry.err"
    done
  done
fi

machine_finished >> "$OUT/machine.txt"
"${JAVA[@]}" report "$OUT" | tee "$OUT/report.md"
