package io.cairn.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The contract under TINYLFU, and its own promises: a loop larger than the cache still hits (what
 * FIFO and LRU can never do), a stream of one-hit wonders does not flush entries read often, and a
 * recency-friendly stream, which its small window alone would miss, hits as FIFO's does.
 */
final class TinyLfuByteStoreTest extends ByteStoreContractTest {

  @Override
  protected EvictionPolicy policy() {
    return EvictionPolicy.TINYLFU;
  }

  /** The control: the same small one-shard store under FIFO. */
  private ByteStore openSmallFifo() {
    return harness()
        .reopen(
            b ->
                b.capacityBytes(SMALL_CAPACITY)
                    .segmentSize(SMALL_SEGMENT)
                    .shards(1)
                    .evictionPolicy(EvictionPolicy.FIFO));
  }

  /** Replays {@code passes} passes over keys 0..n-1, a miss writing the key; returns late hits. */
  private double loopHitRatio(ByteStore s, int n, int passes) {
    long hits = 0;
    long requests = 0;
    for (int pass = 0; pass < passes; pass++) {
      for (int i = 0; i < n; i++) {
        boolean hit = s.get(keyFor(i)) != null;
        if (!hit) {
          s.put(keyFor(i), valueFor(i), ByteStore.ETERNAL);
        }
        if (pass >= passes / 2) {
          requests++;
          hits += hit ? 1 : 0;
        }
      }
    }
    return (double) hits / requests;
  }

  @Test
  void get_loopLargerThanTheCache_keepsHittingWhereFifoNeverDoes() {
    ByteStore s = openSmall(1);
    int n = (int) (SMALL_CAPACITY * 3 / 2 / 230); // about 1.5 times what the store holds
    double tinyLfu = loopHitRatio(s, n, 20);
    assertTrue(tinyLfu > 0.3, "TINYLFU hit ratio on a loop: " + tinyLfu);
    ByteStore fifo = openSmallFifo();
    assertEquals(0.0, loopHitRatio(fifo, n, 20), "the control: FIFO on a loop never hits");
  }

  @Test
  void put_oneHitWondersAfterReadEntries_keepsTheReadEntries() {
    ByteStore s = openSmall(1);
    int hot = (int) (SMALL_CAPACITY / 20 / 250);
    int wonders = (int) (5 * SMALL_CAPACITY / 250);
    for (int i = 0; i < hot; i++) {
      s.put(keyFor(i), valueFor(i), ByteStore.ETERNAL);
      for (int r = 0; r < 4; r++) {
        s.get(keyFor(i));
      }
    }
    for (int i = hot; i < hot + wonders; i++) {
      s.put(keyFor(i), valueFor(i), ByteStore.ETERNAL);
      if (i % 8 == 0) {
        s.get(keyFor(i % hot)); // the hot set stays in use while the wonders stream by
      }
    }
    int kept = 0;
    for (int i = 0; i < hot; i++) {
      byte[] v = s.get(keyFor(i));
      if (v != null) {
        assertArrayEquals(valueFor(i), v, "entry " + i);
        kept++;
      }
    }
    assertTrue(kept >= hot * 9 / 10, "read entries kept: " + kept + " of " + hot);
  }

  /**
   * Each key asked for twice, {@code distance} new keys apart, a miss writing it; returns the hit
   * ratio of the second half, checking every value read.
   */
  private double recencyHitRatio(ByteStore s, int keys, int distance) {
    long hits = 0;
    long requests = 0;
    for (int i = 0; i < keys; i++) {
      for (int k : new int[] {i, i - distance}) {
        if (k < 0) {
          continue;
        }
        byte[] v = s.get(keyFor(k));
        if (v == null) {
          s.put(keyFor(k), valueFor(k), ByteStore.ETERNAL);
        } else {
          assertArrayEquals(valueFor(k), v, "entry " + k);
        }
        if (i >= keys / 2) {
          requests++;
          hits += v != null ? 1 : 0;
        }
      }
    }
    return (double) hits / requests;
  }

  @Test
  void get_keysAskedForAgainSoon_hitAsUnderFifo() {
    int held = (int) (SMALL_CAPACITY / 250); // about what the store holds
    double tinyLfu = recencyHitRatio(openSmall(1), 20 * held, held / 4);
    ByteStore fifo = openSmallFifo();
    double control = recencyHitRatio(fifo, 20 * held, held / 4);
    assertTrue(control > 0.45, "the control: FIFO hits every second request: " + control);
    assertTrue(tinyLfu > control - 0.05, "TINYLFU " + tinyLfu + ", FIFO " + control);
  }
}
