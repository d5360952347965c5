package io.cairn.jcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.engine.ByteStore;
import io.cairn.jcache.configuration.CairnConfiguration;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import javax.cache.Cache;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryExpiredListener;
import javax.cache.expiry.CreatedExpiryPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * User code runs outside every engine lock and holds only its own key: a slow writer delays no
 * other key, removal reports of other keys never wait for a held key, and a callback that closes
 * the cache does not hang.
 */
class CacheImplIsolationTest extends CacheManagerFixture {

  /** How long the slow writer blocks its key. */
  private static final long BLOCK_MILLIS = 2_000;

  /** The most any operation on another key may take while the writer blocks. */
  private static final long MAX_WAIT_MILLIS = 50;

  /** Blocks {@link #BLOCK_MILLIS} on the key "slow", announcing that it started; else returns. */
  public static final class SlowWriter extends StubWriter {
    private static final long serialVersionUID = 1L;
    static volatile CountDownLatch entered = new CountDownLatch(1);

    @Override
    public void write(Cache.Entry<? extends String, ? extends String> entry) {
      if (entry.getKey().equals("slow")) {
        entered.countDown();
        try {
          Thread.sleep(BLOCK_MILLIS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void put_writerBlocksOneKey_otherKeysOfTheShardNeverWait(boolean byValue) throws Exception {
    SlowWriter.entered = new CountDownLatch(1);
    Cache<String, String> cache =
        manager.createCache(
            "slow-writer",
            new CairnConfiguration<String, String>()
                .setShards(1) // every key in the one shard the slow key is in
                .setStoreByValue(byValue)
                .setTypes(String.class, String.class)
                .setCacheWriterFactory(FactoryBuilder.factoryOf(SlowWriter.class))
                .setWriteThrough(true));
    int keys = 1_000;
    for (int i = 0; i < keys; i++) { // warm up the paths measured below
      cache.put("k" + i, "v" + i);
      cache.get("k" + i);
    }
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      Future<?> slow = pool.submit(() -> cache.put("slow", "v"));
      assertTrue(SlowWriter.entered.await(5, TimeUnit.SECONDS), "the slow writer never started");
      long started = System.nanoTime();
      List<Future<Long>> workers = new ArrayList<>();
      for (int t = 0; t < 2; t++) {
        int offset = t;
        workers.add(
            pool.submit(
                () -> {
                  long worst = 0;
                  for (int i = offset; i < keys; i += 2) {
                    long start = System.nanoTime();
                    cache.put("k" + i, "w" + i);
                    worst = Math.max(worst, System.nanoTime() - start);
                    start = System.nanoTime();
                    cache.get("k" + i);
                    worst = Math.max(worst, System.nanoTime() - start);
                  }
                  return worst;
                }));
      }
      long worst = 0;
      for (Future<Long> worker : workers) {
        worst = Math.max(worst, worker.get(30, TimeUnit.SECONDS));
      }
      long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      assertTrue(
          elapsed < BLOCK_MILLIS, "the other keys finished only after the writer: " + elapsed);
      assertTrue(
          worst < TimeUnit.MILLISECONDS.toNanos(MAX_WAIT_MILLIS),
          "an operation on another key waited " + worst / 1_000 + " us");
      slow.get(10, TimeUnit.SECONDS);
      assertEquals("v", cache.get("slow"));
    } finally {
      pool.shutdownNow();
    }
  }

  /** The reproduction of finding 1: writers deadlocked within about 600 puts. */
  @Test
  void put_tinyCacheWithAsyncAndExpiredListeners_neverDeadlocks() {
    CountingListener expired = new CountingListener();
    CountingListener async = new CountingListener();
    Cache<String, String> cache =
        manager.createCache(
            "tiny",
            new CairnConfiguration<String, String>()
                .setCapacityBytes(128 << 10)
                .setSegmentSize(4 << 10)
                .setShards(2)
                .setExpirationIntervalMillis(0)
                .setTypes(String.class, String.class)
                .setExpiryPolicyFactory(
                    CreatedExpiryPolicy.factoryOf(
                        new javax.cache.expiry.Duration(TimeUnit.MILLISECONDS, 2)))
                .addCacheEntryListenerConfiguration(
                    new MutableCacheEntryListenerConfiguration<>(
                        FactoryBuilder.factoryOf(expired), null, false, true))
                .addCacheEntryListenerConfiguration(
                    new MutableCacheEntryListenerConfiguration<>(
                        FactoryBuilder.factoryOf(async), null, false, false)));
    int threads = 4;
    int puts = 5_000;
    assertTimeoutPreemptively(
        Duration.ofSeconds(60),
        () -> {
          ExecutorService pool = Executors.newFixedThreadPool(threads);
          try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
              done.add(
                  pool.submit(
                      () -> {
                        ThreadLocalRandom random = ThreadLocalRandom.current();
                        for (int i = 0; i < puts; i++) {
                          cache.put(randomKey(random), "v" + i);
                        }
                        return null;
                      }));
            }
            for (Future<?> f : done) {
              f.get();
            }
          } finally {
            pool.shutdownNow();
          }
        },
        "writers deadlocked");
    assertTrue(expired.expired.sum() > 0, "no expiry was reported");
  }

  /** Counts the creations and expirations it hears (a recording listener is too slow here). */
  public static final class CountingListener
      implements CacheEntryCreatedListener<String, String>,
          CacheEntryExpiredListener<String, String>,
          Serializable {
    private static final long serialVersionUID = 1L;
    final LongAdder created = new LongAdder();
    final LongAdder expired = new LongAdder();

    @Override
    public void onCreated(Iterable<CacheEntryEvent<? extends String, ? extends String>> events) {
      events.forEach(e -> created.increment());
    }

    @Override
    public void onExpired(Iterable<CacheEntryEvent<? extends String, ? extends String>> events) {
      events.forEach(e -> expired.increment());
    }
  }

  private static String randomKey(ThreadLocalRandom random) {
    char[] chars = new char[200];
    for (int i = 0; i < chars.length; i++) {
      chars[i] = (char) ('a' + random.nextInt(26));
    }
    return new String(chars);
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void invoke_processorClosesTheCache_returnsAndLeavesItClosedAndFreed(boolean byValue) {
    Cache<String, String> cache =
        manager.createCache(
            "closed-from-inside",
            new CairnConfiguration<String, String>()
                .setStoreByValue(byValue)
                .setTypes(String.class, String.class));
    cache.put("k", "v");
    ByteStore engine = cache.unwrap(CacheImpl.class).engine();
    assertTimeoutPreemptively(
        Duration.ofSeconds(10),
        () -> {
          try {
            cache.invoke(
                "k",
                (entry, args) -> {
                  cache.close();
                  entry.setValue("after-close");
                  return null;
                });
          } catch (IllegalStateException expected) {
            // the cache closed under the processor: its change cannot be made
          }
        },
        "invoke hung after the processor closed the cache");
    assertTrue(cache.isClosed());
    if (engine != null) {
      assertTrue(engine.isClosed(), "the engine's memory was not released");
    }
  }

  @Test
  void put_writerClosesTheManager_returnsAndLeavesTheCacheClosed() {
    CloseManagerWriter.manager = manager;
    Cache<String, String> cache =
        manager.createCache(
            "manager-closed-from-writer",
            new CairnConfiguration<String, String>()
                .setTypes(String.class, String.class)
                .setCacheWriterFactory(FactoryBuilder.factoryOf(CloseManagerWriter.class))
                .setWriteThrough(true));
    ByteStore engine = cache.unwrap(CacheImpl.class).engine();
    assertTimeoutPreemptively(
        Duration.ofSeconds(10),
        () -> {
          try {
            cache.put("k", "v");
          } catch (IllegalStateException expected) {
            // closed while the writer ran
          }
        },
        "put hung after the writer closed the manager");
    assertTrue(cache.isClosed());
    assertTrue(engine.isClosed(), "the engine's memory was not released");
  }

  /** Closes {@link #manager} on every write. */
  public static final class CloseManagerWriter extends StubWriter {
    private static final long serialVersionUID = 1L;
    static volatile javax.cache.CacheManager manager;

    @Override
    public void write(Cache.Entry<? extends String, ? extends String> entry) {
      manager.close();
    }
  }
}
