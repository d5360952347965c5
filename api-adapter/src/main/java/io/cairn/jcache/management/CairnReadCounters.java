package io.cairn.jcache.management;

/**
 * A cache's reads as JCache counts them (a {@code get}, {@code getAll}, {@code invoke} or {@code
 * getAndPut} that found a live entry is a hit, one that did not a miss), counted whether or not
 * statistics are enabled and never reset, not even by {@link CairnStatisticsMXBean#clear()}: for
 * metrics libraries, whose counters must only grow, and which should not need JMX or statistics.
 * Returned by {@code cache.unwrap(CairnReadCounters.class)}; the engine's own counters ({@code
 * cache.unwrap(io.cairn.engine.ByteStore.class).stats()}) cover the rest (puts, removals,
 * evictions, expirations, entries, bytes), but count only the reads that reach it as plain reads,
 * not those that read and touch an entry for access expiry.
 *
 * <p>Threading: thread-safe; striped counters, a read while writers run is a racy sum.
 */
public interface CairnReadCounters {

  /** Reads that found a live entry, since the cache was created. */
  long hitCount();

  /** Reads that found none, since the cache was created. */
  long missCount();
}
