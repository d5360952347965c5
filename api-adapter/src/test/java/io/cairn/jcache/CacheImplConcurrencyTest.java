package io.cairn.jcache;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.Test;

/** Proves that entry processors are atomic per key: concurrent increments lose no update. */
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
}
