package io.cairn.jcache;

import javax.cache.CacheException;

/**
 * Thrown when a cache's store refuses an entry (key, value and a small header) as larger than the
 * largest item it stores. The message names the cache, the sizes, the limit and the setting to
 * change; the accessors give the numbers. (A key longer than any the store takes is refused by
 * every operation with a plain {@link CacheException}.)
 *
 * <p>Whether a put of a too-large entry throws this or is skipped is the cache's {@code
 * oversized-values} setting ({@link io.cairn.jcache.configuration.OversizedValues}).
 */
public final class EntryTooLargeException extends CacheException {
  private static final long serialVersionUID = 1L;

  private final int keyLength;
  private final int valueLength;
  private final long limit;

  EntryTooLargeException(
      String message, int keyLength, int valueLength, long limit, RuntimeException cause) {
    super(message, cause);
    this.keyLength = keyLength;
    this.valueLength = valueLength;
    this.limit = limit;
  }

  /** The serialized key's length in bytes. */
  public int keyLength() {
    return keyLength;
  }

  /** The serialized value's length in bytes. */
  public int valueLength() {
    return valueLength;
  }

  /** The limit exceeded: the largest item (key, value and the store's header) in bytes. */
  public long limit() {
    return limit;
  }
}
