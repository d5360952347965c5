package io.cairn.jcache;

import io.cairn.engine.ByteStore;
import io.cairn.engine.CapacityException;
import io.cairn.engine.EntryReader;
import io.cairn.engine.ItemTooLargeException;
import io.cairn.engine.RemovalCause;
import io.cairn.engine.RemovalListener;
import io.cairn.engine.SharedCapacity;
import io.cairn.engine.StoreConfig;
import io.cairn.engine.ValueReader;
import io.cairn.jcache.configuration.CachePersistence;
import io.cairn.jcache.configuration.CairnConfiguration;
import io.cairn.jcache.configuration.ClusterMode;
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
 * from a heap copy taken by the read and deserialized once the read has validated. Serialization
 * happens before the engine is called ({@link #key}, {@link #value}); the engine only copies bytes
 * under its locks.
 *
 * <p>Exceptions: the engine's refusal of a key or item too large for it ({@link
 * ItemTooLargeException}, an {@link IllegalArgumentException}, the one unchecked exception it
 * throws for an argument that is not null) is translated in {@link #translate}, the one place: an
 * item too large into an {@link EntryTooLargeException} that names the setting to change ({@link
 * Change#commit} decides whether a put so refused is skipped), a key too long (which no setting
 * changes, and every operation refuses alike) into a {@link CacheException}. A write for which no
 * room can be made ({@link CapacityException}: a large entry while the manager's shared bound is
 * taken by other caches) becomes a {@link CacheException} naming the bound; it is an {@link
 * IllegalStateException} in the engine, which JCache callers would read as a closed cache. Its
 * {@link io.cairn.engine.StoreClosedException} after close passes through, as JCache wants for a
 * closed cache.
 *
 * <p>Threading: thread-safe; the engine is. Expirations are reported on the engine's callback
 * thread (the caller's whose operation found them, or the engine's background expirer), and only
 * while {@link Expirations#wanted()}: otherwise the engine copies nothing for them.
 *
 * @param <K> the type of keys
 * @param <V> the type of values
 */
final class OffHeapStore<K, V> implements EntryStore<K, V> {
  private static final Logger LOG = LoggerFactory.getLogger(OffHeapStore.class);

  private final ByteStore store;
  private final String name;
  private final Serializer<? super K> keys;
  private final Serializer<? super V> values;
  private final ClassLoader classLoader;

  /** Decodes a value in place, or copies its bytes out for {@link #value(byte[])}. */
  private final ValueReader<Object> valueReader;

  /** As {@link #valueReader}, with the entry's version and expiry, for {@link #read}. */
  private final EntryReader<Current<V>> withValue;

  /** Reads only an entry's version and expiry. */
  private final EntryReader<Current<V>> withoutValue =
      (view, expireAt, version) -> Current.of(version, expireAt, null, false);

  private OffHeapStore(
      String name,
      StoreConfig.Builder builder,
      Serializer<? super K> keys,
      Serializer<? super V> values,
      ClassLoader classLoader,
      Expirations<K, V> expirations) {
    this.name = name;
    this.keys = keys;
    this.values = values;
    this.classLoader = classLoader;
    this.valueReader =
        view ->
            values.canReadInPlace(view) ? values.deserialize(view) : new Copied(view.toByteArray());
    this.withValue =
        (view, expireAt, version) -> {
          Object read = valueReader.read(view);
          return read instanceof Copied copied
              ? Current.ofBytes(version, expireAt, copied.bytes(), this::value)
              : Current.of(version, expireAt, cast(read), true);
        };
    builder.removalListener(new Reports(expirations), EnumSet.of(RemovalCause.EXPIRED));
    this.store = ByteStore.open(builder.build());
  }

  /**
   * Opens the engine for the cache {@code name} with the Cairn settings of {@code config}, bounded
   * also by the manager's {@code shared} capacity unless it is {@code null}. A persistent cache
   * restores what it persisted under the same serializers, unless it is clustered: its cluster mode
   * is not local or its manager is {@code inCluster} (see {@link CachePersistence}).
   */
  static <K, V> OffHeapStore<K, V> open(
      String name,
      CairnConfiguration<K, V> config,
      ClassLoader classLoader,
      SharedCapacity shared,
      boolean inCluster,
      Expirations<K, V> expirations) {
    Serializer<? super K> keys =
        Serializers.forType(config.getKeyType(), config.getKeySerializer());
    Serializer<? super V> values =
        Serializers.forType(config.getValueType(), config.getValueSerializer());
    StoreConfig.Builder builder = config.toStoreConfig(name, shared);
    CachePersistence persistence = config.getPersistence();
    if (persistence != null) {
      boolean clustered = inCluster || config.getClusterMode() != ClusterMode.LOCAL;
      builder.persistence(
          persistence.forStore(name, CachePersistence.codecFingerprint(keys, values), clustered));
    }
    return new OffHeapStore<>(name, builder, keys, values, classLoader, expirations);
  }

  /**
   * The one translation of the engine's argument refusals: a key or item too large. The message
   * names the lengths, the limit and the setting to change, never the bytes.
   */
  private CacheException translate(IllegalArgumentException e) {
    if (e instanceof ItemTooLargeException tooLarge && !tooLarge.keyTooLong()) {
      return OversizedPuts.refused(name, store.config(), tooLarge);
    }
    return new CacheException("cache " + name + ": " + e.getMessage(), e);
  }

  /** The one translation of the engine's refusal to make room: see the class comment. */
  private CacheException translate(CapacityException e) {
    SharedCapacity shared = store.config().sharedCapacity();
    String bound =
        shared == null
            ? "raise the cache's capacity=" + store.config().capacityBytes()
            : "the caches of its manager share cairn.total-capacity="
                + shared.capacityBytes()
                + ": raise it, or give the caches that hold it a smaller capacity of their own";
    return new CacheException("cache " + name + ": " + e.getMessage() + "; " + bound, e);
  }

  @Override
  public StoreKey<K> key(K key) {
    return StoreKey.ofBytes(key, keys.serialize(key));
  }

  @Override
  public StoreValue<V> value(V value) {
    return new StoreValue<>(value, values.serialize(value));
  }

  @SuppressWarnings("unchecked")
  private K key(byte[] bytes) {
    return (K) keys.deserialize(bytes, classLoader);
  }

  @SuppressWarnings("unchecked")
  private V value(byte[] bytes) {
    return (V) values.deserialize(bytes, classLoader);
  }

  @SuppressWarnings("unchecked")
  private V cast(Object value) {
    return (V) value;
  }

  @Override
  public V get(StoreKey<K> key) {
    Object read;
    try {
      read = store.read(key.bytes(), valueReader);
    } catch (IllegalArgumentException e) {
      throw translate(e);
    }
    return read instanceof Copied copied ? value(copied.bytes()) : cast(read);
  }

  @Override
  public Current<V> read(StoreKey<K> key, boolean withValue) {
    try {
      return store.readEntry(key.bytes(), withValue ? this.withValue : withoutValue);
    } catch (IllegalArgumentException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean containsKey(StoreKey<K> key) {
    try {
      return store.containsKey(key.bytes());
    } catch (IllegalArgumentException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean commit(StoreKey<K> key, long version, StoreValue<V> value, long expireAt) {
    try {
      return store.commit(key.bytes(), version, value == null ? null : value.bytes(), expireAt);
    } catch (IllegalArgumentException e) {
      throw translate(e);
    } catch (CapacityException e) {
      throw translate(e);
    }
  }

  @Override
  public void put(StoreKey<K> key, StoreValue<V> value, long expireAt) {
    try {
      store.put(key.bytes(), value.bytes(), expireAt);
    } catch (IllegalArgumentException e) {
      throw translate(e);
    } catch (CapacityException e) {
      throw translate(e);
    }
  }

  @Override
  public boolean touch(StoreKey<K> key, long version, long expireAt) {
    try {
      return store.touch(key.bytes(), version, expireAt);
    } catch (IllegalArgumentException e) {
      throw translate(e);
    } catch (CapacityException e) {
      throw translate(e);
    }
  }

  @Override
  public Iterator<Listed<K, V>> iterator() {
    return EntryStore.live(
        store.iterator(),
        entry ->
            entry.expireAt() > now()
                ? new Listed<>(
                    StoreKey.ofBytes(key(entry.key()), entry.key()),
                    Current.ofBytes(ABSENT, entry.expireAt(), entry.value(), this::value))
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

  /** The engine's removal listener: expirations, deserialized only while someone listens. */
  private final class Reports implements RemovalListener {
    private final Expirations<K, V> expirations;

    Reports(Expirations<K, V> expirations) {
      this.expirations = expirations;
    }

    @Override
    public boolean wants(RemovalCause cause) {
      return expirations.wanted();
    }

    @Override
    public void onRemoval(byte[] key, byte[] value, RemovalCause cause) {
      K k;
      V v;
      try {
        k = key(key);
        v = value(value);
      } catch (RuntimeException e) {
        LOG.warn("cannot deserialize an entry of cache {} that {}; no event", name, cause, e);
        return;
      }
      expirations.expired(k, v);
    }
  }
}
