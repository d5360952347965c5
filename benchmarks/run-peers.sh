#!/usr/bin/env bash
# Reproduces every table and the chart of docs/performance.md's "Against the peers" section
# (issue #6): JMH throughput of Cairn and its peers, bytes per entry, read latency under GC
# pressure; then writes the tables into docs/performance.md and the chart into docs/.
#
# Usage, from the repository root:  benchmarks/run-peers.sh [quick]
#   quick: 1 warm-up and 2 one-second iterations, 1M-entry footprint only, 10 s latency runs;
#          for checking that everything runs, not for figures.
# Results (CSV, logs, GC logs) go to benchmarks/target/peers/ (OUT=... to change it);
# PEERS=CAIRN_JCACHE,EHCACHE_OFFHEAP,... restricts every part to those caches.
# Takes about 30 minutes on 2 vCPUs (the full form).
set -euo pipefail
cd "$(dirname "$0")/.."
. benchmarks/machine-info.sh
JAR=benchmarks/target/benchmarks.jar
OUT=${OUT:-benchmarks/target/peers}
QUICK=${1:-}
[ -f "$JAR" ] || mvn -B -q -pl benchmarks -am package -DskipTests
mkdir -p "$OUT"
rm -f "$OUT"/jmh-*.csv "$OUT"/cpu.csv "$OUT"/footprint.csv "$OUT"/latency.csv

if [ "$QUICK" = quick ]; then
  JMH_RUN=(-f 1 -wi 1 -w 1s -i 2 -r 1s)
  SIZES=(1000000)
  LATENCY_SECONDS=10
else
  JMH_RUN=(-f 1 -wi 2 -w 2s -i 5 -r 2s)
  SIZES=(1000000 10000000)
  LATENCY_SECONDS=30
fi
ALL_PEERS=(CAIRN_JCACHE CAIRN_ENGINE CAFFEINE_JCACHE_BY_VALUE CAFFEINE_JCACHE_BY_REFERENCE
  EHCACHE_HEAP EHCACHE_OFFHEAP CACHE2K_JCACHE CAFFEINE OHC)
LATENCY_PEERS=(CAIRN_JCACHE CAFFEINE_JCACHE_BY_VALUE CAFFEINE_JCACHE_BY_REFERENCE EHCACHE_HEAP
  CACHE2K_JCACHE CAFFEINE EHCACHE_OFFHEAP)
if [ -n "${PEERS:-}" ]; then
  IFS=, read -r -a ALL_PEERS <<< "$PEERS"
  LATENCY_PEERS=("${ALL_PEERS[@]}")
fi
QUIET=-Dorg.slf4j.simpleLogger.defaultLogLevel=warn
PEER_PARAM=$(IFS=,; echo "${ALL_PEERS[*]}")

{
  machine_info
  echo "jmh       ${JMH_RUN[*]}, -prof gc, fork heap -Xms3g -Xmx3g (see PeerBenchmark)"
} > "$OUT/machine.txt"

# Throughput: byte[] values, every cache, every operation, 1 and 2 threads; String values for
# get and put with 2 threads.
for t in 1 2; do
  java -jar "$JAR" 'peers.PeerBenchmark' -p peer="$PEER_PARAM" -p values=BYTES -t "$t" "${JMH_RUN[@]}" -prof gc \
    -rf csv -rff "$OUT/jmh-bytes-t$t.csv" | tee "$OUT/jmh-bytes-t$t.log"
done
java -jar "$JAR" 'peers.PeerBenchmark.(get|put)$' -p peer="$PEER_PARAM" -p values=STRING -t 2 "${JMH_RUN[@]}" -prof gc \
  -rf csv -rff "$OUT/jmh-string-t2.csv" | tee "$OUT/jmh-string-t2.log"

# CPU time per operation, 1 thread: steadier than ops/s on a shared machine.
for op in get put; do
  java -Xms3g -Xmx3g -XX:MaxDirectMemorySize=2g $QUIET -cp "$JAR" io.cairn.benchmarks.peers.PeerCpuCost \
    "$op" "${ALL_PEERS[@]}" 2> "$OUT/cpu-$op.err" | tee -a "$OUT/cpu.csv"
done

# Footprint: one fresh JVM per cache and size.
for n in "${SIZES[@]}"; do
  for p in "${ALL_PEERS[@]}"; do
    java -XX:NativeMemoryTracking=summary $QUIET -Xms12g -Xmx12g -XX:MaxDirectMemorySize=8g \
      -cp "$JAR" io.cairn.benchmarks.peers.PeerFootprint "$p" BYTES "$n" \
      2> "$OUT/footprint-$p-$n.err" | tee -a "$OUT/footprint.csv"
  done
done

# Latency: one fresh JVM per cache, with a GC log beside the figures.
for p in "${LATENCY_PEERS[@]}"; do
  java -Xms4g -Xmx4g -XX:MaxDirectMemorySize=4g $QUIET -Xlog:gc:file="$OUT/gc-$p.log" \
    -cp "$JAR" io.cairn.benchmarks.peers.PeerLatency "$p" 5000000 "$LATENCY_SECONDS" 2 \
    2> "$OUT/latency-$p.err" | tee -a "$OUT/latency.csv"
done

machine_finished >> "$OUT/machine.txt"
java -cp "$JAR" io.cairn.benchmarks.peers.PeerReport "$OUT" docs/performance.md docs/performance-peers.png
echo "tables written to docs/performance.md, chart to docs/performance-peers.png"
