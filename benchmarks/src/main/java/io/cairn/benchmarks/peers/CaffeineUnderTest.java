package io.cairn.benchmarks.peers;

import com.github.benmanes.caffeine.cache.Cache;

/** Caffeine through its own API: the on-heap reference, store-by-reference. */
final class CaffeineUnderTest implements CacheUnderTest {

  private final Cache<Long, Object> cache;

  CaffeineUnderTest(Cache<Long, Object> cache) {
    this.cache = cache;
  }

  @Override
  public Object get(Long key) {
    return cache.getIfPresent(key);
  }

  @Override
  public void put(Long key, Object value) {
    cache.put(key, value);
  }

  @Override
  public void close() {
    cache.invalidateAll();
  }
}
