package io.cairn.benchmarks.peers;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.cairn.engine.ByteStore;
import io.cairn.engine.StoreConfig;
import io.cairn.jcache.configuration.CairnConfiguration;
import javax.cache.configuration.Configuration;
import javax.cache.configuration.MutableConfiguration;
import org.cache2k.Cache2kBuilder;
import org.cache2k.jcache.ExtendedMutableConfiguration;
import org.ehcache.config.builders.CacheConfigurationBuilder;
import org.ehcache.config.builders.ResourcePoolsBuilder;
import org.ehcache.config.units.MemoryUnit;
import org.ehcache.jsr107.Eh107Configuration;

/**
 * The caches measured side by side, each opened to hold {@code entries} entries without evicting:
 * Cairn through {@code javax.cache} and directly, the JCache providers a user would pick instead,
 * and two native references. Every JCache cache uses the JCache defaults (no expiry, no statistics,
 * no listeners) except where the name says otherwise.
 *
 * <p>The caches whose bound is a number of bytes (Cairn, Ehcache's off-heap tier, OHC) can also be
 * opened at a given bound with {@link #openBounded}, for the retention runs (issue #10); {@link
 * #open} is that same opening at a bound large enough for the entries.
 */
public enum Peer {
  /** Cairn through {@code javax.cache}: store-by-value, the JCache default. */
  CAIRN_JCACHE(true, false) {
    @Override
    CacheUnderTest open(ValueKind kind, int entries) {
      return openBounded(kind, cairnCapacity(entries));
    }

    @Override
    CacheUnderTest openBounded(ValueKind kind, long capacityBytes) {
      CairnConfiguration<Long, Object> config = new CairnConfiguration<>();
      config.setTypes(Long.class, type(kind));
      config.setCapacityBytes(capacityBytes);
      return jcache(CAIRN_PROVIDER, config);
    }
  },

  /** Cairn's engine through {@link ByteStore}, below the JCache layer. */
  CAIRN_ENGINE(false, false) {
    @Override
    CacheUnderTest open(ValueKind kind, int entries) {
      return openBounded(kind, cairnCapacity(entries));
    }

    @Override
    CacheUnderTest openBounded(ValueKind kind, long capacityBytes) {
      return new EngineUnderTest(
          ByteStore.open(StoreConfig.builder(capacityBytes).name("peers").build()), kind);
    }
  },

  /** Caffeine's JCache provider, store-by-value (copies {@code byte[]}; strings are immutable). */
  CAFFEINE_JCACHE_BY_VALUE(true, true) {
    @Override
    CacheUnderTest open(ValueKind kind, int entries) {
      return jcache(CAFFEINE_PROVIDER, typed(kind).setStoreByValue(true));
    }
  },

  /** Caffeine's JCache provider, store-by-reference. */
  CAFFEINE_JCACHE_BY_REFERENCE(true, true) {
    @Override
    CacheUnderTest open(ValueKind kind, int entries) {
      return jcache(CAFFEINE_PROVIDER, typed(kind).setStoreByValue(false));
    }
  },

  /** Ehcache 3 through JCache, heap tier, store-by-value (its serializing copier). */
  EHCACHE_HEAP(true, true) {
    @Override
    CacheUnderTest open(ValueKind kind, int entries) {
      return jcache(EHCACHE_PROVIDER, typed(kind).setStoreByValue(true));
    }
  },

  /** Ehcache 3 through JCache, off-heap tier only (serialized, so by value). */
  EHCACHE_OFFHEAP(true, false) {
    @Override
    CacheUnderTest open(ValueKind kind, int entries) {
      // ~250 bytes per entry: room for every entry (Ehcache takes the whole pool up front).
      long megabytes = Math.max(64, (long) entries * 250 >> 20);
      return jcache(EHCACHE_PROVIDER, offHeapPool(kind, megabytes << 20));
    }

    /** With JCache statistics on: Ehcache reports its evictions only through them. */
    @Override
    CacheUnderTest openBounded(ValueKind kind, long capacityBytes) {
      return new JCacheUnderTest(EHCACHE_PROVIDER, offHeapPool(kind, capacityBytes), true);
    }

    private Configuration<Long, Object> offHeapPool(ValueKind kind, long bytes) {
      return Eh107Configuration.fromEhcacheCacheConfiguration(
          CacheConfigurationBuilder.newCacheConfigurationBuilder(
                  Long.class,
                  type(kind),
                  ResourcePoolsBuilder.newResourcePoolsBuilder().offheap(bytes, MemoryUnit.B))
              .build());
    }
  },

