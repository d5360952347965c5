package io.cairn.jcache;

import io.cairn.engine.ItemTooLargeException;
import javax.cache.CacheException;

/**
 * Thrown when a cache's store refuses an entry (key, value and a small header) as larger than the
 * largest item it stores. The message names the cache, the sizes, the limit and the setting to
 * change; the accessors give the numbers, read from the engine's refusal, which is the cause. (A
 * key longer than any the store takes is refused by every operation with a plain {@link
 * CacheException}.)
 *
 * <p>Whether a put of a too-large entry throws this or is skipped is the cache's {@code
 * oversized-values} setting ({@link io.cairn.jcache.configuration.OversizedValues}).
 */
public final class EntryTooLargeException extends CacheException {
  private static final long serialVersionUID = 1L;

  EntryTooLargeException(String message, ItemTooLargeException refusal) {
    super(message, refusal);
  }

  private ItemTooLargeException refusal() {
    return (ItemTooLargeException) getCause();
  }

  /** The serialized key's length in bytes. */
  public int keyLength() {
    return refusal().keyLength();
  }

  /** The serialized value's length in bytes. */
  public int valueLength() {
    return refusal().valueLength();
  }

  /** The limit exceeded: the largest item (key, value and the store's header) in bytes. */
  public long limit() {
    return refusal().limit();
  }
}
