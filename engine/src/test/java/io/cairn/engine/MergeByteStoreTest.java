package io.cairn.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The contract under MERGE, and merge eviction's own promise: merging keeps the most frequently
 * read items of the segments it merges, so entries read often outlive entries never read.
 */
final class MergeByteStoreTest extends ByteStoreContractTest {

  @Override
  protected EvictionPolicy policy() {
    return EvictionPolicy.MERGE;
  }

  @Test
  void put_churnBesideOftenReadEntries_keepsMoreOfTheReadOnes() {
    ByteStore s = openSmall(1);
    int n = (int) (SMALL_CAPACITY / 2 / 250); // half the store, interleaved hot and cold
    for (int i = 0; i < n; i++) {
      s.put(keyFor(i), valueFor(i), ByteStore.ETERNAL);
    }
    for (int round = 0; round < 7; round++) {
      for (int i = 0; i < n; i += 2) {
        s.get(keyFor(i));
      }
    }
    for (int i = n; i < n + 2 * SMALL_CAPACITY / 250; i++) {
      s.put(keyFor(i), valueFor(i), ByteStore.ETERNAL);
    }
    int hot = 0;
    int cold = 0;
    for (int i = 0; i < n; i++) {
      if (s.get(keyFor(i)) != null) {
        if (i % 2 == 0) {
          hot++;
        } else {
          cold++;
        }
      }
    }
    assertTrue(hot > 0 && hot >= 2 * cold, "survivors: read often " + hot + ", never read " + cold);
  }
}
