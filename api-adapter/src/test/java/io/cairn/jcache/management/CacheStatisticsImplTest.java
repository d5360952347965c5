package io.cairn.jcache.management;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cairn.jcache.CacheImpl;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.integration.CacheLoader;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The counts of every cache operation, as the specification's statistics table defines them. */
class CacheStatisticsImplTest {
  private CacheManager manager;
  private Cache<String, String> cache;
  private CacheStatisticsImpl stats;

  /** Loads "loaded-" + key for keys starting with "db"; nothing for others. */
  public static final class Loader implements CacheLoader<String, String> {
    @Override
    public String load(String key) {
      return key.startsWith("db") ? "loaded-" + key : null;
    }

    @Override
    public Map<String, String> loadAll(Iterable<? extends String> keys) {
      Map<String, String> loaded = new java.util.HashMap<>();
      keys.forEach(k -> loaded.put(k, load(k)));
      return loaded;
    }
  }

  @BeforeEach
  void open() {
    manager = Caching.getCachingProvider().getCacheManager(URI.create("test:stats,a=b:c"), null);
    cache =
        manager.createCache(
            "stats:cache",
            new MutableConfiguration<String, String>()
                .setTypes(String.class, String.class)
                .setStatisticsEnabled(true)
                .setManagementEnabled(true)
                .setReadThrough(true)
                .setCacheLoaderFactory(FactoryBuilder.factoryOf(Loader.class)));
    stats = cache.unwrap(CacheImpl.class).statistics();
  }

  @AfterEach
  void close() {
    manager.close();
  }

  private void assertCounts(long hits, long misses, long puts, long removals) {
    assertEquals(hits, stats.getCacheHits(), "hits");
    assertEquals(misses, stats.getCacheMisses(), "misses");
    assertEquals(hits + misses, stats.getCacheGets(), "gets");
    assertEquals(puts, stats.getCachePuts(), "puts");
    assertEquals(removals, stats.getCacheRemovals(), "removals");
  }

  @Test
  void everyOperation_statisticsEnabled_countsAsSpecified() {
    cache.put("a", "1");
    assertCounts(0, 0, 1, 0);
    cache.get("a");
    assertCounts(1, 0, 1, 0);
    cache.get("nothing"); // a miss; the loader has nothing, so nothing is stored
    assertCounts(1, 1, 1, 0);
    cache.get("db1"); // a miss that loads: a load is not a put
    assertCounts(1, 2, 1, 0);
    cache.containsKey("a");
    assertCounts(1, 2, 1, 0);
    cache.getAndPut("a", "2");
    assertCounts(2, 2, 2, 0);
    cache.putIfAbsent("a", "3");
    assertCounts(3, 2, 2, 0);
    cache.putIfAbsent("b", "1");
    assertCounts(3, 3, 3, 0);
    cache.replace("a", "wrong", "4");
    assertCounts(4, 3, 3, 0);
    cache.replace("a", "2", "4");
    assertCounts(5, 3, 4, 0);
    cache.replace("zz", "5");
    assertCounts(5, 4, 4, 0);
    cache.getAndReplace("a", "5");
    assertCounts(6, 4, 5, 0);
    cache.putAll(Map.of("c", "1", "d", "1"));
    assertCounts(6, 4, 7, 0);
    cache.getAll(Set.of("c", "d", "nope"));
    assertCounts(8, 5, 7, 0);
    cache.remove("c");
    assertCounts(8, 5, 7, 1);
    cache.remove("d", "wrong");
    assertCounts(9, 5, 7, 1);
    cache.getAndRemove("d");
    assertCounts(10, 5, 7, 2);
    cache.getAndRemove("d");
    assertCounts(10, 6, 7, 2);
    cache.invoke("never-read", (entry, args) -> null); // no read, still a miss
    assertCounts(10, 7, 7, 2);
    cache.invoke("a", (entry, args) -> null); // no read, still a hit
    assertCounts(11, 7, 7, 2);
    cache.invoke(
        "a",
        (entry, args) -> {
          entry.setValue("6");
          return null;
        });
    assertCounts(12, 7, 8, 2);
    cache.invoke(
        "a",
        (entry, args) -> {
          entry.remove();
          return null;
        });
    assertCounts(13, 7, 8, 3);
    long entries = 0;
    for (Cache.Entry<String, String> ignored : cache) {
      entries++;
    }
    assertCounts(13 + entries, 7, 8, 3);
    cache.removeAll();
    assertCounts(13 + entries, 7, 8, 3 + entries);
    cache.put("x", "1");
    cache.clear(); // clear counts nothing
    assertCounts(13 + entries, 7, 9, 3 + entries);
  }

  @Test
  void percentagesAndClear_afterGets_areConsistent() {
    cache.put("a", "1");
    cache.get("a");
    cache.get("a");
    cache.get("a");
    cache.get("none");
    assertEquals(75f, stats.getCacheHitPercentage());
    assertEquals(25f, stats.getCacheMissPercentage());
    stats.clear();
    assertCounts(0, 0, 0, 0);
    assertEquals(0f, stats.getCacheHitPercentage());
  }

  @Test
  void disabledStatistics_anyOperation_countsNothing() {
    manager.enableStatistics(cache.getName(), false);
    cache.put("a", "1");
    cache.get("a");
    assertCounts(0, 0, 0, 0);
  }

  @Test
  void mxBeans_registered_underEscapedNames() throws Exception {
    ObjectName name =
        new ObjectName(
            "javax.cache:type=CacheStatistics,CacheManager=test.stats.a.b.c,Cache=stats.cache");
    var server = ManagementFactory.getPlatformMBeanServer();
    cache.put("a", "1");
    assertEquals(1L, server.getAttribute(name, "CachePuts"));
    ObjectName config =
        new ObjectName(
            "javax.cache:type=CacheConfiguration,CacheManager=test.stats.a.b.c,Cache=stats.cache");
    assertEquals("java.lang.String", server.getAttribute(config, "KeyType"));
    manager.enableManagement(cache.getName(), false);
    assertEquals(false, server.isRegistered(config));
    cache.close();
    assertEquals(false, server.isRegistered(name));
  }
}
