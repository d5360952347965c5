package io.cairn.spring.boot;

import io.cairn.engine.ByteStore;
import io.cairn.engine.StoreStats;
import io.cairn.jcache.management.CairnReadCounters;
import io.cairn.jcache.spi.CairnCachingProvider;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.cache.CacheMeterBinder;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import javax.cache.Cache;

/**
 * A Micrometer binder of one Cairn cache that reads the engine's own counters ({@link
 * ByteStore#stats()}) and the adapter's count of reads ({@link CairnReadCounters}, which counts
 * every JCache read, also those the engine serves as a read-and-touch for access expiry): no JMX,
 * and no {@code statistics = true} needed.
 *
 * <p>Meters, each tagged {@code cache=<name>} and the given tags (Spring Boot adds {@code
 * cache.manager} and {@code name}): Micrometer's cache meters {@code cache.gets} ({@code
 * result=hit|miss}), {@code cache.puts}, {@code cache.evictions}, {@code cache.removals} (counters)
 * and {@code cache.size} (entries, a gauge); and Cairn's {@code cairn.cache.expirations} (a
 * counter), {@code cairn.cache.bytes.used} (live items), {@code cairn.cache.bytes.committed}
 * (native memory held) and {@code cairn.cache.bytes.bound} (the capacity), gauges in bytes.
 *
 * <p>Counted whatever JCache's statistics say; the counters only grow ({@code Cache.clear()} and
 * the statistics MXBean's {@code clear()} do not reset them), as Micrometer's counters expect. Once
 * the cache is closed the meters keep their last reading.
 *
 * <p>The meters hold the cache weakly, as Micrometer's own cache binders do.
 *
 * <p>Threading: thread-safe; each reading takes a snapshot of the engine's striped counters.
 */
public final class CairnCacheMetrics extends CacheMeterBinder<Cache<?, ?>> {
  /** The names of the meters this binds. */
  static final Set<String> METER_NAMES =
      Set.of(
          "cache.gets",
          "cache.puts",
          "cache.evictions",
          "cache.removals",
          "cache.size",
          "cairn.cache.expirations",
          "cairn.cache.bytes.used",
          "cairn.cache.bytes.committed",
          "cairn.cache.bytes.bound");

  private final ByteStore store;
  private final CairnReadCounters reads;
  private volatile StoreStats last; // the last reading, kept once the store is closed

  private CairnCacheMetrics(
      Cache<?, ?> cache, ByteStore store, CairnReadCounters reads, Iterable<Tag> tags) {
    super(cache, cache.getName(), tags);
    this.store = store;
    this.reads = reads;
    this.last = store.stats();
  }

  /**
   * The binder of {@code cache}, or {@code null} when it is not an open off-heap Cairn cache (a
   * cache of another provider, or a store-by-reference Cairn cache, which has no engine).
   */
  public static CairnCacheMetrics of(Object cache, Iterable<Tag> tags) {
    if (!(cache instanceof Cache<?, ?> jcache)
        || jcache.isClosed()
        || !(jcache.getCacheManager().getCachingProvider() instanceof CairnCachingProvider)) {
      return null;
    }
    ByteStore store;
    try {
      store = jcache.unwrap(ByteStore.class);
    } catch (IllegalArgumentException storeByReference) {
      return null;
    }
    return new CairnCacheMetrics(jcache, store, jcache.unwrap(CairnReadCounters.class), tags);
  }

  private StoreStats stats() {
    if (!store.isClosed()) {
      try {
        last = store.stats();
      } catch (IllegalStateException closedMeanwhile) { // StoreClosedException: keep the last
      }
    }
    return last;
  }

  @Override
  protected Long size() {
    return stats().entries();
  }

  @Override
  protected long hitCount() {
    return reads.hitCount();
  }

  @Override
  protected Long missCount() {
    return reads.missCount();
  }

  @Override
  protected Long evictionCount() {
    return stats().evictions();
  }

  @Override
  protected long putCount() {
    return stats().puts();
  }

  @Override
  protected void bindImplementationSpecificMetrics(MeterRegistry registry) {
    counter(registry, "cache.removals", "Entries removed explicitly", StoreStats::removals);
    counter(
        registry,
        "cairn.cache.expirations",
        "Entries removed because they expired",
        StoreStats::expirations);
    gauge(
        registry,
        "cairn.cache.bytes.used",
        "Bytes of live items: header, key, value",
        StoreStats::liveBytes);
    gauge(
        registry,
        "cairn.cache.bytes.committed",
        "Native bytes the cache holds: segments, index, memory awaiting release",
        StoreStats::committedBytes);
    gauge(
        registry,
        "cairn.cache.bytes.bound",
        "The cache's bound on committed bytes",
        StoreStats::capacityBytes);
  }

  private void counter(
      MeterRegistry registry, String name, String description, ToDoubleFunction<StoreStats> field) {
    FunctionCounter.builder(name, getCache(), cache -> field.applyAsDouble(stats()))
        .tags(getTagsWithCacheName())
        .description(description)
        .register(registry);
  }

  private void gauge(
      MeterRegistry registry, String name, String description, ToDoubleFunction<StoreStats> field) {
    Gauge.builder(name, getCache(), cache -> field.applyAsDouble(stats()))
        .tags(getTagsWithCacheName())
        .description(description)
        .baseUnit(BaseUnits.BYTES)
        .register(registry);
  }
}
