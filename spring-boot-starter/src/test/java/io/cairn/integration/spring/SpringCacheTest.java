package io.cairn.integration.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.engine.ByteStore;
import io.cairn.jcache.configuration.CairnConfiguration;
import io.cairn.jcache.management.CairnStatisticsMXBean;
import io.cairn.jcache.spi.CairnCachingProvider;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.cache.CacheManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** Spring's cache annotations over Cairn, counted by the calls that reach the service. */
@SpringBootTest(classes = CachingApplication.class)
class SpringCacheTest {
  @Autowired BookService service;
  @Autowired CacheManager cacheManager;
  @Autowired MeterRegistry registry;

  @BeforeEach
  void emptyCaches() {
    for (String name : cacheManager.getCacheNames()) {
      cacheManager.getCache(name).clear();
    }
  }

  @Test
  void theCacheManager_isCairnsOpenedOnTheConfiguredFile() {
    assertInstanceOf(CairnCachingProvider.class, cacheManager.getCachingProvider());
    assertTrue(
        cacheManager.getURI().getSchemeSpecificPart().endsWith("/cairn-spring.conf"),
        cacheManager.getURI().toString());
    assertTrue(
        cacheManager.getURI().getFragment().startsWith("spring-"),
        "a manager of this context's own: " + cacheManager.getURI());
  }

  @Test
  void cacheable_aSecondCallWithTheSameKey_doesNotReachTheService() {
    int before = service.finds();
    Book first = service.find(1);
    Book second = service.find(1);
    assertEquals(first, second);
    assertNotSame(first, second, "stored by value: each read is a copy");
    assertEquals(before + 1, service.finds());

    service.find(2);
    assertEquals(before + 2, service.finds());
  }

  @Test
  void cacheable_aNullResultIsCachedToo() {
    int before = service.finds();
    assertNull(service.find(-1));
    assertNull(service.find(-1));
    assertEquals(before + 1, service.finds());
  }

  @Test
  void cachePut_alwaysReachesTheServiceAndRefreshesTheEntry() {
    int finds = service.finds();
    int saves = service.saves();
    service.find(3);
    service.save(new Book(3, "renamed"));
    service.save(new Book(3, "renamed again"));
    assertEquals(saves + 2, service.saves());
    assertEquals("renamed again", service.find(3).title());
    assertEquals(finds + 1, service.finds());
  }

  @Test
  void cacheEvict_makesTheNextCallReachTheService() {
    int before = service.finds();
    service.find(4);
    service.find(5);
    service.evict(4);
    service.find(4);
    service.find(5);
    assertEquals(before + 3, service.finds());

    service.evictAll();
    service.find(4);
    service.find(5);
    assertEquals(before + 5, service.finds());
  }

