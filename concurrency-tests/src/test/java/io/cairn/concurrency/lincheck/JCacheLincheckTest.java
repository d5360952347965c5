package io.cairn.concurrency.lincheck;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.processor.EntryProcessor;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Linearizability of JCache's per-key operations on a Cairn cache (through {@code javax.cache}, the
 * provider found by name), against a {@link HashMap}, checked by Lincheck's stress strategy.
 *
 * <p>What it proves: {@code put}, {@code get}, {@code getAndPut}, {@code putIfAbsent}, both {@code
 * replace}s, {@code getAndRemove}, {@code remove} and {@code invoke} of an incrementing entry
 * processor, run concurrently on two keys, always give results that some sequential order of the
 * same calls gives on a map. The adapter prepares outside the engine and commits with a version
 * check, retrying on conflict (DESIGN.md, "prepare outside, commit inside"); a lost update, a
 * double insert or a stale old value returned by {@code getAndPut} would show as a history the map
 * cannot produce. Model checking is left out: it would instrument the whole adapter and its
 * serializers, and the engine's races are model-checked by {@link ByteStoreLincheckTest}.
 */
public class JCacheLincheckTest {

  private static final String PROVIDER = "io.cairn.jcache.spi.CairnCachingProvider";

  private static final CacheManager MANAGER =
      Caching.getCachingProvider(PROVIDER).getCacheManager();

  private static final AtomicInteger CACHES = new AtomicInteger();

  private final Cache<Integer, Integer> cache;

  public JCacheLincheckTest() {
    cache =
        MANAGER.createCache(
            "lincheck-" + CACHES.incrementAndGet(),
            new MutableConfiguration<Integer, Integer>().setTypes(Integer.class, Integer.class));
  }

  /** Adds one to the value (absent counts as 0) and returns the new value. */
  static final class Increment implements EntryProcessor<Integer, Integer, Integer> {
    @Override
    public Integer process(
        javax.cache.processor.MutableEntry<Integer, Integer> entry, Object... a) {
      int next = entry.exists() ? entry.getValue() + 1 : 1;
      entry.setValue(next);
      return next;
    }
  }

  @Operation
  public void put(
      @Param(gen = IntGen.class, conf = "1:2") int k,
      @Param(gen = IntGen.class, conf = "1:3") int v) {
    cache.put(k, v);
  }

  @Operation
  public Integer get(@Param(gen = IntGen.class, conf = "1:2") int k) {
    return cache.get(k);
  }

  @Operation
  public Integer getAndPut(
      @Param(gen = IntGen.class, conf = "1:2") int k,
      @Param(gen = IntGen.class, conf = "1:3") int v) {
    return cache.getAndPut(k, v);
  }

  @Operation
  public boolean putIfAbsent(
      @Param(gen = IntGen.class, conf = "1:2") int k,
      @Param(gen = IntGen.class, conf = "1:3") int v) {
    return cache.putIfAbsent(k, v);
  }

  @Operation
  public boolean replace(
      @Param(gen = IntGen.class, conf = "1:2") int k,
      @Param(gen = IntGen.class, conf = "1:3") int v) {
    return cache.replace(k, v);
  }

  @Operation
  public boolean replaceIf(
      @Param(gen = IntGen.class, conf = "1:2") int k,
      @Param(gen = IntGen.class, conf = "1:3") int expected,
      @Param(gen = IntGen.class, conf = "1:3") int v) {
    return cache.replace(k, expected, v);
  }

  @Operation
  public boolean remove(@Param(gen = IntGen.class, conf = "1:2") int k) {
    return cache.remove(k);
  }

  @Operation
  public Integer getAndRemove(@Param(gen = IntGen.class, conf = "1:2") int k) {
    return cache.getAndRemove(k);
  }

  @Operation
  public Integer invoke(@Param(gen = IntGen.class, conf = "1:2") int k) {
    return cache.invoke(k, new Increment());
  }

  @Test
  public void stress() {
    LincheckRuns.check(LincheckRuns.stress().sequentialSpecification(Spec.class), getClass());
  }

  // A failed check abandons its threads, possibly holding a shard's lock: close fails, never hangs.
  @AfterAll
  @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  static void closeCaches() {
    MANAGER.close();
  }

  /** The sequential specification: a map. */
  public static final class Spec {
    private final Map<Integer, Integer> map = new HashMap<>();

    public void put(int k, int v) {
      map.put(k, v);
    }

    public Integer get(int k) {
      return map.get(k);
    }

    public Integer getAndPut(int k, int v) {
      return map.put(k, v);
    }

    public boolean putIfAbsent(int k, int v) {
      return map.putIfAbsent(k, v) == null;
    }

    public boolean replace(int k, int v) {
      return map.replace(k, v) != null;
    }

    public boolean replaceIf(int k, int expected, int v) {
      return map.replace(k, expected, v);
    }

    public boolean remove(int k) {
      return map.remove(k) != null;
    }

    public Integer getAndRemove(int k) {
      return map.remove(k);
    }

    public Integer invoke(int k) {
      return map.merge(k, 1, Integer::sum);
    }
  }
}
