package io.cairn.benchmarks.hitratio;

/**
 * What the engine held at the end of a replay, to check that it ran as sized.
 *
 * @param geometry how the store was sized
 * @param segmentsHeld segments the store held (free, active, sealed): {@code geometry.segments()}
 *     when the index allowance was right
 * @param committedBytes native bytes held: segments and index
 * @param evictions entries evicted
 * @param storeHits hits the store counted, which must equal the simulator's
 */
record EngineFigures(
    EngineGeometry geometry,
    int segmentsHeld,
    long committedBytes,
    long evictions,
    long storeHits) {}
