package io.cairn.benchmarks.hitratio;

import java.util.function.IntFunction;

/**
 * Makes the caches of one policy, one per replay.
 *
 * @param name the policy's name, as the caches it makes report it
 * @param engine whether the caches are the engine's (else a reference cache)
 * @param create makes a cache of the given size in entries
 */
record CacheFactory(String name, boolean engine, IntFunction<SimulatedCache> create) {}
