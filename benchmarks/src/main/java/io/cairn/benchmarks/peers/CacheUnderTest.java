package io.cairn.benchmarks.peers;

/**
 * The one interface every measured cache is driven through: {@code Long} keys, values of one {@link
 * ValueKind}. Implementations are thin: each method is one call of the cache's own API, so that
 * what is measured is the cache, not this layer.
 *
 * <p>Threading: as thread-safe as the cache behind it (all of them are).
 */
public interface CacheUnderTest extends AutoCloseable {

  /** The value of {@code key}, or {@code null}. */
  Object get(Long key);

  /** Stores {@code value} for {@code key}. */
  void put(Long key, Object value);

  /** Native bytes the cache says it holds, or -1 if it does not say (then NMT is the source). */
  default long nativeBytes() {
    return -1;
  }

  /** Entries the cache says it has evicted since it opened, or -1 if it does not say. */
  default long evictions() {
    return -1;
  }

  /** Reads that waited for a lock, as the cache counts them, or -1 if it does not say. */
  default long lockedReads() {
    return -1;
  }

  /**
   * Whether the cache should be rebuilt before the next measured iteration: only Cairn, whose
   * overwrites append and leave dead bytes until their segment is evicted, says yes, once half its
   * capacity is committed.
   */
  default boolean needsRebuild() {
    return false;
  }

  @Override
  void close();
}
