package io.cairn.engine.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TinyLfuTest {

  @Test
  void windowRatio_beforeTheShardEvicts_isTheConfiguredShare() {
    TinyLfu policy = new TinyLfu(0.03);
    for (long key = 1; key <= 10_000; key++) {
      policy.recordRead(key);
    }
    assertEquals(0.03, policy.windowRatio());
    assertFalse(policy.windowSecondChance());
  }

  /** Each key read twice, 100 new keys apart, then never again: LRU's best case. */
  private static void recencyTrace(TinyLfu policy, int from, int keys) {
    for (int i = from; i < from + keys; i++) {
      read(policy, i);
      if (i - 100 >= from) {
        read(policy, i - 100);
      }
    }
  }

  /** A read as the shard makes it: counted, and a miss inserted; every read here may miss. */
  private static void read(TinyLfu policy, long key) {
    long hash = key * 0x9E37_79B9_7F4A_7C15L + 1;
    policy.recordRead(hash);
    policy.inserted();
  }

  @Test
  void windowRatio_onARecencyTraceThenALoop_movesToMostOfTheCacheAndBack() {
    TinyLfu policy = new TinyLfu(0.03);
    policy.ensureCapacity(500);
    policy.evicting(500);
    recencyTrace(policy, 0, 20_000);
    assertEquals(WindowSimulation.RECENCY_SHARE, policy.windowRatio());
    assertTrue(policy.windowSecondChance());
    for (int round = 0; round < 30; round++) {
      for (int i = 0; i < 600; i++) {
        read(policy, 1_000_000 + i); // a loop larger than the cache: frequency's case
      }
    }
    assertEquals(0.03, policy.windowRatio());
    assertFalse(policy.windowSecondChance());
  }

  @Test
  void rank_aMainItemReadSinceItsRound_outranksAnyCount() {
    TinyLfu policy = new TinyLfu(0.03);
    for (int i = 0; i < 40; i++) {
      policy.recordRead(9);
    }
    assertEquals(TinyLfu.PROTECTED, policy.rank(5, true, true));
    assertEquals(FrequencySketch.MAX_FREQUENCY, policy.rank(9, false, true), "window: no shield");
    assertEquals(TinyLfu.MAIN_EDGE, policy.rank(5, true, false), "main, unread and unseen");
    assertTrue(TinyLfu.PROTECTED > FrequencySketch.MAX_FREQUENCY);
  }

  @Test
  void rank_aMainItemNotReadSinceItsRound_outranksANewcomerSeenOnceMore() {
    TinyLfu policy = new TinyLfu(0.03);
    policy.ensureCapacity(1_000);
    for (int i = 0; i < 3; i++) {
      policy.recordRead(5);
    }
    for (int i = 0; i < 4; i++) {
      policy.recordRead(7);
    }
    assertTrue(policy.rank(5, true, false) > policy.rank(7, false, false), "main 3 vs window 4");
    assertEquals(3 + TinyLfu.MAIN_EDGE, policy.rank(5, true, false));
  }

  @Test
  void rank_ofAMainItemAtTheCountsCeiling_staysBelowProtected() {
    TinyLfu policy = new TinyLfu(0.03);
    for (int i = 0; i < 40; i++) {
      policy.recordRead(9);
    }
    assertEquals(FrequencySketch.MAX_FREQUENCY, policy.rank(9, true, false));
  }
}
