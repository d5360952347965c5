package io.cairn.engine;

/** Why an entry left the store. */
public enum RemovalCause {
  /** Removed by a remove operation or a {@link ByteStore#commit} of no value. */
  EXPLICIT,
  /** Its value was replaced by a write. */
  REPLACED,
  /** Its expiry instant passed; found by a read, a write, or the background expirer. */
  EXPIRED,
  /** Dropped by the eviction policy to make room within the byte bound. */
  EVICTED
}
