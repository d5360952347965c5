package io.cairn.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The contract under UTIL, and UTIL's own promise: a segment emptied by overwrites goes before one
 * full of live entries.
 */
final class UtilByteStoreTest extends ByteStoreContractTest {

  /** Live entries written first: about a fifth of the small store. */
  private static final int OLDER_KEYS = 1_000;

  /** Keys overwritten again and again after them. */
  private static final int CHURNED_KEYS = 20;

  @Override
  protected EvictionPolicy policy() {
    return EvictionPolicy.UTIL;
  }

  @Test
  void put_churnAfterOlderData_evictsEmptiedSegmentsAndKeepsEveryLiveEntry() {
    churnAfterOlderData();
    for (int i = 0; i < OLDER_KEYS; i++) {
      assertArrayEquals(valueFor(i), store().get(keyFor(i)), "older key " + i);
    }
    List<RemovalRecorder.Removal> evicted = removals().withCause(RemovalCause.EVICTED);
    assertEquals(List.of(), evicted, "only dead items had to go");
  }

  /**
   * In one shard of the small store, writes {@link #OLDER_KEYS} entries, then overwrites {@link
   * #CHURNED_KEYS} other keys until three times the capacity is written, and checks that the
   * churned keys hold their last values.
   */
  private void churnAfterOlderData() {
    ByteStore s = openSmall(1);
    for (int i = 0; i < OLDER_KEYS; i++) {
      s.put(keyFor(i), valueFor(i), ByteStore.ETERNAL);
    }
    int rounds = (int) (3 * SMALL_CAPACITY / (CHURNED_KEYS * 200L));
    for (int r = 0; r < rounds; r++) {
      for (int j = 0; j < CHURNED_KEYS; j++) {
        s.put(keyFor(OLDER_KEYS + j), TestBytes.bytes(200, r), ByteStore.ETERNAL);
      }
    }
    for (int j = 0; j < CHURNED_KEYS; j++) {
      assertArrayEquals(
          TestBytes.bytes(200, rounds - 1), s.get(keyFor(OLDER_KEYS + j)), "churned " + j);
    }
  }
}
