package io.cairn.engine.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MiniTinyLfuTest {

  private static final Hashing HASHING = new Hashing(3, 4);

  private final FrequencySketch sketch = sketch();

  private static FrequencySketch sketch() {
    FrequencySketch sketch = new FrequencySketch();
    sketch.ensureCapacity(1_000);
    return sketch;
  }

  private static long key(int k) {
    return HASHING.hash(new byte[] {(byte) k, (byte) (k >>> 8), (byte) (k >>> 16), 9});
  }

  private void count(int k, int times) {
    for (int i = 0; i < times; i++) {
      sketch.increment(key(k));
    }
    assertEquals(times, sketch.frequency(key(k)), "no collision in the sketch for key " + k);
  }

  /** Accesses the keys in turn and returns the hits after each, as a string like "0011". */
  private static String hits(MiniTinyLfu model, int... keys) {
    StringBuilder sb = new StringBuilder();
    for (int k : keys) {
      sb.append(model.access(key(k)) ? '1' : '0');
    }
    return sb.toString();
  }

  @Test
  void access_aHandComputedSequence_hitsWhereTheModelHoldsTheKey() {
    // 4 items: a window of 1, a main pool of 3. Sketch counts: key 6 three times, the rest never.
    count(6, 3);
    MiniTinyLfu model = new MiniTinyLfu(sketch, 4, 0.25, false);
    // 1..4: each miss pushes the window's last into the main pool while it has room:
    // window [4], main [1 2 3]. Then 1 hits (its read bit set).
    assertEquals("00001", hits(model, 1, 2, 3, 4, 1));
    // 5 pushes 4 out of the window; the main pool's victim is 2 (1 was read: another round,
    // main [2 3 1]); 4 is asked for no more often than 2, so 4 is dropped: window [5].
    assertEquals("0", hits(model, 5));
    assertEquals("1", hits(model, 2), "2 stayed");
    // 4 again: 5 leaves the window and loses to the victim 3 (2 was read: main [3 1 2]).
    assertEquals("0", hits(model, 4));
    assertEquals("0", hits(model, 5), "5 was dropped; window [5], 4 lost to 3");
    // 6, counted three times, beats the victim: 5 leaves, loses; then 6 leaves the window to 7...
    assertEquals("0", hits(model, 6));
    assertEquals("0", hits(model, 7)); // 6 leaves the window, beats victim 3: main [1 2 6]
    assertEquals("0", hits(model, 3), "3 was displaced by 6");
    assertEquals("1", hits(model, 6), "6 won its contest");
    assertEquals(4, model.size());
    assertEquals(3, model.hits());
  }

  @Test
  void access_aCandidateCountedOnlyTheMainEdgeMoreThanTheVictim_losesItsContest() {
    count(8, TinyLfu.MAIN_EDGE); // the others are never counted
    MiniTinyLfu model = new MiniTinyLfu(sketch, 4, 0.25, false);
    assertEquals("00000", hits(model, 1, 2, 3, 4, 8)); // window [8], main [1 2 3]: 4 lost to 1
    assertEquals("0", hits(model, 9)); // 8 leaves the window and contests 1
    assertEquals("0", hits(model, 8), "8 lost to 1");
    assertEquals("1", hits(model, 1));
  }

  @Test
  void access_withClockWindow_givesAReadWindowItemAnotherRound() {
    // a window of 2 and a main pool of 2
    MiniTinyLfu model = new MiniTinyLfu(sketch, 4, 0.5, true);
    assertEquals("001", hits(model, 1, 2, 1)); // window [1 2], 1 read
    // 3: the window is over by one; 1 was read, goes round again (window [2 3 1]); 2 was not,
    // moves to the main pool: main [2], window [3 1]
    assertEquals("0", hits(model, 3));
    assertEquals("11", hits(model, 1, 2));
    // without the second round, 1 would have left the window first
    MiniTinyLfu plain = new MiniTinyLfu(sketch(), 4, 0.5, false);
    assertEquals("0010", hits(plain, 1, 2, 1, 3));
    assertEquals(3, plain.size());
  }

  @Test
  void access_withTheWholeCacheAsWindow_isFifo() {
    int capacity = 100;
    MiniTinyLfu model = new MiniTinyLfu(sketch, capacity, 1.0, false);
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    Set<Integer> held = new HashSet<>();
    Random random = new Random(42);
    long expected = 0;
    for (int i = 0; i < 20_000; i++) {
      int k = random.nextInt(300);
      boolean hit = held.contains(k);
      if (hit) {
        expected++;
      } else {
        queue.add(k);
        held.add(k);
        if (queue.size() > capacity) {
          held.remove(queue.poll());
        }
      }
      assertEquals(hit, model.access(key(k)), "access " + i + " of key " + k);
    }
    assertEquals(expected, model.hits());
    assertEquals(capacity, model.size());
  }

  @Test
  void newModel_withABadShare_isRefused() {
    assertThrows(IllegalArgumentException.class, () -> new MiniTinyLfu(sketch, 4, 1.5, false));
    assertThrows(IllegalArgumentException.class, () -> new MiniTinyLfu(sketch, 0, 0.5, false));
    assertFalse(new MiniTinyLfu(sketch, 1, 0.0, false).access(key(1)));
    MiniTinyLfu one = new MiniTinyLfu(sketch, 1, 1.0, false);
    assertEquals("0100", hits(one, 1, 1, 2, 1), "one item: the last key asked for");
  }
}
