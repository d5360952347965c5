package io.cairn.benchmarks.peers;

import io.cairn.engine.ByteStore;
import java.lang.management.ManagementFactory;
import java.util.Set;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.Configuration;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * A cache reached only through {@code javax.cache}: its provider picked by class name with {@link
 * Caching#getCachingProvider(String)}, so that several providers share one classpath, and a cache
 * manager of its own that {@link #close} closes.
 *
 * <p>With statistics on ({@link CacheManager#enableStatistics}, before the first operation), its
 * evictions are the {@code CacheEvictions} attribute of the provider's {@code CacheStatistics}
 * MXBean, read as a user would; without, only Cairn reports them, from its engine. One such cache
 * per JVM at a time: the MXBean is found by the cache's name.
 */
final class JCacheUnderTest implements CacheUnderTest {

  /** The name of every cache opened here. */
  private static final String NAME = "peers";

  private final CacheManager manager;
  private final Cache<Long, Object> cache;
  private final ByteStore engine; // Cairn's, for its own byte count; null for the peers
  private final boolean statistics;

  JCacheUnderTest(
      String providerClass, Configuration<Long, Object> configuration, boolean statistics) {
    this.manager = Caching.getCachingProvider(providerClass).getCacheManager();
    this.cache = manager.createCache(NAME, configuration);
    this.engine = providerClass.startsWith("io.cairn.") ? cache.unwrap(ByteStore.class) : null;
    this.statistics = statistics;
    if (statistics) {
      manager.enableStatistics(NAME, true);
    }
  }

  @Override
  public Object get(Long key) {
    return cache.get(key);
  }

  @Override
  public void put(Long key, Object value) {
    cache.put(key, value);
  }

  @Override
  public long nativeBytes() {
    return engine == null ? -1 : engine.stats().committedBytes();
  }

  @Override
  public long evictions() {
    if (statistics) {
      return statisticsEvictions();
    }
    return engine == null ? -1 : engine.stats().evictions();
  }

  @Override
  public long lockedReads() {
    return engine == null ? -1 : engine.stats().lockedReads();
  }

  @Override
  public boolean needsRebuild() {
    return engine != null && EngineUnderTest.overHalfFull(engine);
  }

  @Override
  public void close() {
    manager.close();
  }

  private static long statisticsEvictions() {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    try {
      Set<ObjectName> names =
          server.queryNames(
              new ObjectName("javax.cache:type=CacheStatistics,Cache=" + NAME + ",*"), null);
      if (names.size() != 1) {
        throw new IllegalStateException("statistics MXBeans=" + names + " for cache=" + NAME);
      }
      return ((Number) server.getAttribute(names.iterator().next(), "CacheEvictions")).longValue();
    } catch (JMException e) {
      throw new IllegalStateException("cannot read CacheEvictions of cache=" + NAME, e);
    }
  }
}
