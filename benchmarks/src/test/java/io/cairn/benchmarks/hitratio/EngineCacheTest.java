package io.cairn.benchmarks.hitratio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.engine.EvictionPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EngineCacheTest {

  private static final int SIZE = 1000;

  @Test
  void access_fifoOnCycleOneLongerThanCache_neverHits() {
    try (EngineCache cache =
        new EngineCache(EvictionPolicy.FIFO, EngineGeometry.forEntries(SIZE))) {
      assertEquals(0, replay(cache, SIZE + 1, 20 * (SIZE + 1)));
    }
  }

  @ParameterizedTest
  @EnumSource(EvictionPolicy.class)
  void access_workingSetThatFits_missesOnlyOnce(EvictionPolicy policy) {
    try (EngineCache cache = new EngineCache(policy, EngineGeometry.forEntries(SIZE))) {
      int keys = SIZE / 2;
      assertEquals(10 * keys - keys, replay(cache, keys, 10 * keys));
      assertEquals(keys, cache.entries());
    }
  }

  @ParameterizedTest
  @EnumSource(EvictionPolicy.class)
  void access_manyMoreKeysThanCache_holdsItsSegmentsAndNoMore(EvictionPolicy policy) {
    EngineGeometry geometry = EngineGeometry.forEntries(SIZE);
    try (EngineCache cache = new EngineCache(policy, geometry)) {
      long hits = replay(cache, 10 * SIZE, 50 * SIZE);
      EngineFigures figures = cache.engineFigures().orElseThrow();
      assertEquals(geometry.segments(), figures.segmentsHeld());
      assertTrue(cache.entries() <= SIZE, "entries=" + cache.entries());
      assertTrue(cache.entries() > SIZE - 2 * geometry.itemsPerSegment(), "" + cache.entries());
      assertEquals(hits, figures.storeHits());
      assertTrue(figures.committedBytes() <= geometry.capacityBytes());
    }
  }

  /** Requests keys {@code 0, 1, ..., keys - 1, 0, 1, ...}; returns the hits. */
  private static long replay(SimulatedCache cache, int keys, int requests) {
    long hits = 0;
    for (int i = 0; i < requests; i++) {
      hits += cache.access(i % keys) ? 1 : 0;
    }
    return hits;
  }
}
