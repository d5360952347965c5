package io.cairn.engine;

/**
 * A snapshot of a store's counters. Counters only grow; the gauges describe the moment taken.
 *
 * @param hits reads that found a live entry
 * @param misses reads that found none
 * @param puts values written (puts, replaces, and commits of a value)
 * @param removals entries removed explicitly
 * @param evictions entries dropped by eviction
 * @param expirations entries removed because they expired
 * @param entries entries stored now
 * @param liveBytes bytes of live items (header, key, value, alignment), large ones included
 * @param committedBytes native bytes held now: segments, index tables, and memory awaiting release
 * @param capacityBytes the bound on {@code committedBytes}
 * @param freeSegments segments held but empty, ready for reuse
 * @param activeSegments segments open for writes (one per TTL lane and pool in use per shard)
 * @param sealedSegments full segments, and the large ones that hold one item larger than a segment
 *     each: candidates for expiry, cleaning (not the large ones) and eviction
 * @param cleanedSegments segments the log cleaner compacted so far
 * @param cleanedBytes bytes of live items the log cleaner copied so far
 * @param lockedReads reads that raced a move of their segment {@code OPTIMISTIC_TRIES} times in a
 *     row and took the shard's read lock, waiting for the move to end: the only reads that wait
 */
public record StoreStats(
    long hits,
    long misses,
    long puts,
    long removals,
    long evictions,
    long expirations,
    long entries,
    long liveBytes,
    long committedBytes,
    long capacityBytes,
    int freeSegments,
    int activeSegments,
    int sealedSegments,
    long cleanedSegments,
    long cleanedBytes,
    long lockedReads) {}
