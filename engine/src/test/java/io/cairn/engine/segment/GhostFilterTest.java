package io.cairn.engine.segment;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GhostFilterTest {

  private final GhostFilter ghost = new GhostFilter();

  @Test
  void mightContain_recentHashes_isTrue() {
    SplittableRandom random = new SplittableRandom(1);
    long[] hashes = random.longs(5_000).toArray();
    for (long h : hashes) {
      ghost.add(h, 5_000);
    }
    for (long h : hashes) {
      assertTrue(ghost.mightContain(h));
    }
  }

  @Test
  void age_twoCapacitiesOfInsertsWithNoDrops_forgetsEveryHash() {
    ghost.add(42, 2_000);
    for (int i = 0; i < 2_000; i++) {
      ghost.age(2_000);
    }
    assertTrue(ghost.mightContain(42), "one capacity later it is still remembered");
    for (int i = 0; i < 2_000; i++) {
      ghost.age(2_000);
    }
    assertFalse(ghost.mightContain(42), "two capacities later it is forgotten");
  }

  @Test
  void mightContain_hashesNeverAdded_rarelyTrue() {
    SplittableRandom random = new SplittableRandom(2);
    for (int i = 0; i < 10_000; i++) {
      ghost.add(random.nextLong(), 10_000);
    }
    int falseHits = 0;
    for (int i = 0; i < 10_000; i++) {
      if (ghost.mightContain(random.nextLong())) {
        falseHits++;
      }
    }
    assertTrue(falseHits < 10_000 * 5 / 100, "false hits: " + falseHits);
  }

  @Test
  void mightContain_afterTwoRotations_forgets() {
    ghost.add(42, 1024);
    for (int i = 0; i < 2 * 1024; i++) {
      ghost.add(Hashing.fmix64(i + 1_000_000L), 1024);
    }
    assertFalse(ghost.mightContain(42));
  }
}
