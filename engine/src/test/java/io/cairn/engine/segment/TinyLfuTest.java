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

  @Test
  void rank_aMainItemReadSinceItsRound_outranksAnyCount() {
    TinyLfu policy = new TinyLfu(0.03);
    for (int i = 0; i < 40; i++) {
      policy.recordRead(9);
    }
    assertEquals(TinyLfu.PROTECTED, policy.rank(5, true, true));
    assertEquals(FrequencySketch.MAX_FREQUENCY, policy.rank(9, false, true), "window: no shield");
    assertEquals(0, policy.rank(5, true, false), "main, unread and unseen");
    assertTrue(TinyLfu.PROTECTED > FrequencySketch.MAX_FREQUENCY);
  }
}
