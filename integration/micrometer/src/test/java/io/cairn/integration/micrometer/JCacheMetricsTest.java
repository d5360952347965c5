package io.cairn.integration.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.engine.ByteStore;
import io.cairn.jcache.configuration.CairnConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.JCacheMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.URL;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Micrometer's {@link JCacheMetrics} reads a Cairn cache's statistics MXBean: after a known
 * sequence of operations the registry holds exactly the hits, misses, puts, removals and evictions.
 */
class JCacheMetricsTest {
  private static final int LARGE_VALUE = 1024;

  private final MeterRegistry registry = new SimpleMeterRegistry();
  private CacheManager manager;

  @AfterEach
  void closeManager() {
    if (manager != null) {
      manager.close();
    }
  }

  @Test
  void statisticsEnabledProgrammatically_areReportedExactly() {
    manager = Caching.getCachingProvider().getCacheManager(URI.create("test:micrometer"), null);
    Cache<Object, Object> cache =
        manager.createCache(
            "metrics.small",
            new CairnConfiguration<>()
                .setCapacityBytes(64 << 10)
                .setSegmentSize(4 << 10)
                .setStatisticsEnabled(true));
    JCacheMetrics.monitor(registry, cache);

    knownSequence(cache);
    evictions(cache);
  }

  @Test
  void statisticsEnabledByTheConfigurationFile_areReportedExactly() throws Exception {
    URL file = getClass().getClassLoader().getResource("cairn-micrometer.conf");
    assertNotNull(file);
    manager = Caching.getCachingProvider().getCacheManager(file.toURI(), null);
    Cache<Object, Object> cache = manager.getCache("metrics.small");
    assertNotNull(cache, "the file declares metrics.small");
    JCacheMetrics.monitor(registry, cache);

    knownSequence(cache);
    evictions(cache);
  }

  /** Three puts, two hits, two misses, one removal (and one remove of an absent key). */
  private void knownSequence(Cache<Object, Object> cache) {
    cache.put("a", "1");
    cache.put("b", "2");
    cache.put("c", "3");
    cache.get("a");
    cache.get("b");
    cache.get("x");
    cache.get("y");
    cache.remove("c");
    cache.remove("z");

    assertEquals(2, count("cache.gets", "hit"));
    assertEquals(2, count("cache.gets", "miss"));
    assertEquals(3, count("cache.puts", null));
    assertEquals(1, registry.get("cache.removals").gauge().value());
    assertEquals(0, count("cache.evictions", null));
  }

  /** Fills the 64 KiB cache with 1 KiB values until entries are evicted. */
  private void evictions(Cache<Object, Object> cache) {
    int puts = 200;
    for (int i = 0; i < puts; i++) {
      cache.put("large" + i, "v".repeat(LARGE_VALUE));
    }
    long entries = cache.unwrap(ByteStore.class).size();
    double evicted = count("cache.evictions", null);
    assertTrue(evicted > 0, "a 64 KiB cache cannot hold 200 KiB");
    assertEquals(2 + puts - entries, evicted, "every entry that is gone was evicted");
    assertEquals(3 + puts, count("cache.puts", null));
  }

  private double count(String name, String result) {
    var search = registry.get(name).tag("cache", "metrics.small");
    if (result != null) {
      search = search.tag("result", result);
    }
    return search.functionCounter().count();
  }
}
