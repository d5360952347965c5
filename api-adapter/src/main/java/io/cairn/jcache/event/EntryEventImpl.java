package io.cairn.jcache.event;

import io.cairn.jcache.Unwrapping;
import javax.cache.Cache;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.EventType;

/**
 * One change to one entry, as listeners see it.
 *
 * <p>For UPDATED events the old value is the value replaced; for REMOVED and EXPIRED events both
 * {@link #getValue()} and {@link #getOldValue()} return the value that left, as JCache 1.1 asks.
 * {@link #isOldValueAvailable()} is true exactly when {@link #getOldValue()} is non-null, whatever
 * the listener's {@code isOldValueRequired} says: Cairn always knows the old value, so it always
 * hands it over.
 *
 * <p>Threading: immutable.
 *
 * @param <K> the type of keys
 * @param <V> the type of values
 */
public final class EntryEventImpl<K, V> extends CacheEntryEvent<K, V> {
  private static final long serialVersionUID = 1L;

  private final transient K key;
  private final transient V value;
  private final transient V oldValue;

  /**
   * An event.
   *
   * @param source the cache the entry belongs to
   * @param type what happened
   * @param key the entry's key
   * @param value the new value (CREATED, UPDATED) or the value that left (REMOVED, EXPIRED)
   * @param oldValue the previous value, or {@code null} if there was none
   */
  public EntryEventImpl(Cache<K, V> source, EventType type, K key, V value, V oldValue) {
    super(source, type);
    this.key = key;
    this.value = value;
    this.oldValue = oldValue;
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
  public V getOldValue() {
    return oldValue;
  }

  @Override
  public boolean isOldValueAvailable() {
    return oldValue != null;
  }

  @Override
  public <T> T unwrap(Class<T> clazz) {
    return Unwrapping.unwrap(this, clazz);
  }

  @Override
  public String toString() {
    return "EntryEventImpl{" + getEventType() + ", key=" + key + '}';
  }
}
