package io.cairn.spring.boot;

import com.typesafe.config.ConfigUtil;
import io.cairn.engine.EvictionPolicy;
import io.cairn.jcache.configuration.OversizedValues;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.util.unit.DataSize;

/**
 * Cairn's settings in {@code application.yml} or {@code application.properties}: the keys of the
 * HOCON file (docs/configuration.md) under the same names, {@code cairn.total-capacity}, {@code
 * cairn.defaults.*} and {@code cairn.caches.<name>.*}. A setting left out is taken from the file
 * named by {@code spring.cache.jcache.config}, if any, else from Cairn's built-in defaults; a
 * setting given here wins over the file's, key by key. A key under {@code cairn} that is none of
 * these fails startup with Spring Boot's message naming it.
 *
 * <p>Sizes and durations follow Spring Boot's conventions ({@link DataSize}: {@code 64MB} is 64
 * MiB; {@link Duration}: {@code 10m}, {@code 500ms}), not HOCON's. A cache name with characters
 * other than lowercase letters, digits and {@code -} needs brackets: {@code
 * cairn.caches[quotes.latest]}.
 *
 * <p>Threading: a mutable bean, bound once at startup.
 */
// unknown keys fail startup, naming them: a misspelt setting is never ignored without a word
@ConfigurationProperties(prefix = "cairn", ignoreUnknownFields = false)
public class CairnProperties {

  /**
   * One bound on the native memory of all caches of the manager together, on top of each cache's
   * own capacity. Unset: each cache has only its own bound.
   */
  private DataSize totalCapacity;

  /** The settings of every cache, those created on the fly included. */
  @NestedConfigurationProperty private CacheSettings defaults = new CacheSettings();

  /** Per-cache settings, on top of the defaults, by cache name. */
  private Map<String, CacheSettings> caches = new LinkedHashMap<>();

  public DataSize getTotalCapacity() {
    return totalCapacity;
  }

  public void setTotalCapacity(DataSize totalCapacity) {
    this.totalCapacity = totalCapacity;
  }

  public CacheSettings getDefaults() {
    return defaults;
  }

  public void setDefaults(CacheSettings defaults) {
    this.defaults = defaults;
  }

  public Map<String, CacheSettings> getCaches() {
    return caches;
  }

  public void setCaches(Map<String, CacheSettings> caches) {
    this.caches = caches;
  }

  /**
   * These settings as the properties Cairn's provider reads on top of the file: each key a HOCON
   * path ({@code cairn.caches."quotes.latest".capacity}), each value in the file's syntax (sizes in
   * bytes, durations in nanoseconds, lists as lists). Unset settings are left out.
   */
  public Properties toProviderProperties() {
    Properties properties = new Properties();
    if (totalCapacity != null) {
      properties.put("cairn.total-capacity", bytes(totalCapacity));
    }
    defaults.putInto(properties, List.of("cairn", "defaults"));
    caches.forEach(
        (name, settings) -> settings.putInto(properties, List.of("cairn", "caches", name)));
    return properties;
  }

  private static String bytes(DataSize size) {
    return Long.toString(size.toBytes());
  }

  private static void put(Properties properties, List<String> path, String key, Object value) {
    if (value == null) {
      return;
    }
    List<String> full = new ArrayList<>(path);
    full.addAll(List.of(key.split("\\.")));
    Object text;
    if (value instanceof DataSize size) {
      text = bytes(size);
    } else if (value instanceof Duration duration) {
      text = duration.toNanos() + "ns";
    } else if (value instanceof Enum<?> constant) {
      text = constant.name();
    } else if (value instanceof List<?> list) {
      text = List.copyOf(list);
    } else {
      text = value.toString();
    }
    properties.put(ConfigUtil.joinPath(full), text);
  }

  /** The settings of one cache, or of every cache ({@code cairn.defaults}). */
  public static class CacheSettings {

    /** The cache's bound on native memory, segments and index together (built-in: 64MB). */
    private DataSize capacity;

    /**
     * The unit of allocation and eviction, a multiple of 8 bytes from 4KB to 8MB. Unset: derived
     * from the capacity.
     */
    private DataSize segmentSize;

    /** Independent parts of the cache, a power of two from 1 to 256. Unset: from the processors. */
    private Integer shards;

    /** The eviction policy and its tuning. */
    @NestedConfigurationProperty private Eviction eviction = new Eviction();

    /** How long entries live. Unset: until removed or evicted. */
    @NestedConfigurationProperty private Expiry expiry = new Expiry();

    /** Whether entries are serialized off the heap (true, the default) or kept on the heap. */
    private Boolean storeByValue;

    /** JCache statistics and their MXBean (Cairn's metrics do not need them). */
    private Boolean statistics;

    /** The CacheConfiguration MXBean. */
    private Boolean management;

    /** A class implementing io.cairn.jcache.serialization.Serializer, for keys. */
    private String keySerializer;

    /** A class implementing io.cairn.jcache.serialization.Serializer, for values. */
    private String valueSerializer;

