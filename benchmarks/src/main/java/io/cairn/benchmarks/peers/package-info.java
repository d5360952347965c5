/**
 * Cairn measured against the caches a user would pick instead (issue #6): throughput ({@link
 * io.cairn.benchmarks.peers.PeerBenchmark}), bytes per entry ({@link
 * io.cairn.benchmarks.peers.PeerFootprint}) and read latency under GC pressure ({@link
 * io.cairn.benchmarks.peers.PeerLatency}), every cache driven through one small interface, {@link
 * io.cairn.benchmarks.peers.CacheUnderTest}, and picked by {@link io.cairn.benchmarks.peers.Peer}.
 * {@link io.cairn.benchmarks.peers.PeerReport} turns the results into the tables and the chart of
 * {@code docs/performance.md}; {@code benchmarks/run-peers.sh} runs everything.
 *
 * <p>Conventions: as in {@code io.cairn.benchmarks}. Parameters and return values are non-null
 * unless documented otherwise.
 */
package io.cairn.benchmarks.peers;
