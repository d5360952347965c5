package io.cairn.engine;

/**
 * The entry under a {@link ComputeFunction}. It reflects the store as the function found it; the
 * change asked for is applied only after the function returns normally. If the function throws,
 * nothing changes.
 */
public interface MutableEntry {

  /** Whether a live (unexpired) entry exists for the key. */
  boolean exists();

  /** A copy of the live value, or {@code null} if none. */
  byte[] value();

  /** The expiry instant of the live entry, or {@code -1} if none. */
  long expireAt();

  /** The store clock's time when the function was called, in epoch milliseconds. */
  long now();

  /**
   * Asks to store {@code value} until {@code expireAt} (an instant not after {@link #now()}
   * removes).
   */
  void setValue(byte[] value, long expireAt);

  /** Asks to keep the live value but change its expiry instant; ignored if no entry exists. */
  void setExpireAt(long expireAt);

  /** Asks to remove the live entry (reported as {@link RemovalCause#EXPLICIT}). */
  void remove();
}
