package io.cairn.engine.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

class FrequencySketchTest {

  private static final Hashing HASHING = new Hashing(1, 2);

  private static long hash(int key) {
    return HASHING.hash(new byte[] {(byte) key, (byte) (key >>> 8), (byte) (key >>> 16), 7});
  }

  @Test
  void increment_countsUpToFifteenAndNoFurther() {
    FrequencySketch sketch = new FrequencySketch();
    sketch.ensureCapacity(1_000);
    assertEquals(0, sketch.frequency(hash(1)));
    for (int i = 1; i <= 20; i++) {
      sketch.increment(hash(1));
      assertEquals(Math.min(i, FrequencySketch.MAX_FREQUENCY), sketch.frequency(hash(1)));
    }
  }

  @Test
  void frequency_ofManyKeys_rarelyOverestimatesAndNeverUnderestimates() {
    FrequencySketch sketch = new FrequencySketch();
    int keys = 10_000;
    sketch.ensureCapacity(keys);
    for (int k = 0; k < keys; k++) {
      for (int i = 0; i < k % 4; i++) {
        sketch.increment(hash(k));
      }
    }
    int over = 0;
    for (int k = 0; k < keys; k++) {
      int f = sketch.frequency(hash(k));
      assertTrue(f >= k % 4, "key " + k + " counted " + f + " times, added " + k % 4);
      over += f > k % 4 ? 1 : 0;
    }
    assertTrue(over < keys / 10, "overestimated " + over + " of " + keys);
  }

  @Test
  void increment_pastTheSample_halvesTheCountsSoTheyNeverAllSaturate() {
    FrequencySketch sketch = new FrequencySketch();
    sketch.ensureCapacity(1_000);
    // Without halving, 3 million increments over 12,000 counters would leave every one at 15 and
    // any key, even one never seen, estimated at 15.
    for (int i = 0; i < 3_000_000; i++) {
      sketch.increment(hash(i % 50_000));
    }
    int saturated = 0;
    for (int k = 1_000_000; k < 1_001_000; k++) {
      saturated += sketch.frequency(hash(k)) == FrequencySketch.MAX_FREQUENCY ? 1 : 0;
    }
    assertTrue(saturated < 500, saturated + " of 1,000 unseen keys estimated at 15");
  }

  @Test
  void ensureCapacity_growing_keepsEveryCount() {
    FrequencySketch sketch = new FrequencySketch();
    for (int k = 0; k < 100; k++) {
      for (int i = 0; i < k % 16; i++) {
        sketch.increment(hash(k));
      }
    }
    int[] before = new int[100];
    for (int k = 0; k < 100; k++) {
      before[k] = sketch.frequency(hash(k));
    }
    sketch.ensureCapacity(1_000_000);
    for (int k = 0; k < 100; k++) {
      assertEquals(before[k], sketch.frequency(hash(k)), "key " + k);
    }
  }

  @Test
  void ensureCapacity_smaller_keepsTheTable() {
    FrequencySketch sketch = new FrequencySketch();
    sketch.ensureCapacity(10_000);
    sketch.increment(hash(5));
    sketch.ensureCapacity(50);
    assertEquals(1, sketch.frequency(hash(5)));
  }

  @Test
  void incrementAndFrequency_anyHash_stayInsideTheTable() {
    FrequencySketch sketch = new FrequencySketch();
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (long keys : new long[] {1, 257, 4_099, 100_003}) {
      sketch.ensureCapacity(keys);
      for (long h : new long[] {0, -1, Long.MIN_VALUE, Long.MAX_VALUE}) {
        sketch.increment(h);
        assertTrue(sketch.frequency(h) >= 1);
      }
      for (int i = 0; i < 10_000; i++) {
        sketch.increment(random.nextLong());
      }
    }
  }
}
