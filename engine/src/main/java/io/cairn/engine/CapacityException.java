package io.cairn.engine;

/**
 * Thrown when the store cannot make room for a write within its bound: nothing else in the shard
 * can be evicted. The write is not made; what was stored stays.
 */
public final class CapacityException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /** A capacity failure with {@code message}. */
  public CapacityException(String message) {
    super(message);
  }
}
