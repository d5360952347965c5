package io.cairn.jcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.Test;

/**
 * Proves that entry processors are atomic per key: concurrent increments lose no update, and puts
 * that skip reading the entry stay atomic with them.
 */
class CacheImplConcurrencyTest {
  private static final int THREADS = 4;
  private static final int INCREMENTS = 5_000;

  @Test
  void invoke_concurrentIncrementsOnOneKey_loseNoUpdate() throws Exception {
    for (boolean byValue : new boolean[] {true, false}) {
      CacheManager manager =
          Caching.getCachingProvider().getCacheManager(URI.create("test:concurrency"), null);
      try {
        Cache<String, Long> cache =
            manager.createCache(
                "counter",
                new MutableConfiguration<String, Long>()
                    .setTypes(String.class, Long.class)
                    .setStoreByValue(byValue)
                    .setStatisticsEnabled(true));
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          done.add(
              pool.submit(
                  () -> {
                    start.await();
                    for (int i = 0; i < INCREMENTS; i++) {
                      cache.invoke(
                          "n",
                          (entry, args) -> {
                            Long n = entry.getValue();
                            entry.setValue(n == null ? 1L : n + 1);
                            return null;
                          });
                    }
                    return null;
                  }));
        }
        start.countDown();
        for (Future<?> f : done) {
          f.get();
        }
        pool.shutdown();
        assertEquals(THREADS * INCREMENTS, cache.get("n"), "byValue=" + byValue);
        var stats = cache.unwrap(CacheImpl.class).statistics();
        assertEquals(THREADS * INCREMENTS, stats.getCachePuts());
        assertEquals(1, stats.getCacheMisses()); // only the very first invoke found nothing
      } finally {
        manager.close();
      }
    }
  }

  /**
   * A put that skips reading the entry (no writer, no listener, an eternal policy) still holds the
   * key: it waits for an entry processor working on that key and lands after it, never between the
   * processor's read and its commit (which would lose the put, or the processor's change).
   */
  @Test
  void put_whileAnEntryProcessorHoldsTheKey_waitsAndLandsAfterIt() throws Exception {
    for (boolean byValue : new boolean[] {true, false}) {
      CacheManager manager =
          Caching.getCachingProvider().getCacheManager(URI.create("test:blind-put"), null);
      try {
        Cache<String, Long> cache =
            manager.createCache(
                "c",
                new MutableConfiguration<String, Long>()
                    .setTypes(String.class, Long.class)
                    .setStoreByValue(byValue)
                    .setStatisticsEnabled(true));
        cache.put("k", 1L);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Future<Long> processor =
            pool.submit(
                () ->
                    cache.invoke(
                        "k",
                        (entry, args) -> {
                          inside.countDown();
                          await(release);
                          entry.setValue(entry.getValue() + 10);
                          return entry.getValue();
                        }));
        assertTrue(inside.await(10, TimeUnit.SECONDS));
        Future<?> put = pool.submit(() -> cache.put("k", 100L));
        Thread.sleep(100);
        assertFalse(put.isDone(), "the put waits for the key");
        release.countDown();
        assertEquals(11L, processor.get(10, TimeUnit.SECONDS));
        put.get(10, TimeUnit.SECONDS);
        assertEquals(100L, cache.get("k"), "byValue=" + byValue);
        assertEquals(3, cache.unwrap(CacheImpl.class).statistics().getCachePuts());
        pool.shutdown();
      } finally {
        manager.close();
      }
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
