package io.cairn.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The contract under FIFO, and FIFO's own promise: the oldest writes are evicted first. */
final class FifoByteStoreTest extends ByteStoreContractTest {

  @Override
  protected EvictionPolicy policy() {
    return EvictionPolicy.FIFO;
  }

  @Test
  void put_fiveTimesCapacityInOneShard_evictsExactlyAPrefixOfTheWrites() {
    ByteStore s = openSmall(1);
    int n = (int) (5 * SMALL_CAPACITY / 200);
    for (int i = 0; i < n; i++) {
      s.put(keyFor(i), valueFor(i), ByteStore.ETERNAL);
    }
    TreeSet<Integer> evicted = new TreeSet<>();
    for (RemovalRecorder.Removal r : removals().withCause(RemovalCause.EVICTED)) {
      evicted.add(ByteBuffer.wrap(r.key()).getInt());
    }
    assertTrue(evicted.size() > n / 2, "most of 5x capacity is evicted: " + evicted.size());
    assertEquals(0, evicted.first());
    assertEquals(evicted.size() - 1, evicted.last(), "evicted keys are 0..m-1 with no gap");
    for (int i = evicted.size(); i < n; i++) {
      assertArrayEquals(valueFor(i), s.get(keyFor(i)), "key " + i + " is newer than every evicted");
    }
  }
}
