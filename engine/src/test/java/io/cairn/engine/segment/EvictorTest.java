package io.cairn.engine.segment;

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
    int id = table.add(memory.allocate(4096, false));
    table.open(id, 0);
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
  void anyPolicy_nothingButTheExcluded_returnsNone() {
    int only = segment(1, 1);
    for (EvictionPolicy policy : EvictionPolicy.values()) {
      assertEquals(SegmentTable.NONE, Evictor.of(policy).selectVictim(table, only), policy.name());
    }
  }
}
