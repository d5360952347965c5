package io.cairn.jcache;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The store-by-reference store: the caller's key and value objects in a {@link ConcurrentHashMap}
 * on the Java heap. It exists for JCache's optional store-by-reference feature; such caches live on
 * the heap, are not bounded in bytes, and their entries expire when next touched (there is no
 * background expirer).
 *
 * <p>Threading: thread-safe; {@link #compute} runs inside {@link ConcurrentHashMap#compute}.
 * Expirations are reported on the thread that found them, after the key is released.
 *
 * @param <K> the type of keys
 * @param <V> the type of values
 */
final class HeapStore<K, V> implements EntryStore<K, V> {
  private final ConcurrentHashMap<K, Node<V>> map = new ConcurrentHashMap<>();
  private final LongSupplier clock;
  private final Expirations<K, V> expirations;

  HeapStore(LongSupplier clock, Expirations<K, V> expirations) {
    this.clock = clock;
    this.expirations = expirations;
  }

  /** A value and its expiry instant; replaced, never changed. */
  private record Node<V>(V value, long expireAt) {}

  @Override
  public V get(K key) {
    Node<V> node = map.get(key);
    if (node == null) {
      return null;
    }
    if (node.expireAt() > clock.getAsLong()) {
      return node.value();
    }
    expire(key, node);
    return null;
  }

  @Override
  public boolean containsKey(K key) {
    Node<V> node = map.get(key);
    return node != null && node.expireAt() > clock.getAsLong();
  }

  @Override
  public void touch(K key, long expireAt) {
    compute(
        key,
        slot -> {
          slot.setExpireAt(expireAt);
          return null;
        });
  }

  @Override
  public <R> R compute(K key, Computation<V, R> function) {
    HeapSlot slot = new HeapSlot(clock.getAsLong());
    List<V> expired = new ArrayList<>(1);
    map.compute(
        key,
        (k, node) -> {
          if (node != null && node.expireAt() <= slot.now) {
            expired.add(node.value());
            node = null;
          }
          slot.node = node;
          slot.next = node;
          slot.result = function.apply(slot);
          Node<V> next = slot.next;
          if (next != null && next.expireAt() <= slot.now) {
            expired.add(next.value());
            return null;
          }
          return next;
        });
    for (V value : expired) {
      expirations.expired(key, value);
    }
    @SuppressWarnings("unchecked")
    R result = (R) slot.result;
    return result;
  }

  private void expire(K key, Node<V> node) {
    if (map.remove(key, node)) {
      expirations.expired(key, node.value());
    }
  }

  @Override
  public Iterator<EntryImpl<K, V>> iterator() {
    return EntryStore.live(
        map.entrySet().iterator(),
        entry -> {
          Node<V> node = entry.getValue();
          if (node.expireAt() > clock.getAsLong()) {
            return new EntryImpl<>(entry.getKey(), node.value());
          }
          expire(entry.getKey(), node);
          return null;
        });
  }

  @Override
  public void clear() {
    map.clear();
  }

  @Override
  public long now() {
    return clock.getAsLong();
  }

  @Override
  public void close() {
    map.clear();
  }

  /** The entry under one computation; {@code next} is what the map will hold afterwards. */
  private final class HeapSlot implements Slot<V> {
    final long now;
    Node<V> node;
    Node<V> next;
    Object result;

    HeapSlot(long now) {
      this.now = now;
    }

    @Override
    public V value() {
      return node == null ? null : node.value();
    }

    @Override
    public long now() {
      return now;
    }

    @Override
    public long expireAt() {
      return node == null ? -1 : node.expireAt();
    }

    @Override
    public void set(V value, long expireAt) {
      next = new Node<>(value, expireAt);
    }

    @Override
    public void setExpireAt(long expireAt) {
      if (next != null) {
        next = new Node<>(next.value(), expireAt);
      }
    }

    @Override
    public void remove() {
      next = null;
    }
  }
}
