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
  void start_replaysTheRequestsLoggedBeforeTheFirstEviction() {
    recencyTrace(0, 1_000);
    assertEquals(0, simulation.sampledRequests());
    simulation.start(ENTRIES);
    assertEquals(1_900, simulation.sampledRequests());
  }

  @Test
  void start_afterARecencyTrace_choosesTheRecencyWindowAtOnce() {
    for (int i = 0; i < 1_500; i++) { // 2,970 requests, each key twice, 30 keys apart
      request(i);
      if (i >= 30) {
        request(i - 30);
      }
    }
    assertFalse(simulation.recency());
    simulation.start(100); // models of 100 items, a decision every 300 requests
    assertTrue(simulation.recency());
  }

  @Test
  void start_afterMoreRequestsThanTheLogHolds_replaysTheFirstOnly() {
    recencyTrace(0, 5_000);
    simulation.start(ENTRIES);
    assertEquals(WindowSimulation.LOG_SIZE, simulation.sampledRequests());
    request(1);
    assertEquals(WindowSimulation.LOG_SIZE + 1, simulation.sampledRequests(), "sampling resumes");
  }

  @Test
  void share_afterOnePeriodOfRecencyLead_waitsForASecond() {
    simulation.start(ENTRIES); // a period of 1,500 requests
    int k = 0;
    while (simulation.sampledRequests() < 1_500) {
      request(2_000_000 + k++ % 400); // a loop the cache holds: both models hit it alike
    }
    assertFalse(simulation.recency());
    k = 0;
    while (simulation.sampledRequests() < 3_000) {
      request(k);
      if (k >= 100) {
        request(k - 100);
      }
      k++;
    }
    assertFalse(simulation.recency(), "one period's lead");
    while (simulation.sampledRequests() < 4_500) {
      request(k);
      request(k - 100);
      k++;
    }
    assertTrue(simulation.recency(), "two periods' lead");
  }

  @Test
  void share_whenTheLeadIsLessThanTheSwitchCosts_staysWhereItIs() {
    simulation.start(ENTRIES);
    int unique = 10_000_000;
    for (int period = 0; period < 10; period++) {
      for (int pair = 0; pair < 20; pair++) { // 20 hits a period for the recency model only
        request(pair + 100 * period);
        for (int i = 0; i < 36; i++) {
          request(unique++);
        }
        request(pair + 100 * period);
        for (int i = 0; i < 36; i++) {
          request(unique++);
        }
      }
    }
    assertTrue(simulation.sampledRequests() >= 14_800);
    assertFalse(simulation.recency());
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
