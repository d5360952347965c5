package io.cairn.jcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.engine.ByteStore;
import io.cairn.jcache.configuration.CairnConfiguration;
import java.util.SplittableRandom;
import javax.cache.Cache;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.Duration;
import javax.cache.expiry.ExpiryPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The byte bound keeps what fits in it, through JCache: entries whose TTLs all differ, and keys
 * overwritten over and over, are never evicted from a cache whose live data fits (issue #7).
 */
class CacheImplRetentionTest extends CacheManagerFixture {

  /** A different creation TTL for every entry, from 10 s to 1 h; access and update leave it. */
  public static final class SpreadExpiry implements ExpiryPolicy {
    private final SplittableRandom random = new SplittableRandom(42);

    @Override
    public synchronized Duration getExpiryForCreation() {
      return new Duration(
          java.util.concurrent.TimeUnit.MILLISECONDS, random.nextLong(10_000, 3_600_000));
    }

    @Override
    public Duration getExpiryForAccess() {
      return null;
    }

    @Override
    public Duration getExpiryForUpdate() {
      return null;
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {20_000, 200_000})
  void put_ttlsFrom10SecondsTo1HourInADefaultCache_keepsEveryEntry(int entries) {
    Cache<Integer, byte[]> cache =
        manager.createCache(
            "spread-" + entries,
            new MutableConfiguration<Integer, byte[]>()
                .setTypes(Integer.class, byte[].class)
                .setExpiryPolicyFactory(FactoryBuilder.factoryOf(SpreadExpiry.class)));
    for (int i = 0; i < entries; i++) {
      cache.put(i, new byte[100]);
    }
    ByteStore engine = cache.unwrap(ByteStore.class);
    assertEquals(0, engine.stats().evictions(), engine.stats().toString());
    for (int i = 0; i < entries; i++) {
      assertTrue(cache.containsKey(i), "lost " + i);
    }
  }

  @Test
  void put_overwritesOfEveryKeyInACacheThirtyPercentLarger_keepsEveryKey() {
    int keys = 50_000;
    Cache<Long, byte[]> cache =
        manager.createCache(
            "overwritten",
            new CairnConfiguration<Long, byte[]>()
                .setCapacityBytes(9L << 20)
                .setTypes(Long.class, byte[].class));
    SplittableRandom random = new SplittableRandom(1);
    for (int n = 0; n < 20 * keys; n++) {
      long key = n < keys ? n : random.nextInt(keys);
      byte[] value = new byte[100];
      value[0] = (byte) key;
      cache.put(key, value);
    }
    ByteStore engine = cache.unwrap(ByteStore.class);
    assertEquals(0, engine.stats().evictions(), engine.stats().toString());
    for (long i = 0; i < keys; i++) {
      assertEquals((byte) i, cache.get(i)[0], "key " + i);
    }
  }
}
