package io.cairn.jcache.configuration;

import io.cairn.engine.EvictionPolicy;
import io.cairn.engine.SharedCapacity;
import io.cairn.engine.StoreConfig;
import io.cairn.jcache.serialization.DeserializationFilter;
import io.cairn.jcache.serialization.ObjectSerializer;
import io.cairn.jcache.serialization.Serializer;
import java.util.Objects;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.Factory;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheWriter;

/**
 * A JCache configuration with Cairn's settings for the off-heap engine.
 *
 * <p>A plain {@link MutableConfiguration} gets the defaults below. The capacity is a bound, not a
 * reservation: the engine takes native memory segment by segment as data arrives, so the generous
 * {@link #DEFAULT_CAPACITY_BYTES} costs nothing up front.
 *
 * <p>A cache configured with {@code setStoreByValue(false)} keeps references to the objects on the
 * Java heap instead: the capacity, segment, shard, eviction and serializer settings do not apply to
 * it, and its entries expire when they are next touched.
 *
 * <p>Threading: like {@link MutableConfiguration}, not thread-safe; caches copy it when created.
 *
 * @param <K> the type of keys
 * @param <V> the type of values
 */
public final class CairnConfiguration<K, V> extends MutableConfiguration<K, V> {
  private static final long serialVersionUID = 1L;

  /** The default bound on a cache's native memory: 64 MiB, taken only as data arrives. */
  public static final long DEFAULT_CAPACITY_BYTES = 64L << 20;

  /** The default period of the background expirer that raises EXPIRED events eagerly. */
  public static final long DEFAULT_EXPIRATION_INTERVAL_MILLIS =
      StoreConfig.DEFAULT_EXPIRATION_INTERVAL_MILLIS;

  /** The engine's default eviction policy. */
  public static final EvictionPolicy DEFAULT_EVICTION_POLICY = StoreConfig.DEFAULT_EVICTION_POLICY;

  private long capacityBytes = DEFAULT_CAPACITY_BYTES;
  private int segmentSize; // 0 = the engine chooses from the capacity
  private int shards; // 0 = the engine chooses from the processors and the capacity
  private EvictionPolicy evictionPolicy = DEFAULT_EVICTION_POLICY;
  private EvictionParameters evictionParameters = EvictionParameters.DEFAULTS;
  private long expirationIntervalMillis = DEFAULT_EXPIRATION_INTERVAL_MILLIS;
  private DeserializationFilter deserializationFilter = DeserializationFilter.DEFAULTS;
  private OversizedValues oversizedValues = OversizedValues.AUTO;
  private ClusterMode clusterMode = ClusterMode.LOCAL;
  private CachePersistence persistence; // null = in memory only
  private transient Serializer<? super K> keySerializer;
  private transient Serializer<? super V> valueSerializer;

  /** A configuration with the JCache and Cairn defaults. */
  public CairnConfiguration() {}

  /** A copy of {@code configuration}, keeping its Cairn settings if it has any. */
  public CairnConfiguration(CompleteConfiguration<K, V> configuration) {
    super(configuration);
    if (configuration instanceof CairnConfiguration<K, V> cairn) {
      setEngineSettings(cairn);
      expirationIntervalMillis = cairn.expirationIntervalMillis;
    }
  }

  /** The bound on native memory in bytes, segments and index together. */
  public long getCapacityBytes() {
    return capacityBytes;
  }

  /** Sets the bound on native memory in bytes; must be positive. */
  public CairnConfiguration<K, V> setCapacityBytes(long capacityBytes) {
    if (capacityBytes <= 0) {
      throw new IllegalArgumentException("capacityBytes=" + capacityBytes + " must be positive");
    }
    this.capacityBytes = capacityBytes;
    return this;
  }

  /** The segment size in bytes, or 0 when the engine chooses it. */
  public int getSegmentSize() {
    return segmentSize;
  }

