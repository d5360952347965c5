package io.cairn.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The contract under S3FIFO, and S3-FIFO's own promise: an entry read while in the admission pool
 * is promoted, so a stream of one-hit wonders cannot push it out.
 */
final class S3FifoByteStoreTest extends ByteStoreContractTest {

  @Override
  protected EvictionPolicy policy() {
    return EvictionPolicy.S3FIFO;
  }

  @Test
  void put_oneHitWondersAfterReadEntries_keepsTheReadEntries() {
    ByteStore s = openSmall(1);
    int hot = (int) (SMALL_CAPACITY / 20 / 250); // 5% of the store: fits the admission pool
    int wonders = (int) (5 * SMALL_CAPACITY / 250);
    for (int i = 0; i < hot; i++) {
      s.put(keyFor(i), valueFor(i), ByteStore.ETERNAL);
      s.get(keyFor(i));
      s.get(keyFor(i));
    }
    for (int i = hot; i < hot + wonders; i++) {
      s.put(keyFor(i), valueFor(i), ByteStore.ETERNAL);
    }
    for (int i = 0; i < hot; i++) {
      assertArrayEquals(valueFor(i), s.get(keyFor(i)), "read entry " + i);
    }
    int early = 0;
    for (int i = hot; i < hot + hot; i++) {
      early += s.get(keyFor(i)) == null ? 0 : 1;
    }
    assertTrue(early < hot / 10, "early one-hit wonders still present: " + early);
  }
}
