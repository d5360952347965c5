/**
 * Cairn's measurements: JMH benchmarks of the engine ({@link io.cairn.benchmarks.EngineBenchmark}),
 * its CPU time per operation ({@link io.cairn.benchmarks.EngineCpuCost}), a bytes-per-entry
 * footprint probe ({@link io.cairn.benchmarks.Footprint}) and what the memory backends cost to
 * allocate and free ({@link io.cairn.benchmarks.MemoryBackendCost}).
 *
 * <p>Conventions: everything here talks to the engine through {@link io.cairn.engine.ByteStore}
 * only, never its internals, so the figures are what a user of that interface gets; the one
 * exception is {@code MemoryBackendCost}, which times single allocations and frees. Workloads are
 * precomputed from fixed seeds before anything is measured: a run costs the same every time, and
 * the measured loop does no random number generation, key encoding or allocation of its own beyond
 * what the operation under test returns. Parameters and return values are non-null unless
 * documented otherwise.
 *
 * <p>Nothing here runs in the build: the module is packaged as {@code benchmarks.jar} and run by
 * hand with the commands in {@code docs/performance.md}.
 */
package io.cairn.benchmarks;
