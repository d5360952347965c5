package io.cairn.jcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.engine.ByteStore;
import io.cairn.jcache.configuration.CairnConfiguration;
import javax.cache.Cache;
import org.junit.jupiter.api.Test;

/** A cache bounded in bytes evicts instead of growing, and counts what it evicted. */
class CacheImplEvictionTest extends CacheManagerFixture {

  @Test
  void put_beyondCapacity_evictsAndCountsEvictions() {
    long capacity = 256 << 10;
    Cache<Long, byte[]> cache =
        manager.createCache(
            "bounded",
            new CairnConfiguration<Long, byte[]>()
                .setCapacityBytes(capacity)
                .setSegmentSize(8 << 10)
                .setShards(1)
                .setStatisticsEnabled(true)
                .setTypes(Long.class, byte[].class));
    int puts = 10_000; // about 1.1 MB of payload into 256 KiB
    for (long i = 0; i < puts; i++) {
      cache.put(i, new byte[100]);
    }
    CacheImpl<?, ?> impl = cache.unwrap(CacheImpl.class);
    long evictions = impl.statistics().getCacheEvictions();
    ByteStore engine = cache.unwrap(ByteStore.class);
    assertTrue(evictions > 0, "no eviction counted");
    assertEquals(puts, engine.size() + evictions, "every entry is either stored or evicted");
    assertTrue(engine.stats().committedBytes() <= capacity, engine.stats().toString());
    assertEquals(puts, impl.statistics().getCachePuts());
    assertTrue(cache.containsKey((long) puts - 1), "the newest entry survives");
  }
}
