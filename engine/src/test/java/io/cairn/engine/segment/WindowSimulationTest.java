package io.cairn.engine.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WindowSimulationTest {

  private static final Hashing HASHING = new Hashing(5, 6);
  private static final int ENTRIES = 500;

  private final FrequencySketch sketch = new FrequencySketch();
  private final WindowSimulation simulation = new WindowSimulation(sketch, 0.03);

  WindowSimulationTest() {
    sketch.ensureCapacity(ENTRIES);
  }

  private static long key(int k) {
    return HASHING.hash(new byte[] {(byte) k, (byte) (k >>> 8), (byte) (k >>> 16), 3});
  }

  /** A request as the shard sees it: counted and offered by a reader, replayed at the insert. */
  private void request(int k) {
    long hash = key(k);
    sketch.increment(hash);
    simulation.offer(hash);
    simulation.drain();
  }

  /** Each key asked for twice, 200 requests apart, never again: LRU's best case. */
  private void recencyTrace(int from, int keys) {
    for (int i = from; i < from + keys; i++) {
      request(i);
      if (i - 100 >= from) {
        request(i - 100);
      }
    }
  }

  /** A loop over 600 keys, more than the cache holds: LRU's worst case, frequency's best. */
  private void loopTrace(int rounds) {
    for (int r = 0; r < rounds; r++) {
      for (int i = 0; i < 600; i++) {
        request(1_000_000 + i);
      }
    }
  }

  @Test
  void share_beforeStart_isTheFrequencyShareAndNothingIsSampled() {
    recencyTrace(0, 20_000);
    assertFalse(simulation.started());
    assertEquals(0.03, simulation.share());
    assertFalse(simulation.recency());
  }

  @Test
  void share_onARecencyTrace_movesToTheRecencyWindow() {
    simulation.start(ENTRIES);
    recencyTrace(0, 20_000);
    assertTrue(simulation.recency());
    assertEquals(WindowSimulation.RECENCY_SHARE, simulation.share());
  }

  @Test
  void share_onALoopAfterRecency_movesBackToTheFrequencyWindow() {
    simulation.start(ENTRIES);
    recencyTrace(0, 20_000);
    assertTrue(simulation.recency());
    loopTrace(30);
    assertFalse(simulation.recency());
    assertEquals(0.03, simulation.share());
  }

  @Test
  void share_onALoopFromTheStart_staysAtTheFrequencyWindow() {
    simulation.start(ENTRIES);
    for (int round = 0; round < 30; round++) {
      loopTrace(1);
      assertFalse(simulation.recency(), "round " + round);
    }
  }

  @Test
  void share_whenNeitherModelHits_staysWhereItIs() {
    simulation.start(ENTRIES);
    for (int i = 0; i < 50_000; i++) {
      request(i); // every key once: no model can hit
    }
    assertFalse(simulation.recency());
  }

  @Test
  void drain_ofASmallShard_replaysEveryRequest() {
    simulation.start(ENTRIES);
    recencyTrace(0, 1_000);
    assertEquals(1_900, simulation.sampledRequests());
  }

  @Test
  void drain_ofALargeShard_replaysASampleOfTheKeys() {
    simulation.start(1_000_000); // models of 511 items: about one key in 1954
    for (int i = 0; i < 400_000; i++) {
      request(i);
    }
    long sampled = simulation.sampledRequests();
    assertTrue(sampled > 100 && sampled < 400, "sampled " + sampled);
  }

  @Test
  void inserted_ofASampledShard_replaysOnlyEverySixtyFourInserts() {
    simulation.start(1_000_000);
    for (int i = 0; i < 20_000; i++) {
      simulation.offer(key(i)); // about ten of them sampled
    }
    for (int i = 0; i < 63; i++) {
      simulation.inserted();
    }
    assertEquals(0, simulation.sampledRequests());
    simulation.inserted();
    assertTrue(simulation.sampledRequests() > 0);
  }

  @Test
  void inserted_ofASmallShard_replaysAtEveryInsert() {
    simulation.start(ENTRIES);
    simulation.offer(key(1));
    simulation.offer(key(1));
    simulation.inserted();
    assertEquals(2, simulation.sampledRequests(), "a repeat takes the next slot");
  }
}