  /**
   * Sets the segment size: 0 lets the engine choose, else a multiple of 8 from {@link
   * StoreConfig#MIN_SEGMENT_SIZE} to {@link StoreConfig#MAX_SEGMENT_SIZE} (see {@link
   * StoreConfig.Builder#segmentSize}).
   *
   * @throws IllegalArgumentException naming the value, for any other
   */
  public CairnConfiguration<K, V> setSegmentSize(int segmentSize) {
    if (segmentSize != 0
        && (segmentSize < StoreConfig.MIN_SEGMENT_SIZE
            || segmentSize > StoreConfig.MAX_SEGMENT_SIZE
            || segmentSize % 8 != 0)) {
      throw new IllegalArgumentException(
          "segmentSize="
              + segmentSize
              + " must be 0 (the engine chooses) or a multiple of 8 from "
              + StoreConfig.MIN_SEGMENT_SIZE
              + " to "
              + StoreConfig.MAX_SEGMENT_SIZE);
    }
    this.segmentSize = segmentSize;
    return this;
  }

  /** The number of shards, or 0 when the engine chooses it. */
  public int getShards() {
    return shards;
  }

  /**
   * Sets the number of shards: 0 lets the engine choose, else a power of two from 1 to {@link
   * StoreConfig#MAX_SHARDS}.
   *
   * @throws IllegalArgumentException naming the value, for any other
   */
  public CairnConfiguration<K, V> setShards(int shards) {
    if (shards != 0
        && (shards < 0 || shards > StoreConfig.MAX_SHARDS || Integer.bitCount(shards) != 1)) {
      throw new IllegalArgumentException(
          "shards="
              + shards
              + " must be 0 (the engine chooses) or a power of two from 1 to "
              + StoreConfig.MAX_SHARDS);
    }
    this.shards = shards;
    return this;
  }

  /** The eviction policy used when the capacity is reached. */
  public EvictionPolicy getEvictionPolicy() {
    return evictionPolicy;
  }

  /** Sets the eviction policy. */
  public CairnConfiguration<K, V> setEvictionPolicy(EvictionPolicy evictionPolicy) {
    this.evictionPolicy = Objects.requireNonNull(evictionPolicy, "evictionPolicy");
    return this;
  }

  /** The tuning of the eviction policies; {@link EvictionParameters#DEFAULTS} unless set. */
  public EvictionParameters getEvictionParameters() {
    return evictionParameters;
  }

  /** Sets the tuning of the eviction policies, checked when it was constructed. */
  public CairnConfiguration<K, V> setEvictionParameters(EvictionParameters evictionParameters) {
    this.evictionParameters = Objects.requireNonNull(evictionParameters, "evictionParameters");
    return this;
  }

  /** The period of the background expirer in milliseconds; 0 turns it off. */
  public long getExpirationIntervalMillis() {
    return expirationIntervalMillis;
  }

  /** Sets the period of the background expirer in milliseconds; 0 turns it off. */
  public CairnConfiguration<K, V> setExpirationIntervalMillis(long expirationIntervalMillis) {
    if (expirationIntervalMillis < 0) {
      throw new IllegalArgumentException(
          "expirationIntervalMillis=" + expirationIntervalMillis + " must not be negative");
    }
    this.expirationIntervalMillis = expirationIntervalMillis;
    return this;
  }

  /**
   * What the default serializer lets Java deserialization build, for keys and values: {@link
   * DeserializationFilter#DEFAULTS} unless set. A serializer set with {@link #setKeySerializer} or
   * {@link #setValueSerializer} does its own deserialization and ignores it.
   */
  public DeserializationFilter getDeserializationFilter() {
    return deserializationFilter;
  }

  /** Sets what the default serializer lets Java deserialization build. */
  public CairnConfiguration<K, V> setDeserializationFilter(DeserializationFilter filter) {
    this.deserializationFilter = Objects.requireNonNull(filter, "deserializationFilter");
    return this;
  }

