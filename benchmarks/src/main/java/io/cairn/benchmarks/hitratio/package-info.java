/**
 * The hit-ratio simulator: replays public cache traces through the real engine ({@link
 * io.cairn.engine.ByteStore}, once per {@link io.cairn.engine.EvictionPolicy}) and through
 * reference caches (LRU, Caffeine's W-TinyLFU), and writes the results into {@code docs/}.
 *
 * <p>Conventions: a trace is a stream of {@code long} keys, every object of unit size; a cache is a
 * {@link io.cairn.benchmarks.hitratio.SimulatedCache} that answers one request at a time. Nothing
 * here is thread-safe unless it says so: each replay runs on one thread, and replays share nothing.
 * Parameters and return values are non-null.
 */
package io.cairn.benchmarks.hitratio;