  /** cache2k's JCache provider, store-by-reference (its by-value mode is a copying proxy). */
  CACHE2K_JCACHE(true, true) {
    @Override
    CacheUnderTest open(ValueKind kind, int entries) {
      // Typed Object: cache2k refuses an array type for values (it would compare them by identity).
      ExtendedMutableConfiguration<Long, Object> config =
          ExtendedMutableConfiguration.of(
              Cache2kBuilder.of(Long.class, Object.class).entryCapacity(2L * entries));
      config.setTypes(Long.class, Object.class);
      config.setStoreByValue(false);
      return jcache("org.cache2k.jcache.provider.JCacheProvider", config);
    }
  },

  /** Caffeine's own API, bounded to twice the entries: the on-heap reference. */
  CAFFEINE(false, true) {
    @Override
    CacheUnderTest open(ValueKind kind, int entries) {
      return new CaffeineUnderTest(Caffeine.newBuilder().maximumSize(2L * entries).build());
    }
  },

  /** OHC's own API: the off-heap reference (a hash table of {@code malloc}ed entries). */
  OHC(false, false) {
    @Override
    CacheUnderTest open(ValueKind kind, int entries) {
      return openBounded(kind, Math.max(64L << 20, (long) entries * 400));
    }

    @Override
    CacheUnderTest openBounded(ValueKind kind, long capacityBytes) {
      return OhcUnderTest.open(kind, capacityBytes);
    }
  };

  /** Cairn's JCache provider, picked by class name like every other. */
  static final String CAIRN_PROVIDER = "io.cairn.jcache.spi.CairnCachingProvider";

  private static final String CAFFEINE_PROVIDER =
      "com.github.benmanes.caffeine.jcache.spi.CaffeineCachingProvider";
  private static final String EHCACHE_PROVIDER = "org.ehcache.jsr107.EhcacheCachingProvider";

  /** Cairn's capacity: 4 GiB, committed only as data arrives; room for an iteration of puts. */
  private static final long CAIRN_CAPACITY = 4L << 30;

  private final boolean jcache;
  private final boolean onHeap;

  Peer(boolean jcache, boolean onHeap) {
    this.jcache = jcache;
    this.onHeap = onHeap;
  }

  /** Opens an empty cache for {@code entries} entries of {@code kind}. */
  abstract CacheUnderTest open(ValueKind kind, int entries);

  /**
   * Opens an empty cache of {@code kind} values bounded at {@code capacityBytes}, in the cache's
   * own terms (Cairn's capacity, Ehcache's off-heap pool, OHC's capacity), reporting its evictions
   * ({@link CacheUnderTest#evictions}).
   *
   * @throws UnsupportedOperationException if the cache is not bounded in bytes
   */
  CacheUnderTest openBounded(ValueKind kind, long capacityBytes) {
    throw new UnsupportedOperationException(this + " is not bounded in bytes");
  }

  /** Whether it is reached through {@code javax.cache}. */
  public boolean isJCache() {
    return jcache;
  }

  /** Whether it keeps its entries on the Java heap. */
  public boolean isOnHeap() {
    return onHeap;
  }

  /** Ten times the 1M-entry working set at most: the 10M footprint run needs the room. */
  private static long cairnCapacity(int entries) {
    return Math.max(CAIRN_CAPACITY, (long) entries * 400);
  }

  @SuppressWarnings("unchecked")
  private static Class<Object> type(ValueKind kind) {
    return (Class<Object>) kind.type();
  }

  /** A plain JCache configuration typed {@code <Long, kind>}, every other setting its default. */
  static MutableConfiguration<Long, Object> typed(ValueKind kind) {
    return new MutableConfiguration<Long, Object>().setTypes(Long.class, type(kind));
  }

  private static CacheUnderTest jcache(String provider, Configuration<Long, Object> config) {
    return new JCacheUnderTest(provider, config, false);
  }
}