  /** What a put of an entry larger than the largest item does; {@link OversizedValues#AUTO}. */
  public OversizedValues getOversizedValues() {
    return oversizedValues;
  }

  /**
   * Sets what a put of an entry larger than the largest item does (see {@link OversizedValues}).
   */
  public CairnConfiguration<K, V> setOversizedValues(OversizedValues oversizedValues) {
    this.oversizedValues = Objects.requireNonNull(oversizedValues, "oversizedValues");
    return this;
  }

  /** How the cache stays coherent across a cluster; {@link ClusterMode#LOCAL} by default. */
  public ClusterMode getClusterMode() {
    return clusterMode;
  }

  /**
   * Sets how the cache stays coherent across its manager's cluster (see {@link ClusterMode}); a
   * mode other than {@link ClusterMode#LOCAL} needs a store-by-value cache, {@code
   * io.cairn:cairn-cluster} on the class path and a {@code cairn.cluster} section in the manager's
   * file, or creating the cache fails.
   */
  public CairnConfiguration<K, V> setClusterMode(ClusterMode clusterMode) {
    this.clusterMode = Objects.requireNonNull(clusterMode, "clusterMode");
    return this;
  }

  /** Where the cache keeps its entries across restarts, or {@code null} (the default): nowhere. */
  public CachePersistence getPersistence() {
    return persistence;
  }

  /**
   * Keeps the cache's entries across restarts as {@code persistence} says, in its own subdirectory
   * of {@link CachePersistence#directory()}; {@code null} keeps them in memory only. Needs a
   * store-by-value cache, or creating the cache fails. A second cache on the same directory, in
   * this JVM or another, fails to open; {@code destroyCache} deletes the files.
   */
  public CairnConfiguration<K, V> setPersistence(CachePersistence persistence) {
    this.persistence = persistence;
    return this;
  }

  /** The key serializer; {@link ObjectSerializer} within the deserialization filter unless set. */
  @SuppressWarnings("unchecked")
  public Serializer<? super K> getKeySerializer() {
    return keySerializer == null
        ? (Serializer<? super K>) ObjectSerializer.filtering(deserializationFilter)
        : keySerializer;
  }

  /** Sets the key serializer; {@code null} restores the default. */
  public CairnConfiguration<K, V> setKeySerializer(Serializer<? super K> keySerializer) {
    this.keySerializer = keySerializer;
    return this;
  }

  /**
   * The value serializer; {@link ObjectSerializer} within the deserialization filter unless set.
   */
  @SuppressWarnings("unchecked")
  public Serializer<? super V> getValueSerializer() {
    return valueSerializer == null
        ? (Serializer<? super V>) ObjectSerializer.filtering(deserializationFilter)
        : valueSerializer;
  }

  /** Sets the value serializer; {@code null} restores the default. */
  public CairnConfiguration<K, V> setValueSerializer(Serializer<? super V> valueSerializer) {
    this.valueSerializer = valueSerializer;
    return this;
  }

  /**
   * Takes the Cairn settings of {@code from}: capacity, segment size, shards, eviction policy and
   * parameters, serializers, the deserialization filter, what oversized values do, the cluster mode
   * and persistence. The JCache settings and the expirer's period stay as they are.
   */
  public CairnConfiguration<K, V> setEngineSettings(CairnConfiguration<? super K, ? super V> from) {
    capacityBytes = from.capacityBytes;
    segmentSize = from.segmentSize;
    shards = from.shards;
    evictionPolicy = from.evictionPolicy;
    evictionParameters = from.evictionParameters;
    keySerializer = from.keySerializer;
    valueSerializer = from.valueSerializer;
    deserializationFilter = from.deserializationFilter;
    oversizedValues = from.oversizedValues;
    clusterMode = from.clusterMode;
    persistence = from.persistence;
    return this;
  }

