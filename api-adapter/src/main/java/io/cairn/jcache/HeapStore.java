package io.cairn.jcache;

import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The store-by-reference store: the caller's key and value objects in a {@link ConcurrentHashMap}
 * on the Java heap. It exists for JCache's optional store-by-reference feature; such caches live on
 * the heap, are not bounded in bytes, and their entries expire when next touched (there is no
 * background expirer).
 *
 * <p>Each stored node carries a version from one counter, so {@link #commit} and {@link #touch}
 * keep the {@link EntryStore} contract: they change the entry only if it is still the node read.
 *
 * <p>Threading: thread-safe; every change is one {@link ConcurrentHashMap#compute}. Expirations are
 * reported on the thread that found them, after the map's bin is released.
 *
 * @param <K> the type of keys
 * @param <V> the type of values
 */
final class HeapStore<K, V> implements EntryStore<K, V> {
  private final ConcurrentHashMap<K, Node<V>> map = new ConcurrentHashMap<>();
  private final AtomicLong versions = new AtomicLong(ABSENT);
  private final LongSupplier clock;
  private final Expirations<K, V> expirations;

  HeapStore(LongSupplier clock, Expirations<K, V> expirations) {
    this.clock = clock;
    this.expirations = expirations;
  }

  /** A value, its expiry instant and its version; replaced, never changed. */
  private record Node<V>(V value, long expireAt, long version) {}

  @Override
  public StoreKey<K> key(K key) {
    return StoreKey.ofObject(key);
  }

  @Override
  public StoreValue<V> value(V value) {
    return new StoreValue<>(value, null);
  }

  /** The live node of {@code key}; an expired one is removed and reported. */
  private Node<V> live(K key) {
    Node<V> node = map.get(key);
    if (node == null || node.expireAt() > clock.getAsLong()) {
      return node;
    }
    if (map.remove(key, node)) {
      report(key, node);
    }
    return null;
  }

  private void report(K key, Node<V> node) {
    if (expirations.wanted()) {
      expirations.expired(key, node.value());
    }
  }

  @Override
  public V get(StoreKey<K> key) {
    Node<V> node = live(key.key());
    return node == null ? null : node.value();
  }

  @Override
  public Current<V> read(StoreKey<K> key, boolean withValue) {
    Node<V> node = live(key.key());
    return node == null ? null : Current.of(node.version(), node.expireAt(), node.value(), true);
  }

  @Override
  public boolean containsKey(StoreKey<K> key) {
    Node<V> node = map.get(key.key());
    return node != null && node.expireAt() > clock.getAsLong();
  }

  @Override
  public boolean commit(StoreKey<K> key, long version, StoreValue<V> value, long expireAt) {
    if (expireAt == KEEP_EXPIRY && (value == null || version == ABSENT)) {
      throw new IllegalArgumentException(
          "expireAt=KEEP_EXPIRY keeps a live entry's expiry: it needs a value and a version");
    }
    return change(
        key.key(),
        version,
        node ->
            value == null
                ? null
                : next(value.value(), expireAt == KEEP_EXPIRY ? node.expireAt() : expireAt));
  }

  @Override
  public boolean touch(StoreKey<K> key, long version, long expireAt) {
    return change(
        key.key(), version, node -> node == null ? null : next(node.value(), expireAt, node));
  }

  private Node<V> next(V value, long expireAt) {
    return new Node<>(value, expireAt, versions.incrementAndGet());
  }

  /** A node of a new expiry that keeps the item, so its version. */
  private static <V> Node<V> next(V value, long expireAt, Node<V> item) {
    return new Node<>(value, expireAt, item.version());
  }

  /**
   * Replaces the live node of {@code key} by what {@code change} makes of it, if its version is
   * still {@code version}; reports an expired node found, and a new one expired on arrival.
   */
  private boolean change(K key, long version, java.util.function.UnaryOperator<Node<V>> change) {
    long now = clock.getAsLong();
    Object[] expired = new Object[2];
    boolean[] changed = new boolean[1];
    map.compute(
        key,
        (k, node) -> {
          if (node != null && node.expireAt() <= now) {
            expired[0] = node;
            node = null;
          }
          if ((node == null ? ABSENT : node.version()) != version) {
            return node;
          }
          changed[0] = true;
          Node<V> next = change.apply(node);
          if (next != null && next.expireAt() <= now) {
            expired[1] = node != null && node.version() == next.version() ? next : null;
            return null;
          }
          return next;
        });
    for (Object node : expired) {
      if (node != null) {
        @SuppressWarnings("unchecked")
        Node<V> gone = (Node<V>) node;
        report(key, gone);
      }
    }
    return changed[0];
  }

  @Override
  public Iterator<Listed<K, V>> iterator() {
    return EntryStore.live(
        map.entrySet().iterator(),
        entry -> {
          Node<V> node = live(entry.getKey());
          return node == null
              ? null
              : new Listed<>(
                  StoreKey.ofObject(entry.getKey()),
                  Current.of(ABSENT, node.expireAt(), node.value(), true));
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
}
