package io.cairn.benchmarks.hitratio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LruCacheTest {

  @Test
  void access_tinyTrace_evictsLeastRecentlyUsed() {
    LruCache lru = new LruCache(2);
    assertFalse(lru.access(1));
    assertFalse(lru.access(2));
    assertTrue(lru.access(1)); // 1 is now the most recent
    assertFalse(lru.access(3)); // evicts 2
    assertTrue(lru.access(1));
    assertFalse(lru.access(2)); // evicts 3
    assertFalse(lru.access(3));
    assertEquals(2, lru.entries());
  }

  @Test
  void access_cycleLongerThanCache_neverHits() {
    LruCache lru = new LruCache(10);
    int hits = 0;
    for (int i = 0; i < 1000; i++) {
      hits += lru.access(i % 11) ? 1 : 0;
    }
    assertEquals(0, hits);
  }

  @Test
  void access_weighted_evictsEldestUntilTheWeightFits() {
    LruCache lru = new LruCache(10);
    assertFalse(lru.access(1, 4));
    assertFalse(lru.access(2, 4));
    assertTrue(lru.access(1, 4)); // 2 is now the eldest
    assertFalse(lru.access(3, 5)); // 13 > 10: evicts 2
    assertEquals(2, lru.entries());
    assertTrue(lru.access(1, 4));
    assertFalse(lru.access(2, 4));
  }
}
