package io.cairn.jcache;

import io.cairn.engine.ByteStore;
import io.cairn.engine.MutableEntry;
import io.cairn.engine.RemovalCause;
import io.cairn.engine.SharedCapacity;
import io.cairn.engine.StoreConfig;
import io.cairn.engine.ValueReader;
import io.cairn.jcache.configuration.CairnConfiguration;
import io.cairn.jcache.serialization.Serializer;
import io.cairn.jcache.serialization.Serializers;
import java.util.EnumSet;
import java.util.Iterator;
import javax.cache.CacheException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store-by-value store: serialized keys and values in the off-heap engine ({@link ByteStore}).
 *
 * <p>Every value read is deserialized afresh, so callers get their own copy: in place, straight
 * from the engine's memory, when the value serializer can ({@link Serializer#canReadInPlace}), else
 * from a heap copy taken by the read and deserialized once the read has validated. Serialization of
 * a new value happens before the engine is asked to store it: a value that cannot be serialized
 * throws and leaves the old value in place.
 *
 * <p>Threading: thread-safe; the engine is. Expirations and evictions are reported on the engine's
 * callback thread: the caller's whose operation found them, or the engine's background expirer.
 *
 * @param <K> the type of keys
 * @param <V> the type of values
 */
final class OffHeapStore<K, V> implements EntryStore<K, V> {
  private static final Logger LOG = LoggerFactory.getLogger(OffHeapStore.class);

  private final ByteStore store;
  private final Serializer<? super K> keys;
  private final Serializer<? super V> values;
  private final ClassLoader classLoader;

  /**
   * Decodes a value in place, or copies its bytes out for {@link #value(byte[])}; one per store.
   */
  private final ValueReader<Object> valueReader;

  /**
   * Opens the engine with {@code config} and listens to it for expirations and evictions.
   *
   * @param builder the engine configuration, without a removal listener
   */
  private OffHeapStore(
      StoreConfig.Builder builder,
      Serializer<? super K> keys,
      Serializer<? super V> values,
      ClassLoader classLoader,
      Expirations<K, V> expirations) {
    this.keys = keys;
    this.values = values;
    this.classLoader = classLoader;
    this.valueReader =
        view ->
            values.canReadInPlace(view) ? values.deserialize(view) : new Copied(view.toByteArray());
    builder.removalListener(
        (key, value, cause) -> report(expirations, key, value, cause),
        EnumSet.of(RemovalCause.EXPIRED, RemovalCause.EVICTED));
    this.store = ByteStore.open(builder.build());
  }

  /**
   * Opens the engine for the cache {@code name} with the Cairn settings of {@code config}, bounded
   * also by the manager's {@code shared} capacity unless it is {@code null}.
   */
  static <K, V> OffHeapStore<K, V> open(
      String name,
      CairnConfiguration<K, V> config,
      ClassLoader classLoader,
      SharedCapacity shared,
      Expirations<K, V> expirations) {
    return new OffHeapStore<>(
        config.toStoreConfig(name, shared),
        Serializers.forType(config.getKeyType(), config.getKeySerializer()),
        Serializers.forType(config.getValueType(), config.getValueSerializer()),
        classLoader,
        expirations);
  }

  private void report(Expirations<K, V> expirations, byte[] key, byte[] value, RemovalCause cause) {
    K k;
    V v;
    try {
      k = key(key);
      v = value(value);
    } catch (RuntimeException e) {
      LOG.warn("cannot deserialize an entry that left by {}; no event for it", cause, e);
      return;
    }
    if (cause == RemovalCause.EXPIRED) {
      expirations.expired(k, v);
    } else {
      expirations.evicted(k, v);
    }
  }

  byte[] bytes(K key) {
    return keys.serialize(key);
  }

  @SuppressWarnings("unchecked")
  private K key(byte[] bytes) {
    return (K) keys.deserialize(bytes, classLoader);
  }

  @SuppressWarnings("unchecked")
  private V value(byte[] bytes) {
    return bytes == null ? null : (V) values.deserialize(bytes, classLoader);
  }

  @Override
  @SuppressWarnings("unchecked")
  public V get(K key) {
    Object read = store.read(bytes(key), valueReader);
    return read instanceof Copied copied ? value(copied.bytes()) : (V) read;
  }

  @Override
  public boolean containsKey(K key) {
    return store.containsKey(bytes(key));
  }

  @Override
  public void touch(K key, long expireAt) {
    store.touch(bytes(key), expireAt);
  }

  @Override
  public <R> R compute(K key, Computation<V, R> function) {
    byte[] bytes = bytes(key);
    try {
      return store.compute(bytes, entry -> function.apply(new ByteSlot(entry)));
    } catch (IllegalArgumentException e) {
      // Only the engine throws it here (the cache translates its callbacks' exceptions): a key or
      // value too large for a segment. Nothing was changed.
      throw new CacheException("cannot store key " + key + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Iterator<EntryImpl<K, V>> iterator() {
    return EntryStore.live(
        store.iterator(),
        entry ->
            entry.expireAt() > now()
                ? new EntryImpl<>(key(entry.key()), value(entry.value()))
                : null);
  }

  @Override
  public void clear() {
    store.clear();
  }

  @Override
  public long now() {
    return store.config().clock().getAsLong();
  }

  /** The engine, for unwrapping and statistics. */
  ByteStore engine() {
    return store;
  }

  @Override
  public void close() {
    store.close();
  }

  /** A value's bytes copied out by a read, for a serializer that cannot read them in place. */
  private record Copied(byte[] bytes) {}

  /** A slot over the engine's entry, deserializing its value once, when first asked. */
  private final class ByteSlot implements Slot<V> {
    private final MutableEntry entry;
    private boolean read;
    private V value;

    ByteSlot(MutableEntry entry) {
      this.entry = entry;
    }

    @Override
    public V value() {
      if (!read) {
        value = OffHeapStore.this.value(entry.value());
        read = true;
      }
      return value;
    }

    @Override
    public long now() {
      return entry.now();
    }

    @Override
    public long expireAt() {
      return entry.expireAt();
    }

    @Override
    public void set(V newValue, long expireAt) {
      entry.setValue(values.serialize(newValue), expireAt);
    }

    @Override
    public void setExpireAt(long expireAt) {
      entry.setExpireAt(expireAt);
    }

    @Override
    public void remove() {
      entry.remove();
    }
  }
}
