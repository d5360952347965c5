package io.cairn.jcache;

import java.util.Objects;
import javax.cache.Cache;

/**
 * A key and value handed to users: by iterators and to cache writers.
 *
 * <p>Threading: immutable (the key and value objects themselves are the user's).
 *
 * @param <K> the type of keys
 * @param <V> the type of values
 */
public final class EntryImpl<K, V> implements Cache.Entry<K, V> {
  private final K key;
  private final V value;

  /** An entry of {@code key} and {@code value}. */
  public EntryImpl(K key, V value) {
    this.key = Objects.requireNonNull(key, "key");
    this.value = value;
  }

  @Override
  public K getKey() {
    return key;
  }

  @Override
  public V getValue() {
    return value;
  }

  @Override
  public <T> T unwrap(Class<T> clazz) {
    return Unwrapping.unwrap(this, clazz);
  }

  @Override
  public String toString() {
    return key + "=" + value;
  }
}
