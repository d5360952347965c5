package io.cairn.jcache.management;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.jcache.CacheImpl;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
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
  void readCounters_countWithStatisticsOffAndAccessExpiry_andAreNeverReset() {
    Cache<String, String> plain =
        manager.createCache(
            "reads",
            new MutableConfiguration<String, String>()
                .setTypes(String.class, String.class)
                .setExpiryPolicyFactory(
                    // access expiry: a get reads and touches the entry in one engine operation
                    javax.cache.expiry.AccessedExpiryPolicy.factoryOf(Duration.ONE_HOUR)));
    CairnReadCounters reads = plain.unwrap(CairnReadCounters.class);
    plain.put("a", "1");
    plain.get("a");
    plain.get("a");
    plain.get("none");
    plain.invoke("none", (entry, arguments) -> entry.exists());
    assertEquals(2, reads.hitCount());
    assertEquals(2, reads.missCount());
    CairnStatisticsMXBean statistics = plain.unwrap(CairnStatisticsMXBean.class);
    assertEquals(0, statistics.getCacheHits(), "JCache's statistics stay off");
    statistics.clear();
    plain.clear();
    assertEquals(2, reads.hitCount(), "never reset: a metrics counter only grows");
    assertEquals(2, reads.missCount());
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
  void skippedPut_isCountedAlwaysAndTakesBackACountedPut() {
    CacheStatisticsImpl statistics = new CacheStatisticsImpl();
    statistics.setEnabled(true);
    statistics.put(1, statistics.start());
    statistics.skippedPut(true);
    assertEquals(0, statistics.getCachePuts());
    assertEquals(1, statistics.getCacheSkippedPuts());

    statistics.skippedPut(true); // a bulk put's skip, taken back before the put is added
    assertEquals(0, statistics.getCachePuts(), "never negative");
    statistics.put(2, statistics.start());
    assertEquals(1, statistics.getCachePuts());

    statistics.setEnabled(false);
    statistics.skippedPut(false);
    assertEquals(3, statistics.getCacheSkippedPuts(), "counted while disabled");
    statistics.clear();
    assertEquals(0, statistics.getCacheSkippedPuts());
  }

  @Test
  void disabledStatistics_anyOperation_countsNothing() {
    manager.enableStatistics(cache.getName(), false);
    cache.put("a", "1");
    cache.get("a");
    assertCounts(0, 0, 0, 0);
  }

  @Test
  void averageTimes_afterOperations_arePositive_andZeroAfterClear() {
    assertEquals(0f, stats.getAverageGetTime());
    assertEquals(0f, stats.getAveragePutTime());
    assertEquals(0f, stats.getAverageRemoveTime());
    for (int i = 0; i < 200; i++) {
      cache.put("k" + i, "v" + i);
      cache.get("k" + i);
      cache.remove("k" + i);
    }
    assertCounts(200, 0, 200, 200);
    assertTrue(stats.getAverageGetTime() > 0f, "get time");
    assertTrue(stats.getAveragePutTime() > 0f, "put time");
    assertTrue(stats.getAverageRemoveTime() > 0f, "remove time");
    stats.clear();
    assertEquals(0f, stats.getAverageGetTime());
    assertEquals(0f, stats.getAveragePutTime());
    assertEquals(0f, stats.getAverageRemoveTime());
  }

  @Test
  void getAll_readThrough_countsEveryMissingKeyAsAMissAndNoPut() {
    cache.put("a", "1");
    Map<String, String> all = cache.getAll(Set.of("a", "db1", "nothing"));
    assertEquals(Map.of("a", "1", "db1", "loaded-db1"), all);
    assertCounts(1, 2, 1, 0);
    cache.getAll(Set.of("a", "db1")); // the loaded key is now a hit
    assertCounts(3, 2, 1, 0);
  }

  @Test
  void invokeAll_eachKey_countsLikeOneInvoke() {
    cache.put("a", "1");
    cache.put("b", "2");
    cache.invokeAll(
        Set.of("a", "b", "c"),
        (entry, args) -> {
          entry.setValue("x");
          return null;
        });
    assertCounts(2, 1, 5, 0);
    cache.invokeAll(
        Set.of("a", "nothing"),
        (entry, args) -> {
          entry.remove();
          return null;
        });
    assertCounts(3, 2, 5, 1);
  }

  @Test
  void invoke_readThroughLoad_isAMissNotAPut_untilTheProcessorSets() {
    cache.invoke("db1", (entry, args) -> entry.getValue());
    assertCounts(0, 1, 0, 0);
    assertEquals("loaded-db1", cache.get("db1"));
    assertCounts(1, 1, 0, 0);
    cache.invoke(
        "db2",
        (entry, args) -> {
          entry.setValue(entry.getValue() + "!");
          return null;
        });
    assertCounts(1, 2, 1, 0);
    assertEquals("loaded-db2!", cache.get("db2"));
  }

  @Test
  void absentKeys_conditionalOperations_countMissesButNoPutsOrRemovals() {
    assertNull(cache.getAndPut("a", "1")); // a miss and a put
    assertCounts(0, 1, 1, 0);
    assertFalse(cache.replace("absent", "1", "2"));
    assertFalse(cache.remove("absent", "1"));
    assertNull(cache.getAndReplace("absent", "1"));
    assertCounts(0, 4, 1, 0);
    assertFalse(cache.remove("absent")); // neither a get nor a removal
    cache.removeAll(Set.of("a", "absent")); // one removal: only "a" was there
    assertCounts(0, 4, 1, 1);
  }

  @Test
  void iterator_nextAndRemove_countAHitAndARemoval() {
    cache.put("a", "1");
    Iterator<Cache.Entry<String, String>> it = cache.iterator();
    assertEquals("a", it.next().getKey());
    it.remove();
    assertCounts(1, 0, 1, 1);
    assertFalse(cache.iterator().hasNext());
    assertCounts(1, 0, 1, 1);
  }

  @Test
  void get_expiredEntry_countsAMissAndNoRemoval() throws InterruptedException {
    Cache<String, String> expiring =
        manager.createCache(
            "expiring",
            new MutableConfiguration<String, String>()
                .setTypes(String.class, String.class)
                .setStatisticsEnabled(true)
                .setExpiryPolicyFactory(
                    CreatedExpiryPolicy.factoryOf(new Duration(TimeUnit.MILLISECONDS, 50))));
    CacheStatisticsImpl expiringStats = expiring.unwrap(CacheImpl.class).statistics();
    expiring.put("k", "v");
    Thread.sleep(150);
    assertNull(expiring.get("k"));
    assertEquals(0, expiringStats.getCacheHits());
    assertEquals(1, expiringStats.getCacheMisses());
    assertEquals(1, expiringStats.getCachePuts());
    assertEquals(0, expiringStats.getCacheRemovals(), "an expiry is not a removal");
  }

  @Test
  void reenabledStatistics_afterDisabling_keepsEarlierCountsAndCountsAgain() {
    cache.put("a", "1");
    manager.enableStatistics(cache.getName(), false);
    cache.put("b", "2");
    cache.get("a");
    manager.enableStatistics(cache.getName(), true);
    assertCounts(0, 0, 1, 0);
    cache.get("b");
    assertCounts(1, 0, 1, 0);
  }

  @Test
  void mxBeans_registered_underEscapedUriAndQuotedCacheName() throws Exception {
    String cacheName = ObjectName.quote("stats:cache");
    ObjectName name =
        new ObjectName(
            "javax.cache:type=CacheStatistics,CacheManager=test.stats.a.b.c,Cache=" + cacheName);
    var server = ManagementFactory.getPlatformMBeanServer();
    cache.put("a", "1");
    assertEquals(1L, server.getAttribute(name, "CachePuts"));
    ObjectName config =
        new ObjectName(
            "javax.cache:type=CacheConfiguration,CacheManager=test.stats.a.b.c,Cache=" + cacheName);
    assertEquals("java.lang.String", server.getAttribute(config, "KeyType"));
    manager.enableManagement(cache.getName(), false);
    assertEquals(false, server.isRegistered(config));
    cache.close();
    assertEquals(false, server.isRegistered(name));
  }
}
