package io.cairn.engine.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.engine.SharedCapacity;
import io.cairn.engine.StoreConfig;
import io.cairn.engine.memory.MemoryRegion;
import io.cairn.engine.memory.NativeMemory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The byte bound: retired memory freed once no reader can hold it, nothing reserved after close.
 */
class MemoryBudgetTest {

  private final NativeMemory memory = new NativeMemory();
  private final ReaderBarrier barrier = new ReaderBarrier();
  private final StoreConfig config =
      StoreConfig.builder(4 << 20).segmentSize(64 << 10).shards(2).build();

  /**
   * Before: retired memory waited for a moment with no reader at all, which readers that overlap
   * never give, so a large item's bytes could stay retired and the store refuse writes.
   */
  @Test
  void releaseRetired_readersOverlappingThroughout_freesOnceEachLeft() throws Exception {
    MemoryBudget budget = new MemoryBudget(config, memory, barrier);
    assertTrue(budget.tryReserve(1 << 20));
    int first = ReaderBarrierTest.enterOnAnotherThread(barrier); // may hold the region
    MemoryRegion region = memory.allocate(1 << 20, false);
    budget.retire(region);
    assertEquals(1 << 20, budget.retiredBytes(), "a reader is inside");
    int second = ReaderBarrierTest.enterOnAnotherThread(barrier); // came after: cannot hold it
    Assumptions.assumeTrue(first != second, "the two threads share a cell");
    budget.releaseRetired();
    assertTrue(budget.hasRetired(), "the first reader is still inside");
    barrier.exit(first);
    assertFalse(barrier.isQuiescent(), "never a moment with no reader");
    budget.releaseRetired();
    assertFalse(budget.hasRetired());
    assertEquals(0, budget.retiredBytes());
    assertEquals(0, region.size(), "freed");
    assertEquals(0, memory.allocatedBytes());
    barrier.exit(second);
  }

  @Test
  void tryReserveAndUnreserve_afterClose_reserveNothingAndGiveNothingBack() {
    SharedCapacity shared = new SharedCapacity(8 << 20);
    MemoryBudget budget =
        new MemoryBudget(config.toBuilder().sharedCapacity(shared).build(), memory, barrier);
    assertTrue(budget.tryReserve(1 << 20));
    assertNotEquals(0, shared.reservedBytes());
    budget.close();
    assertEquals(0, shared.reservedBytes(), "close gives the store's whole share back");
    assertFalse(budget.tryReserve(4096), "a reservation racing the close must not leak");
    budget.unreserve(1 << 20); // the large write that held it ends after the close
    assertEquals(0, shared.reservedBytes());
  }
}
