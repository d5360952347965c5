package io.cairn.engine.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class ReaderBarrierTest {

  private final ReaderBarrier barrier = new ReaderBarrier();

  @Test
  void enterExit_countsReadersInside() {
    assertTrue(barrier.isQuiescent());
    int a = barrier.enter();
    int b = barrier.enter();
    assertFalse(barrier.isQuiescent());
    barrier.exit(a);
    assertFalse(barrier.isQuiescent());
    barrier.exit(b);
    assertTrue(barrier.isQuiescent());
  }

  @Test
  void awaitQuiescence_waitsForAReaderOnAnotherThread() throws Exception {
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch leave = new CountDownLatch(1);
    Thread reader =
        new Thread(
            () -> {
              int token = barrier.enter();
              inside.countDown();
              try {
                leave.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } finally {
                barrier.exit(token);
              }
            });
    reader.start();
    assertTrue(inside.await(5, TimeUnit.SECONDS));
    AtomicBoolean done = new AtomicBoolean();
    Thread waiter =
        new Thread(
            () -> {
              barrier.awaitQuiescence();
              done.set(true);
            });
    waiter.start();
    waiter.join(200);
    assertFalse(done.get(), "must wait while the reader is inside");
    leave.countDown();
    waiter.join(5_000);
    assertTrue(done.get());
    reader.join();
  }

  /** Enters the barrier on a new thread, which then ends; returns the token to exit with. */
  static int enterOnAnotherThread(ReaderBarrier barrier) throws InterruptedException {
    int[] token = new int[1];
    Thread t = new Thread(() -> token[0] = barrier.enter());
    t.start();
    t.join();
    return token[0];
  }

  /**
   * Two readers that overlap, so the barrier is never quiescent, still let every cell be seen empty
   * in turn: the first reader's cell once it left, the second's before it entered.
   */
  @Test
  void markEmpty_overlappingReaders_marksEveryCellThoughNeverQuiescent() throws Exception {
    boolean[] seen = new boolean[barrier.cellCount()];
    int first = enterOnAnotherThread(barrier);
    assertEquals(barrier.cellCount() - 1, barrier.markEmpty(seen), "all but the reader's cell");
    int second = enterOnAnotherThread(barrier);
    Assumptions.assumeTrue(first != second, "the two threads share a cell");
    barrier.exit(first);
    assertFalse(barrier.isQuiescent());
    assertEquals(barrier.cellCount(), barrier.markEmpty(seen));
    barrier.exit(second);
  }

  @Test
  void cellOf_consecutiveThreadIds_getDistinctCells() {
    ReaderBarrier twoCores = new ReaderBarrier(2);
    assertEquals(ReaderBarrier.MIN_CELLS, twoCores.cellCount());
    Set<Integer> cells = new HashSet<>();
    for (long id = 40; id < 40 + twoCores.cellCount(); id++) {
      cells.add(twoCores.cellOf(id));
    }
    assertEquals(twoCores.cellCount(), cells.size(), "one cell per thread, no two threads sharing");
  }

  @Test
  void cellCount_manyProcessors_isAPowerOfTwoWithFourCellsPerProcessor() {
    ReaderBarrier big = new ReaderBarrier(12);
    assertEquals(64, big.cellCount());
    assertEquals(0, big.cellCount() & (big.cellCount() - 1));
  }
}
