package io.cairn.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The contract under CTE, and CTE's own promise: what expires soonest is evicted first. */
final class CteByteStoreTest extends ByteStoreContractTest {

  @Override
  protected EvictionPolicy policy() {
    return EvictionPolicy.CTE;
  }

  @Test
  void put_beyondCapacity_evictsTheSoonestExpiringEntriesFirst() {
    ByteStore s = openSmall(1);
    int perClass = 800; // about 200 KB each: a dozen segments
    long day = now() + 86_400_000L;
    long tenMinutes = now() + 600_000L;
    for (int i = 0; i < perClass; i++) {
      s.put(keyFor(i), valueFor(i), day); // written first: FIFO would evict these first
    }
    for (int i = perClass; i < 2 * perClass; i++) {
      s.put(keyFor(i), valueFor(i), tenMinutes);
    }
    for (int i = 2 * perClass; i < 2 * perClass + 30_000; i++) {
      s.put(keyFor(i), valueFor(i), ByteStore.ETERNAL);
      if (removals().withCause(RemovalCause.EVICTED).size() >= perClass / 2) {
        break;
      }
    }
    List<RemovalRecorder.Removal> evicted = removals().withCause(RemovalCause.EVICTED);
    assertTrue(evicted.size() >= perClass / 2, "evictions: " + evicted.size());
    for (int e = 0; e < perClass / 2; e++) {
      int i = ByteBuffer.wrap(evicted.get(e).key()).getInt();
      assertTrue(
          i >= perClass && i < 2 * perClass,
          "eviction " + e + " took key " + i + " before the ten-minute entries");
    }
    assertEquals(0, s.stats().expirations());
  }
}
