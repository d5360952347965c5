package io.cairn.benchmarks.hitratio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CaffeineCacheTest {

  @Test
  void access_workingSetThatFits_missesOnlyOnce() {
    CaffeineCache caffeine = new CaffeineCache(100);
    int hits = 0;
    for (int i = 0; i < 5000; i++) {
      hits += caffeine.access(i % 50) ? 1 : 0;
    }
    assertEquals(4950, hits);
    assertEquals(50, caffeine.entries());
  }

  @Test
  void access_hotKeysAmongAScan_keepsTheHotKeys() {
    CaffeineCache caffeine = new CaffeineCache(100);
    int hotHits = 0;
    for (int i = 0; i < 20_000; i++) {
      hotHits += caffeine.access(i % 10) ? 1 : 0; // 10 hot keys
      caffeine.access(1_000_000 + i); // a scan of keys seen once
    }
    assertTrue(hotHits > 19_900, "hotHits=" + hotHits);
    assertEquals(100, caffeine.entries());
  }

  @Test
  void weighted_entriesWeighTheirSize() {
    CaffeineCache caffeine = CaffeineCache.weighted(100);
    for (int key = 0; key < 50; key++) {
      caffeine.access(key, 10);
    }
    assertTrue(caffeine.entries() <= 10, "entries=" + caffeine.entries());
  }
}
