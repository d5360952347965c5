package io.cairn.benchmarks.hitratio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class S3FifoCacheTest {

  @Test
  void access_keyReadInTheSmallQueue_survivesAScan() {
    S3FifoCache cache = new S3FifoCache(10); // small queue 1, main queue 9
    assertFalse(cache.access(1));
    assertTrue(cache.access(1)); // read once: promoted when it leaves the small queue
    for (long key = 100; key < 1100; key++) {
      assertFalse(cache.access(key)); // seen once each: through the small queue to the ghost
    }
    assertTrue(cache.access(1));
    assertEquals(10, cache.entries());
  }

  @Test
  void access_unreadKeysLeaveFirstAndComeBackThroughTheGhost() {
    S3FifoCache cache = new S3FifoCache(10);
    for (long key = 1; key <= 11; key++) {
      assertFalse(cache.access(key)); // 11 drops 1, the oldest, into the ghost
    }
    assertTrue(cache.access(2));
    assertFalse(cache.access(1)); // promotes 2 (read) to main, drops 3 (unread); 1 goes to main
    assertTrue(cache.access(1));
    assertTrue(cache.access(2));
    assertFalse(cache.access(3));
    assertEquals(10, cache.entries());
  }

  @Test
  void access_loopOneLongerThanCache_keepsMostOfIt() {
    // Where LRU and FIFO never hit, S3-FIFO's ghost sends returning keys to the main queue, which
    // then holds them: the paper's answer to loops.
    S3FifoCache cache = new S3FifoCache(100);
    int hits = 0;
    int requests = 101 * 200;
    for (int i = 0; i < requests; i++) {
      hits += cache.access(i % 101) ? 1 : 0;
    }
    assertTrue(hits > 0.8 * requests, "hits=" + hits);
    assertEquals(100, cache.entries());
  }

  @Test
  void engineLikeGhost_loopOneLongerThanCache_losesTheLoop() {
    // Keys stay in the ghost after a ghost hit: once all have been dropped, every miss goes
    // straight to the main queue and the small queue stops filtering.
    S3FifoCache cache = S3FifoCache.engineLikeGhost(100);
    int hits = 0;
    int requests = 101 * 200;
    for (int i = 0; i < requests; i++) {
      hits += cache.access(i % 101) ? 1 : 0;
    }
    assertTrue(hits < 0.2 * requests, "hits=" + hits);
    assertEquals("S3-FIFO-engine-ghost", cache.name());
  }
}
