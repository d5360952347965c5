package io.cairn.jcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.engine.ByteStore;
import io.cairn.jcache.configuration.CairnConfiguration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.cache.Cache;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import org.junit.jupiter.api.Test;

/**
 * Mixed operations from several threads on a small cache that both evicts and expires: every value
 * read belongs to its key (no torn or misplaced read), no operation fails, memory stays bounded.
 */
class CacheImplStressTest extends CacheManagerFixture {
  private static final int THREADS = 4;
  private static final int KEYS = 2_000;
  private static final long MILLIS = 1_500;

  @Test
  void mixedOperations_manyThreads_keepEveryValueWithItsKey() throws Exception {
    long capacity = 256 << 10;
    Cache<Integer, String> cache =
        manager.createCache(
            "stress",
            new CairnConfiguration<Integer, String>()
                .setCapacityBytes(capacity)
                .setSegmentSize(8 << 10)
                .setExpirationIntervalMillis(20)
                .setExpiryPolicyFactory(
                    CreatedExpiryPolicy.factoryOf(new Duration(TimeUnit.MILLISECONDS, 100)))
                .setTypes(Integer.class, String.class));
    AtomicLong reads = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(MILLIS);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      done.add(
          pool.submit(
              () -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (System.nanoTime() < end) {
                  int key = random.nextInt(KEYS);
                  String value = key + ":" + "x".repeat(random.nextInt(200));
                  switch (random.nextInt(6)) {
                    case 0, 1 -> cache.put(key, value);
                    case 2 -> check(key, cache.getAndPut(key, value));
                    case 3 -> cache.remove(key);
                    case 4 ->
                        cache.invoke(
                            key,
                            (entry, args) -> {
                              check(key, entry.getValue());
                              entry.setValue(value);
                              return null;
                            });
                    default -> {
                      check(key, cache.get(key));
                      reads.incrementAndGet();
                    }
                  }
                }
                return null;
              }));
    }
    for (Future<?> f : done) {
      f.get(30, TimeUnit.SECONDS);
    }
    pool.shutdown();
    ByteStore engine = cache.unwrap(ByteStore.class);
    assertTrue(engine.stats().committedBytes() <= capacity, engine.stats().toString());
    assertTrue(reads.get() > 0);
    for (Cache.Entry<Integer, String> entry : cache) {
      check(entry.getKey(), entry.getValue());
    }
  }

  private static void check(int key, String value) {
    if (value != null) {
      assertEquals(String.valueOf(key), value.substring(0, value.indexOf(':')));
    }
  }
}