    /** Limits on Java deserialization of this cache's keys and values. */
    @NestedConfigurationProperty private Deserialization deserialization = new Deserialization();

    /** What a put of an entry larger than the largest item does (built-in: auto). */
    private OversizedValues oversizedValues;

    /** Keeping the cache's entries across restarts (docs/persistence.md); per cache only. */
    @NestedConfigurationProperty private Persistence persistence = new Persistence();

    void putInto(Properties properties, List<String> path) {
      put(properties, path, "capacity", capacity);
      put(properties, path, "segment-size", segmentSize);
      put(properties, path, "shards", shards);
      put(properties, path, "eviction.policy", eviction.policy);
      put(properties, path, "eviction.merge-segments", eviction.mergeSegments);
      put(properties, path, "eviction.merge-target-ratio", eviction.mergeTargetRatio);
      put(properties, path, "eviction.merge-stop-ratio", eviction.mergeStopRatio);
      put(properties, path, "eviction.s3fifo-admission-ratio", eviction.s3fifoAdmissionRatio);
      put(
          properties,
          path,
          "eviction.s3fifo-promotion-threshold",
          eviction.s3fifoPromotionThreshold);
      put(properties, path, "eviction.frequency-bits", eviction.frequencyBits);
      put(properties, path, "eviction.tinylfu-window-ratio", eviction.tinylfuWindowRatio);
      put(properties, path, "expiry.after-creation", expiry.afterCreation);
      put(properties, path, "expiry.after-update", expiry.afterUpdate);
      put(properties, path, "expiry.after-access", expiry.afterAccess);
      put(properties, path, "store-by-value", storeByValue);
      put(properties, path, "statistics", statistics);
      put(properties, path, "management", management);
      put(properties, path, "key-serializer", keySerializer);
      put(properties, path, "value-serializer", valueSerializer);
      put(properties, path, "deserialization.allowed-classes", deserialization.allowedClasses);
      put(properties, path, "deserialization.max-depth", deserialization.maxDepth);
      put(properties, path, "deserialization.max-array-length", deserialization.maxArrayLength);
      put(properties, path, "deserialization.max-references", deserialization.maxReferences);
      put(properties, path, "oversized-values", oversizedValues);
      put(properties, path, "persistence.directory", persistence.directory);
      put(properties, path, "persistence.flush-interval", persistence.flushInterval);
      put(properties, path, "persistence.restore-clustered", persistence.restoreClustered);
    }

    public DataSize getCapacity() {
      return capacity;
    }

    public void setCapacity(DataSize capacity) {
      this.capacity = capacity;
    }

    public DataSize getSegmentSize() {
      return segmentSize;
    }

    public void setSegmentSize(DataSize segmentSize) {
      this.segmentSize = segmentSize;
    }

    public Integer getShards() {
      return shards;
    }

    public void setShards(Integer shards) {
      this.shards = shards;
    }

    public Eviction getEviction() {
      return eviction;
    }

    public void setEviction(Eviction eviction) {
      this.eviction = eviction;
    }

    public Expiry getExpiry() {
      return expiry;
    }

    public void setExpiry(Expiry expiry) {
      this.expiry = expiry;
    }

    public Boolean getStoreByValue() {
      return storeByValue;
    }

    public void setStoreByValue(Boolean storeByValue) {
      this.storeByValue = storeByValue;
    }

    public Boolean getStatistics() {
      return statistics;
    }

    public void setStatistics(Boolean statistics) {
      this.statistics = statistics;
    }

    public Boolean getManagement() {
      return management;
    }

    public void setManagement(Boolean management) {
      this.management = management;
    }

    public String getKeySerializer() {
      return keySerializer;
    }

    public void setKeySerializer(String keySerializer) {
      this.keySerializer = keySerializer;
    }

    public String getValueSerializer() {
      return valueSerializer;
    }

    public void setValueSerializer(String valueSerializer) {
      this.valueSerializer = valueSerializer;
    }

    public Deserialization getDeserialization() {
      return deserialization;
    }

    public void setDeserialization(Deserialization deserialization) {
      this.deserialization = deserialization;
    }

    public OversizedValues getOversizedValues() {
      return oversizedValues;
    }

    public void setOversizedValues(OversizedValues oversizedValues) {
      this.oversizedValues = oversizedValues;
    }

    public Persistence getPersistence() {
      return persistence;
    }

    public void setPersistence(Persistence persistence) {
      this.persistence = persistence;
    }
  }

  /** Persistence of one cache's entries across restarts (docs/persistence.md). */
  public static class Persistence {

    /** The directory the cache's files go to, in a subdirectory named after the cache. */
    private String directory;

    /** How often what changed is made durable: at most this much is lost in a crash (1s). */
    private Duration flushInterval;

    /** Whether a clustered cache restores its files at start (false: it missed invalidations). */
    private Boolean restoreClustered;

    public String getDirectory() {
      return directory;
    }

    public void setDirectory(String directory) {
      this.directory = directory;
    }

    public Duration getFlushInterval() {
      return flushInterval;
    }

    public void setFlushInterval(Duration flushInterval) {
      this.flushInterval = flushInterval;
    }

