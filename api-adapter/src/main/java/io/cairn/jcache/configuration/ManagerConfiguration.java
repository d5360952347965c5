package io.cairn.jcache.configuration;

import com.typesafe.config.Config;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import javax.cache.configuration.Factory;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.expiry.EternalExpiryPolicy;
import javax.cache.expiry.ExpiryPolicy;

/**
 * What a cache manager's configuration file declares: the defaults of every cache it creates, the
 * sections of named caches, and the optional bound shared by all its caches. Read by {@link
 * ConfigFileReader}; a manager without a file gets {@link #BUILT_IN}.
 *
 * <p>Threading: immutable; every configuration it hands out is a fresh copy.
 */
public final class ManagerConfiguration {

  /** No file: Cairn's built-in defaults, no named caches, no shared bound. */
  public static final ManagerConfiguration BUILT_IN =
      new ManagerConfiguration(null, null, 0, new CairnConfiguration<>(), Map.of(), null);

  private final URI source;
  private final String label;
  private final long totalCapacityBytes;
  private final CairnConfiguration<Object, Object> defaults;
  private final Map<String, CairnConfiguration<Object, Object>> caches;
  private final Config cluster; // null without a cairn.cluster section

  ManagerConfiguration(
      URI source,
      String label,
      long totalCapacityBytes,
      CairnConfiguration<Object, Object> defaults,
      Map<String, CairnConfiguration<Object, Object>> caches,
      Config cluster) {
    this.source = source;
    this.label = label;
    this.cluster = cluster;
    this.totalCapacityBytes = totalCapacityBytes;
    this.defaults = defaults;
    this.caches = Collections.unmodifiableMap(new LinkedHashMap<>(caches));
  }

  /**
   * The URI of the manager this configures (naming the file read, if any, and holding the {@code
   * cairn.*} properties given with it), or {@code null} for {@link #BUILT_IN}.
   */
  public URI source() {
    return source;
  }

  /**
   * What messages about a setting name as its origin: the file's URI, or the {@code cairn.*}
   * properties and the file; {@code "the built-in defaults"} for {@link #BUILT_IN}.
   */
  public String label() {
    return label == null ? "the built-in defaults" : label;
  }

  /**
   * The {@code cairn.cluster} section as written (its keys relative to it, unchecked: the cluster
   * module checks them), or {@code null} if there is none. Internal, for the cluster extension.
   */
  public Config clusterSection() {
    return cluster;
  }

  /** {@code cairn.total-capacity} in bytes, or 0 when the caches have only their own bounds. */
  public long totalCapacityBytes() {
    return totalCapacityBytes;
  }

  /** The names of the caches declared under {@code cairn.caches}, sorted. */
  public Set<String> cacheNames() {
    return caches.keySet();
  }

  /** Whether {@code cacheName} has a section under {@code cairn.caches}. */
  public boolean declares(String cacheName) {
    return caches.containsKey(cacheName);
  }

  /**
   * A fresh configuration for {@code cacheName}: the defaults with its section on top, or the
   * defaults alone when it has none. Its key and value types are {@code Object}.
   */
  public <K, V> CairnConfiguration<K, V> configurationFor(String cacheName) {
    @SuppressWarnings("unchecked")
    CairnConfiguration<K, V> template =
        (CairnConfiguration<K, V>) caches.getOrDefault(cacheName, defaults);
    return new CairnConfiguration<>(template);
  }

  /**
   * {@code configuration}, a plain JCache configuration copied, completed from the file's settings
   * for {@code cacheName}: Cairn's own (capacity, segment size, shards, eviction, serializers,
   * oversized values, cluster mode, persistence) always, and the JCache settings the configuration
   * leaves at JCache's defaults: statistics and management turned on, an expiry policy where it has
   * the eternal one, store-by-reference where it stores by value. Frameworks that create caches on
   * the fly pass JCache's defaults (Hibernate: {@code new MutableConfiguration<>()}); this is how
   * the file's {@code defaults} reach them.
   */
  public <K, V> CairnConfiguration<K, V> withFileSettings(
      String cacheName, CairnConfiguration<K, V> configuration) {
    CairnConfiguration<Object, Object> file = caches.getOrDefault(cacheName, defaults);
    configuration.setEngineSettings(file);
    if (file.isStatisticsEnabled()) {
      configuration.setStatisticsEnabled(true);
    }
    if (file.isManagementEnabled()) {
      configuration.setManagementEnabled(true);
    }
    if (!file.isStoreByValue()) {
      configuration.setStoreByValue(false);
    }
    if (isEternal(configuration.getExpiryPolicyFactory())
        && !isEternal(file.getExpiryPolicyFactory())) {
      configuration.setExpiryPolicyFactory(file.getExpiryPolicyFactory());
    }
    return configuration;
  }

  /**
   * Whether {@code factory} is one of JCache's own factories of {@link EternalExpiryPolicy} (the
   * default of every JCache configuration). Only those are asked to create a policy here: a user's
   * factory is never called for the sake of this check.
   */
  private static boolean isEternal(Factory<? extends ExpiryPolicy> factory) {
    return (factory instanceof FactoryBuilder.SingletonFactory<?>
            || factory instanceof FactoryBuilder.ClassFactory<?>)
        && factory.create() instanceof EternalExpiryPolicy;
  }

  @Override
  public String toString() {
    return "ManagerConfiguration{source="
        + source
        + ", totalCapacityBytes="
        + totalCapacityBytes
        + ", caches="
        + caches.keySet()
        + (cluster == null ? "" : ", cluster")
        + '}';
  }
}