  @Test
  void cacheableSync_concurrentCallersOfOneKey_reachTheServiceOnce() throws Exception {
    int callers = 8;
    int before = service.prices();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    try {
      List<Future<Long>> results = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return service.price("CAIRN");
                }));
      }
      start.countDown();
      for (Future<Long> result : results) {
        assertEquals((long) "CAIRN".hashCode(), result.get(30, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(before + 1, service.prices());
    assertEquals((long) "CAIRN".hashCode(), service.price("CAIRN"));
    assertEquals(before + 1, service.prices());
  }

  @Test
  void actuatorCacheMetrics_countTheHitsAndMissesOfACache() {
    double hits = gets("books", "hit");
    double misses = gets("books", "miss");
    service.find(6);
    service.find(6);
    service.find(6);
    assertEquals(hits + 2, gets("books", "hit"));
    assertEquals(misses + 1, gets("books", "miss"));
  }

  @Test
  void aCacheInTheCacheNames_takesItsSizeFromTheFile() {
    @SuppressWarnings("unchecked")
    CairnConfiguration<Object, Object> books =
        cacheManager.getCache("books").getConfiguration(CairnConfiguration.class);
    assertEquals(4L << 20, books.getCapacityBytes());
    @SuppressWarnings("unchecked")
    CairnConfiguration<Object, Object> prices =
        cacheManager.getCache("prices").getConfiguration(CairnConfiguration.class);
    assertEquals(16L << 20, prices.getCapacityBytes(), "the file's defaults");
  }

  @Test
  void aCacheDeclaredOnlyInTheFile_isCreatedFromItOnFirstUse() {
    int before = service.quotes();
    assertEquals(5L, service.quote("CAIRN"));
    assertEquals(5L, service.quote("CAIRN"));
    assertEquals(before + 1, service.quotes());

    @SuppressWarnings("unchecked")
    CairnConfiguration<Object, Object> quotes =
        cacheManager.getCache("quotes.latest").getConfiguration(CairnConfiguration.class);
    assertEquals(1L << 20, quotes.getCapacityBytes());
    assertTrue(quotes.isStatisticsEnabled());
  }

  @Test
  void aCacheCreatedAfterStartup_getsMetricsToo() {
    double hits =
        registry
            .find("cache.gets")
            .tag("cache", "quotes.latest")
            .tag("result", "hit")
            .functionCounters()
            .stream()
            .mapToDouble(c -> c.count())
            .sum();
    service.quote("ABC");
    service.quote("ABC");
    assertTrue(
        gets("quotes.latest", "hit") >= hits + 1,
        "bound when Cairn created it on first use: " + gets("quotes.latest", "hit"));
    assertEquals(
        1L << 20,
        registry.get("cairn.cache.bytes.bound").tag("cache", "quotes.latest").gauge().value());
  }

  @Test
  void aCacheCreatedAgainAfterDestroy_replacesTheFormersMeters() {
    cacheManager.createCache("recreated", new CairnConfiguration<>().setCapacityBytes(1L << 20));
    assertEquals(1L << 20, bound("recreated"));
    cacheManager.destroyCache("recreated");
    cacheManager.createCache("recreated", new CairnConfiguration<>().setCapacityBytes(2L << 20));
    try {
      assertEquals(2L << 20, bound("recreated"), "the new cache's, not the destroyed one's");
    } finally {
      cacheManager.destroyCache("recreated");
    }
  }

  private double bound(String cache) {
    return registry
        .get("cairn.cache.bytes.bound")
        .tag("cache", cache)
        .tag("cache.manager", "cacheManager")
        .gauge()
        .value();
  }

  private double gets(String cache, String result) {
    return registry
        .get("cache.gets")
        .tag("cache", cache)
        .tag("cache.manager", "cacheManager")
        .tag("result", result)
        .functionCounter()
        .count();
  }

  @Test
  void cacheable_aResultAboveTheLargestItem_isSkippedAndEveryCallWorks() {
    javax.cache.Cache<Object, Object> manuscripts = cacheManager.getCache("manuscripts");
    long limit = manuscripts.unwrap(ByteStore.class).config().maxItemBytes();
    long skipped = manuscripts.unwrap(CairnStatisticsMXBean.class).getCacheSkippedPuts();
    int before = service.manuscripts();
    for (int call = 1; call <= 3; call++) {
      String text = service.manuscript(1);
      assertTrue(text.length() > 2 * limit, "above the limit: " + text.length());
      assertEquals(before + call, service.manuscripts(), "never cached, so the method runs");
    }
    assertEquals(
        skipped + 3, manuscripts.unwrap(CairnStatisticsMXBean.class).getCacheSkippedPuts());
  }

  @Test
  void cacheableSync_aResultAboveTheLargestItem_isSkippedAndEveryCallWorks() {
    javax.cache.Cache<Object, Object> manuscripts = cacheManager.getCache("manuscripts");
    long skipped = manuscripts.unwrap(CairnStatisticsMXBean.class).getCacheSkippedPuts();
    int before = service.manuscripts();
    assertTrue(service.manuscriptSync(2).startsWith("manuscript 2 "));
    assertTrue(service.manuscriptSync(2).startsWith("manuscript 2 "));
    assertEquals(before + 2, service.manuscripts());
    assertEquals(
        skipped + 2, manuscripts.unwrap(CairnStatisticsMXBean.class).getCacheSkippedPuts());
  }
}
