package io.cairn.jcache.serialization;

import javax.cache.CacheException;

/**
 * Thrown when a key or value cannot be serialized or deserialized; the cache is left unchanged.
 *
 * <p>Threading: immutable once thrown.
 */
public final class SerializationException extends CacheException {
  private static final long serialVersionUID = 1L;

  /** An exception with a message and the cause. */
  public SerializationException(String message, Throwable cause) {
    super(message, cause);
  }

  /** An exception with a message. */
  public SerializationException(String message) {
    super(message);
  }
}