    public Boolean getRestoreClustered() {
      return restoreClustered;
    }

    public void setRestoreClustered(Boolean restoreClustered) {
      this.restoreClustered = restoreClustered;
    }
  }

  /** Eviction: the policy and its tuning (docs/eviction.md). */
  public static class Eviction {

    /** Which segment is emptied when the cache is full (built-in: TINYLFU). */
    private EvictionPolicy policy;

    /** MERGE: segments one merge takes, at least 2. */
    private Integer mergeSegments;

    /** MERGE: share of a merged segment's bytes that may survive, in (0, 1]. */
    private Double mergeTargetRatio;

    /** MERGE: fill of the destination at which a merge stops, in (0, 1]. */
    private Double mergeStopRatio;

    /** S3FIFO: the admission queue's share of the segments, in (0, 1). */
    private Double s3fifoAdmissionRatio;

    /** S3FIFO: reads that promote an item from the admission queue. */
    private Integer s3fifoPromotionThreshold;

    /** MERGE, S3FIFO: width of the per-item read counter, 1 to 8 bits. */
    private Integer frequencyBits;

    /** TINYLFU: the window pool's share of the segments at the start, in (0, 1). */
    private Double tinylfuWindowRatio;

    public EvictionPolicy getPolicy() {
      return policy;
    }

    public void setPolicy(EvictionPolicy policy) {
      this.policy = policy;
    }

    public Integer getMergeSegments() {
      return mergeSegments;
    }

    public void setMergeSegments(Integer mergeSegments) {
      this.mergeSegments = mergeSegments;
    }

    public Double getMergeTargetRatio() {
      return mergeTargetRatio;
    }

    public void setMergeTargetRatio(Double mergeTargetRatio) {
      this.mergeTargetRatio = mergeTargetRatio;
    }

    public Double getMergeStopRatio() {
      return mergeStopRatio;
    }

    public void setMergeStopRatio(Double mergeStopRatio) {
      this.mergeStopRatio = mergeStopRatio;
    }

    public Double getS3fifoAdmissionRatio() {
      return s3fifoAdmissionRatio;
    }

    public void setS3fifoAdmissionRatio(Double s3fifoAdmissionRatio) {
      this.s3fifoAdmissionRatio = s3fifoAdmissionRatio;
    }

    public Integer getS3fifoPromotionThreshold() {
      return s3fifoPromotionThreshold;
    }

    public void setS3fifoPromotionThreshold(Integer s3fifoPromotionThreshold) {
      this.s3fifoPromotionThreshold = s3fifoPromotionThreshold;
    }

    public Integer getFrequencyBits() {
      return frequencyBits;
    }

    public void setFrequencyBits(Integer frequencyBits) {
      this.frequencyBits = frequencyBits;
    }

    public Double getTinylfuWindowRatio() {
      return tinylfuWindowRatio;
    }

    public void setTinylfuWindowRatio(Double tinylfuWindowRatio) {
      this.tinylfuWindowRatio = tinylfuWindowRatio;
    }
  }

  /** Expiry: each duration positive, in whole milliseconds. */
  public static class Expiry {

    /** Time to live of a new entry. */
    private Duration afterCreation;

    /** An update sets the entry's time to live to this. */
    private Duration afterUpdate;

    /** A read sets the entry's time to live to this. */
    private Duration afterAccess;

    public Duration getAfterCreation() {
      return afterCreation;
    }

    public void setAfterCreation(Duration afterCreation) {
      this.afterCreation = afterCreation;
    }

    public Duration getAfterUpdate() {
      return afterUpdate;
    }

    public void setAfterUpdate(Duration afterUpdate) {
      this.afterUpdate = afterUpdate;
    }

    public Duration getAfterAccess() {
      return afterAccess;
    }

    public void setAfterAccess(Duration afterAccess) {
      this.afterAccess = afterAccess;
    }
  }

  /** Limits on Java deserialization (docs/configuration.md, Deserialization). */
  public static class Deserialization {

    /** Class-name patterns deserialization may build: com.example.**, java.base/*. */
    private List<String> allowedClasses;

    /** The deepest nesting of objects a value may have. */
    private Long maxDepth;

    /** The longest array a value may hold. */
    private Long maxArrayLength;

    /** The most objects and back-references a value may hold. */
    private Long maxReferences;

    public List<String> getAllowedClasses() {
      return allowedClasses;
    }

    public void setAllowedClasses(List<String> allowedClasses) {
      this.allowedClasses = allowedClasses;
    }

    public Long getMaxDepth() {
      return maxDepth;
    }

    public void setMaxDepth(Long maxDepth) {
      this.maxDepth = maxDepth;
    }

    public Long getMaxArrayLength() {
      return maxArrayLength;
    }

    public void setMaxArrayLength(Long maxArrayLength) {
      this.maxArrayLength = maxArrayLength;
    }

    public Long getMaxReferences() {
      return maxReferences;
    }

    public void setMaxReferences(Long maxReferences) {
      this.maxReferences = maxReferences;
    }
  }
}
