package io.cairn.jcache;

import java.util.function.Function;

/**
 * What a read for a change saw of a key's live entry: its version (for the commit), its expiry
 * instant, and its value, deserialized when first asked for.
 *
 * <p>Threading: confined to the thread that read it.
 *
 * @param <V> the type of values
 */
final class Current<V> {
  private final long version;
  private final long expireAt;
  private byte[] bytes;
  private Function<byte[], V> decoder;
  private V value;
  private boolean read;

  private Current(long version, long expireAt) {
    this.version = version;
    this.expireAt = expireAt;
  }

  /** An entry whose value is {@code value}, or was not read if {@code read} is false. */
  static <V> Current<V> of(long version, long expireAt, V value, boolean read) {
    Current<V> current = new Current<>(version, expireAt);
    current.value = value;
    current.read = read;
    return current;
  }

  /** An entry whose value is {@code bytes}, deserialized by {@code decoder} when asked for. */
  static <V> Current<V> ofBytes(
      long version, long expireAt, byte[] bytes, Function<byte[], V> decoder) {
    Current<V> current = new Current<>(version, expireAt);
    current.bytes = bytes;
    current.decoder = decoder;
    current.read = true;
    return current;
  }

  /** The version the entry's commit must match. */
  long version() {
    return version;
  }

  /** The expiry instant, {@code Long.MAX_VALUE} for never. */
  long expireAt() {
    return expireAt;
  }

  /** Whether the value was read (else {@link #value} throws). */
  boolean hasValue() {
    return read;
  }

  /**
   * The value.
   *
   * @throws IllegalStateException if the read was made without the value
   */
  V value() {
    if (!read) {
      throw new IllegalStateException("the entry was read without its value");
    }
    if (bytes != null) {
      value = decoder.apply(bytes);
      bytes = null;
      decoder = null;
    }
    return value;
  }
}
