package io.cairn.jcache;

import java.util.Arrays;

/**
 * A key as the user gave it and as its store holds it: its serialized bytes for the off-heap store,
 * the key object itself on the heap. Equal and hashed by the stored form, so that it also names the
 * key's lock ({@link KeyLocks}): off the heap two keys are the same entry exactly when their bytes
 * are.
 *
 * <p>Threading: immutable; the bytes are never changed after construction.
 *
 * @param <K> the type of keys
 */
final class StoreKey<K> {
  private final K key;
  private final byte[] bytes;
  private final int hash;

  private StoreKey(K key, byte[] bytes, int hash) {
    this.key = key;
    this.bytes = bytes;
    this.hash = hash;
  }

  /** A key stored as {@code bytes}. */
  static <K> StoreKey<K> ofBytes(K key, byte[] bytes) {
    return new StoreKey<>(key, bytes, Arrays.hashCode(bytes));
  }

  /** A key stored as itself. */
  static <K> StoreKey<K> ofObject(K key) {
    return new StoreKey<>(key, null, key.hashCode());
  }

  /** The key as the user gave it (or as it was deserialized). */
  K key() {
    return key;
  }

  /** The serialized key, or {@code null} for a key stored as itself. */
  byte[] bytes() {
    return bytes;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StoreKey<?> other
        && hash == other.hash
        && (bytes != null ? Arrays.equals(bytes, other.bytes) : key.equals(other.key));
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return bytes == null ? "key" : "key of " + bytes.length + " bytes";
  }
}
