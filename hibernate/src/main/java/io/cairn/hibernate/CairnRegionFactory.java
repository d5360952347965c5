package io.cairn.hibernate;

import io.cairn.cluster.ClusterNode;
import io.cairn.jcache.configuration.CairnConfiguration;
import io.cairn.jcache.configuration.ClusterMode;
import io.cairn.jcache.spi.CairnCachingProvider;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.spi.CachingProvider;
import org.hibernate.boot.spi.SessionFactoryOptions;
import org.hibernate.cache.CacheException;
import org.hibernate.cache.cfg.spi.DomainDataRegionBuildingContext;
import org.hibernate.cache.cfg.spi.DomainDataRegionConfig;
import org.hibernate.cache.spi.CacheTransactionSynchronization;
import org.hibernate.cache.spi.support.DomainDataStorageAccess;
import org.hibernate.cache.spi.support.RegionFactoryTemplate;
import org.hibernate.cache.spi.support.StorageAccess;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.engine.spi.SharedSessionContractImplementor;

/**
 * Hibernate ORM's second-level cache on Cairn, coherent across a cluster: set {@code
 * hibernate.cache.region.factory_class=io.cairn.hibernate.CairnRegionFactory} and name Cairn's file
 * with {@code hibernate.javax.cache.uri} (a class path resource or a URI). If the file has a {@code
 * cairn.cluster} section, the regions of every node on that cluster stay coherent:
 *
 * <ul>
 *   <li>entity, collection and natural-id regions by two-phase invalidation with fenced
 *       put-from-load ({@link FencedRegionStorage});
 *   <li>the update-timestamps region replicated to every member and never evicted ({@link
 *       ReplicatedTimestamps});
 *   <li>query result regions local (checked against the timestamps).
 * </ul>
 *
 * <p>Every region is a Cairn cache of its name in {@code cluster-mode = local}: the factory, not
 * the cache, keeps it coherent. A file section that gives a region another mode is refused.
 *
 * <p>Threading: Hibernate starts and stops the factory on one thread; regions and timestamps are
 * thread-safe.
 */
public final class CairnRegionFactory extends RegionFactoryTemplate {
  private static final long serialVersionUID = 1L;

  /** Hibernate's property naming Cairn's file, the one hibernate-jcache reads. */
  public static final String CONFIG_URI = "hibernate.javax.cache.uri";

  /** Timestamp units per millisecond: room for 4096 distinct timestamps a millisecond. */
  private static final int TICKS_PER_MILLI = 1 << 12;

  /** How long a soft lock lives, in timestamp units: Hibernate's own default of 60 s. */
  private static final long LOCK_TIMEOUT = 60_000L * TICKS_PER_MILLI;

  private final AtomicLong lastTimestamp = new AtomicLong();
  private transient CacheManager manager;
  private transient RegionCoherence coherence;
  private transient io.cairn.cluster.ClusterTopic topic;

  @Override
  protected void prepareForUse(SessionFactoryOptions options, Map<String, Object> properties) {
    CachingProvider provider = Caching.getCachingProvider(CairnCachingProvider.class.getName());
    manager = provider.getCacheManager(configUri(properties), provider.getDefaultClassLoader());
    ClusterNode node = clusterNode(manager);
    coherence =
        new RegionCoherence(node == null ? new Object() : node.address(), this::nextTimestamp);
    if (node != null) {
      String prefix = options.getCacheRegionPrefix();
      topic = node.openTopic("hibernate:" + (prefix == null ? "" : prefix), coherence);
      coherence.connect(topic);
    }
  }

  private static ClusterNode clusterNode(CacheManager manager) {
    try {
      return manager.unwrap(ClusterNode.class);
    } catch (IllegalArgumentException e) {
      return null; // no cairn.cluster section: one node
    }
  }

  private static URI configUri(Map<String, Object> properties) {
    Object setting = properties.get(CONFIG_URI);
    if (setting == null) {
      return null; // the provider's default manager
    }
    String value = setting.toString();
    URL resource = CairnRegionFactory.class.getClassLoader().getResource(value);
    try {
      return resource != null ? resource.toURI() : new URI(value);
    } catch (URISyntaxException e) {
      throw new CacheException(CONFIG_URI + " = " + value + " is neither a resource nor a URI", e);
    }
  }

  @Override
  protected DomainDataStorageAccess createDomainDataStorageAccess(
      DomainDataRegionConfig regionConfig, DomainDataRegionBuildingContext buildingContext) {
    String name = qualified(regionConfig.getRegionName(), buildingContext.getSessionFactory());
    FencedRegionStorage storage = new FencedRegionStorage(name, cache(name), coherence);
    coherence.register(storage);
    return storage;
  }

  @Override
  protected StorageAccess createQueryResultsRegionStorageAccess(
      String regionName, SessionFactoryImplementor sessionFactory) {
    String name = qualified(regionName, sessionFactory);
    LocalRegionStorage storage = new LocalRegionStorage(name, cache(name));
    coherence.registerQueries(storage);
    return storage;
  }

  @Override
  protected StorageAccess createTimestampsRegionStorageAccess(
      String regionName, SessionFactoryImplementor sessionFactory) {
    ReplicatedTimestamps storage =
        new ReplicatedTimestamps(qualified(regionName, sessionFactory), coherence);
    coherence.register(storage);
    return storage;
  }

  private static String qualified(String regionName, SessionFactoryImplementor sessionFactory) {
    String prefix = sessionFactory.getSessionFactoryOptions().getCacheRegionPrefix();
    return prefix == null || prefix.isEmpty() || regionName.startsWith(prefix + '.')
        ? regionName
        : prefix + '.' + regionName;
  }

  /** The region's local Cairn cache, created if the manager has none of that name. */
  private Cache<Object, Object> cache(String name) {
    Cache<Object, Object> cache = manager.getCache(name);
    if (cache == null) {
      cache =
          manager.createCache(
              name, new CairnConfiguration<Object, Object>().setClusterMode(ClusterMode.LOCAL));
    }
    @SuppressWarnings("unchecked")
    CairnConfiguration<Object, Object> configuration =
        cache.getConfiguration(CairnConfiguration.class);
    if (configuration.getClusterMode() != ClusterMode.LOCAL) {
      throw new CacheException(
          "region "
              + name
              + " has cluster-mode = "
              + configuration.getClusterMode().key()
              + "; CairnRegionFactory keeps its regions coherent itself: leave them local");
    }
    return cache;
  }

  /**
   * A timestamp: milliseconds since the epoch times {@value #TICKS_PER_MILLI}, strictly increasing
   * on this factory (Hibernate's own {@code SimpleTimestamper} units).
   */
  @Override
  public long nextTimestamp() {
    long now = System.currentTimeMillis() * TICKS_PER_MILLI;
    return lastTimestamp.updateAndGet(last -> Math.max(last + 1, now));
  }

  /**
   * A session's cache transaction, which also ends its invalidations ({@link OpenInvalidations}).
   */
  @Override
  public CacheTransactionSynchronization createTransactionContext(
      SharedSessionContractImplementor session) {
    return new OpenInvalidations(this, coherence);
  }

  @Override
  public long getTimeout() {
    return LOCK_TIMEOUT;
  }

  @Override
  protected void releaseFromUse() {
    if (topic != null) {
      topic.close();
      topic = null;
    }
    if (manager != null) {
      manager.close();
      manager = null;
    }
  }
}
