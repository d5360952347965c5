package io.cairn.engine.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.engine.EvictionPolicy;
import io.cairn.engine.memory.NativeMemory;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EvictorTest {

  private final NativeMemory memory = new NativeMemory();
  private final SegmentTable table = new SegmentTable();

  @AfterEach
  void free() {
    for (int id = 0; id < table.size(); id++) {
      memory.free(table.region(id));
    }
  }

  /** Opens a segment with the given live bytes and latest expiry; ids follow creation order. */
  private int segment(int liveBytes, long maxExpiry) {
    return segment(liveBytes, maxExpiry, 0, Pools.NEW);
  }

  private int segment(int liveBytes, long maxExpiry, int bucket, byte pool) {
    int id = table.add(memory.allocate(4096, false));
    table.open(id, bucket, pool);
    table.addItem(id, liveBytes, maxExpiry);
    table.setState(id, SegmentTable.SEALED);
    return id;
  }

  @Test
  void eachPolicy_picksItsVictimAndHonoursTheExclusion() {
    int oldest = segment(300, 9_000);
    int closestToExpiry = segment(200, 1_000);
    int leastUtilized = segment(100, 5_000);
    assertEquals(oldest, Evictor.of(EvictionPolicy.FIFO).selectVictim(table, SegmentTable.NONE));
    assertEquals(
        closestToExpiry, Evictor.of(EvictionPolicy.CTE).selectVictim(table, SegmentTable.NONE));
    assertEquals(
        leastUtilized, Evictor.of(EvictionPolicy.UTIL).selectVictim(table, SegmentTable.NONE));
    assertNotEquals(oldest, Evictor.of(EvictionPolicy.FIFO).selectVictim(table, oldest));
  }

  @Test
  void cteAndUtil_onATie_pickTheOldestSegmentNotTheLowestId() {
    int a = segment(100, 5_000);
    int b = segment(100, 5_000);
    segment(100, 5_000);
    // Reuse the lowest id: it now holds the newest data, and must be the last of the tie chosen.
    table.empty(a);
    table.open(a, 0, Pools.NEW);
    table.addItem(a, 100, 5_000);
    table.setState(a, SegmentTable.SEALED);
    for (EvictionPolicy policy : new EvictionPolicy[] {EvictionPolicy.CTE, EvictionPolicy.UTIL}) {
      assertEquals(b, Evictor.of(policy).selectVictim(table, SegmentTable.NONE), policy.name());
    }
  }

  @Test
  void random_overManyChoices_reachesEverySegmentButSkipsFreeOnes() {
    segment(1, 1);
    segment(1, 1);
    segment(1, 1);
    int free = table.add(memory.allocate(4096, false));
    Set<Integer> seen = new HashSet<>();
    Evictor random = Evictor.of(EvictionPolicy.RANDOM);
    for (int i = 0; i < 500; i++) {
      seen.add(random.selectVictim(table, SegmentTable.NONE));
    }
    assertEquals(Set.of(0, 1, 2), seen);
    assertTrue(table.state(free) == SegmentTable.FREE);
  }

  @Test
  void mergeChain_takesTheOldestSegmentsOfTheOldestSegmentsBucketInOrder() {
    int a = segment(1, 1, 5, Pools.NEW);
    int other = segment(1, 1, 7, Pools.NEW); // another TTL bucket
    int b = segment(1, 1, 5, Pools.NEW);
    int c = segment(1, 1, 5, Pools.NEW);
    int d = segment(1, 1, 5, Pools.NEW);
    segment(1, 1, 5, Pools.NEW); // beyond n
    assertArrayEquals(new int[] {a, b, c, d}, Evictor.mergeChain(table, SegmentTable.NONE, 4));
    assertArrayEquals(
        new int[] {other},
        Evictor.mergeChain(table, a, 2),
        "without a, the oldest is alone in its bucket: nothing to merge with");
  }

  @Test
  void s3fifoVictim_admissionPoolOverItsShare_isEvictedFirst() {
    int main1 = segment(1, 1, 0, Pools.MAIN);
    int new1 = segment(1, 1, 0, Pools.NEW);
    int new2 = segment(1, 1, 0, Pools.NEW);
    int main2 = segment(1, 1, 0, Pools.MAIN);
    // 2 of 4 segments are in the admission pool: over a 10% share, so its oldest goes.
    assertEquals(new1, Evictor.s3fifoVictim(table, SegmentTable.NONE, 0.10));
    // Within its share (here 60%), the main pool's oldest goes.
    assertEquals(main1, Evictor.s3fifoVictim(table, SegmentTable.NONE, 0.60));
    assertEquals(main2, Evictor.s3fifoVictim(table, main1, 0.60));
    assertEquals(new2, Evictor.s3fifoVictim(table, new1, 0.10));
  }

  @Test
  void anyPolicy_nothingButTheExcluded_returnsNone() {
    int only = segment(1, 1);
    for (EvictionPolicy policy : EvictionPolicy.values()) {
      assertEquals(SegmentTable.NONE, Evictor.of(policy).selectVictim(table, only), policy.name());
    }
  }
}
