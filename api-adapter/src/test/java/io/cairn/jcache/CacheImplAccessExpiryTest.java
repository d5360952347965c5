package io.cairn.jcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.jcache.configuration.CairnConfiguration;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.cache.Cache;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryExpiredListener;
import javax.cache.expiry.Duration;
import javax.cache.expiry.ExpiryPolicy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Access expiry touches the value that was read, never one written after it: with a read-once
 * policy and concurrent writers, no value expires without having been read.
 */
class CacheImplAccessExpiryTest extends CacheManagerFixture {
  private static final int KEYS = 4;

  /** Eternal on creation and update; expired by the first read. */
  public static final class ReadOnce implements ExpiryPolicy, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public Duration getExpiryForCreation() {
      return Duration.ETERNAL;
    }

    @Override
    public Duration getExpiryForAccess() {
      return Duration.ZERO;
    }

    @Override
    public Duration getExpiryForUpdate() {
      return Duration.ETERNAL;
    }
  }

  /** Collects the values of the EXPIRED events it hears. */
  public static final class ExpiredValues
      implements CacheEntryExpiredListener<String, Long>, Serializable {
    private static final long serialVersionUID = 1L;
    final Set<Long> values = ConcurrentHashMap.newKeySet();

    @Override
    public void onExpired(Iterable<CacheEntryEvent<? extends String, ? extends Long>> events) {
      events.forEach(e -> values.add(e.getValue()));
    }
  }

  @ParameterizedTest
  @CsvSource({"get,true", "getAll,true", "iterator,true", "get,false", "iterator,false"})
  void read_readOncePolicyWithConcurrentWriters_expiresOnlyValuesRead(String read, boolean byValue)
      throws Exception {
    ExpiredValues expired = new ExpiredValues();
    Cache<String, Long> cache =
        manager.createCache(
            "read-once",
            new CairnConfiguration<String, Long>()
                .setStoreByValue(byValue)
                .setTypes(String.class, Long.class)
                .setExpirationIntervalMillis(0)
                .setExpiryPolicyFactory(FactoryBuilder.factoryOf(ReadOnce.class))
                .addCacheEntryListenerConfiguration(
                    new MutableCacheEntryListenerConfiguration<>(
                        FactoryBuilder.factoryOf(expired), null, true, true)));
    Set<Long> seen = ConcurrentHashMap.newKeySet();
    AtomicLong next = new AtomicLong();
    long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(700);
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < 2; w++) {
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; System.nanoTime() < until; i++) {
                    cache.put("k" + i % KEYS, next.incrementAndGet());
                  }
                }));
      }
      done.add(
          pool.submit(
              () -> {
                for (int i = 0; System.nanoTime() < until; i++) {
                  readInto(cache, read, "k" + i % KEYS, seen);
                }
              }));
      for (Future<?> f : done) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    Set<Long> unread = ConcurrentHashMap.newKeySet();
    for (Long value : expired.values) {
      if (!seen.contains(value)) {
        unread.add(value);
      }
    }
    assertTrue(!expired.values.isEmpty(), "nothing was read and expired");
    assertTrue(
        unread.isEmpty(),
        unread.size() + " of " + expired.values.size() + " values expired unread: " + unread);
  }

  /** Short on creation, long on access, unchanged by an update. */
  public static final class ExtendedByReads implements ExpiryPolicy, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public Duration getExpiryForCreation() {
      return new Duration(TimeUnit.MILLISECONDS, 150);
    }

    @Override
    public Duration getExpiryForAccess() {
      return Duration.ONE_HOUR;
    }

    @Override
    public Duration getExpiryForUpdate() {
      return null;
    }
  }

  /** The cache {@link ReadingWriter} reads from; set by the test before it writes. */
  static volatile Cache<String, String> readBack;

  /** A writer that has another thread read the key, an access, while the put is under way. */
  public static final class ReadingWriter extends StubWriter {
    private static final long serialVersionUID = 1L;

    @Override
    public void write(Cache.Entry<? extends String, ? extends String> entry) {
      ExecutorService reader = Executors.newSingleThreadExecutor();
      try {
        reader.submit(() -> readBack.get(entry.getKey())).get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new AssertionError("the read during the write did not finish", e);
      } finally {
        reader.shutdownNow();
      }
    }
  }

  @ParameterizedTest
  @CsvSource({"true", "false"})
  void put_accessBetweenItsReadAndItsCommit_keepsTheAccessExpiry(boolean byValue) throws Exception {
    Cache<String, String> cache =
        manager.createCache(
            "extended-by-reads",
            new CairnConfiguration<String, String>()
                .setStoreByValue(byValue)
                .setTypes(String.class, String.class)
                .setExpirationIntervalMillis(0)
                .setExpiryPolicyFactory(FactoryBuilder.factoryOf(ExtendedByReads.class))
                .setWriteThrough(true)
                .setCacheWriterFactory(FactoryBuilder.factoryOf(ReadingWriter.class)));
    readBack = cache;
    cache.put("k", "v1"); // expires in 150 ms; the writer's read extends it to an hour
    cache.put("k", "v2"); // an update leaves the expiry as it is: the extended one
    Thread.sleep(400);
    assertEquals("v2", cache.get("k"), "the update undid the access that extended the expiry");
  }

  private static void readInto(Cache<String, Long> cache, String read, String key, Set<Long> seen) {
    switch (read) {
      case "get" -> {
        Long value = cache.get(key);
        if (value != null) {
          seen.add(value);
        }
      }
      case "getAll" -> seen.addAll(cache.getAll(Set.of(key)).values());
      default -> {
        for (Iterator<Cache.Entry<String, Long>> it = cache.iterator(); it.hasNext(); ) {
          seen.add(it.next().getValue());
        }
      }
    }
  }
}
