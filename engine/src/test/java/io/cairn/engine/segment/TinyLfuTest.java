package io.cairn.engine.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TinyLfuTest {

  private static final int ENTRIES = 1_000;
  private static final int SAMPLE = 10 * 1_024; // reads per sample for a shard this small

  private long reads;
  private long hits;

  /** One sample of reads at the given hit rate; returns the window share after it. */
  private double sample(TinyLfu policy, double hitRate) {
    reads += SAMPLE;
    hits += Math.round(hitRate * SAMPLE);
    return policy.windowRatio(ENTRIES, reads, hits);
  }

  @Test
  void windowRatio_beforeASampleIsComplete_staysWhereItStarted() {
    TinyLfu policy = new TinyLfu(0.03);
    assertEquals(0.03, policy.windowRatio(ENTRIES, SAMPLE - 1, SAMPLE / 2));
  }

  @Test
  void windowRatio_whileGrowingHelps_keepsGrowingThenTurnsBackWhenItHurts() {
    TinyLfu policy = new TinyLfu(0.03);
    assertEquals(0.03, sample(policy, 0.40), "the first sample is only a baseline");
    double first = sample(policy, 0.41);
    assertTrue(first > 0.03, "an improving rate keeps the direction: " + first);
    double second = sample(policy, 0.42);
    assertTrue(second > first, "and again: " + second);
    double third = sample(policy, 0.415);
    assertTrue(third < second, "a worse rate turns back: " + third);
  }

  @Test
  void windowRatio_underEndlessClimbing_staysWithinItsBounds() {
    TinyLfu policy = new TinyLfu(0.03);
    double rate = 0.0;
    for (int i = 0; i < 200; i++) {
      rate = Math.min(1.0, rate + 0.001);
      double ratio = sample(policy, rate);
      assertTrue(ratio >= 0.01 && ratio <= 0.80, "window share " + ratio);
    }
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