  /**
   * The engine configuration these settings give, for a store named {@code name}, bounded also by
   * {@code shared} unless it is {@code null}. Internal: the adapter adds its removal listener and
   * builds it; {@link StoreConfig.Builder#build()} checks the settings together.
   */
  public StoreConfig.Builder toStoreConfig(String name, SharedCapacity shared) {
    StoreConfig.Builder builder =
        evictionParameters
            .applyTo(StoreConfig.builder(capacityBytes))
            .name(name)
            .evictionPolicy(evictionPolicy)
            .expirationIntervalMillis(expirationIntervalMillis)
            .sharedCapacity(shared);
    if (segmentSize
        != 0) { // only a deserialized configuration can hold a bad value: build refuses it
      builder.segmentSize(segmentSize);
    }
    if (shards != 0) {
      builder.shards(shards);
    }
    return builder;
  }

  // Covariant overrides, so that JCache and Cairn settings chain in any order.

  @Override
  public CairnConfiguration<K, V> setTypes(Class<K> keyType, Class<V> valueType) {
    super.setTypes(keyType, valueType);
    return this;
  }

  @Override
  public CairnConfiguration<K, V> addCacheEntryListenerConfiguration(
      CacheEntryListenerConfiguration<K, V> listener) {
    super.addCacheEntryListenerConfiguration(listener);
    return this;
  }

  @Override
  public CairnConfiguration<K, V> removeCacheEntryListenerConfiguration(
      CacheEntryListenerConfiguration<K, V> listener) {
    super.removeCacheEntryListenerConfiguration(listener);
    return this;
  }

  @Override
  public CairnConfiguration<K, V> setCacheLoaderFactory(
      Factory<? extends CacheLoader<K, V>> factory) {
    super.setCacheLoaderFactory(factory);
    return this;
  }

  @Override
  public CairnConfiguration<K, V> setCacheWriterFactory(
      Factory<? extends CacheWriter<? super K, ? super V>> factory) {
    super.setCacheWriterFactory(factory);
    return this;
  }

  @Override
  public CairnConfiguration<K, V> setExpiryPolicyFactory(Factory<? extends ExpiryPolicy> factory) {
    super.setExpiryPolicyFactory(factory);
    return this;
  }

  @Override
  public CairnConfiguration<K, V> setReadThrough(boolean isReadThrough) {
    super.setReadThrough(isReadThrough);
    return this;
  }

  @Override
  public CairnConfiguration<K, V> setWriteThrough(boolean isWriteThrough) {
    super.setWriteThrough(isWriteThrough);
    return this;
  }

  @Override
  public CairnConfiguration<K, V> setStoreByValue(boolean isStoreByValue) {
    super.setStoreByValue(isStoreByValue);
    return this;
  }

  @Override
  public CairnConfiguration<K, V> setStatisticsEnabled(boolean enabled) {
    super.setStatisticsEnabled(enabled);
    return this;
  }

  @Override
  public CairnConfiguration<K, V> setManagementEnabled(boolean enabled) {
    super.setManagementEnabled(enabled);
    return this;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof CairnConfiguration<?, ?> that) || !super.equals(o)) {
      return false;
    }
    return capacityBytes == that.capacityBytes
        && segmentSize == that.segmentSize
        && shards == that.shards
        && evictionPolicy == that.evictionPolicy
        && evictionParameters.equals(that.evictionParameters)
        && expirationIntervalMillis == that.expirationIntervalMillis
        && deserializationFilter.equals(that.deserializationFilter)
        && oversizedValues == that.oversizedValues
        && clusterMode == that.clusterMode
        && Objects.equals(persistence, that.persistence)
        && Objects.equals(keySerializer, that.keySerializer)
        && Objects.equals(valueSerializer, that.valueSerializer);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        super.hashCode(),
        capacityBytes,
        segmentSize,
        shards,
        evictionPolicy,
        evictionParameters,
        expirationIntervalMillis,
        deserializationFilter,
        oversizedValues,
        clusterMode,
        persistence,
        keySerializer,
        valueSerializer);
  }
}
