package io.cairn.engine.segment;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counts readers inside the store, so that native memory is freed only when none can still read it.
 * Optimistic readers hold no lock, so a lock alone cannot tell when a replaced index table or the
 * whole store may be freed; this barrier can.
 *
 * <p>Protocol (a Dekker handshake): a reader increments its cell (a full fence) and then reads the
 * store's state (closed flag, current table); a freer first unpublishes the memory (volatile
 * write), then sums the cells. Either the freer sees the reader's count, or the reader sees the
 * unpublished state. Cells are striped by thread and padded to their own cache lines, so readers on
 * different cores do not contend.
 */
final class ReaderBarrier {

  /** Longs between two cells: 128 bytes, two cache lines, against adjacent-line prefetch. */
  private static final int PAD = 16;

  private final AtomicLongArray cells;
  private final int mask;

  ReaderBarrier() {
    int n = Integer.highestOneBit(Math.max(4, Runtime.getRuntime().availableProcessors() * 2) - 1);
    n <<= 1;
    this.mask = n - 1;
    this.cells = new AtomicLongArray(n * PAD);
  }

  /** Enters; returns the token to pass to {@link #exit}. */
  int enter() {
    int cell = cellOf(Thread.currentThread().getId()) * PAD;
    cells.getAndIncrement(cell);
    return cell;
  }

  void exit(int token) {
    cells.getAndDecrement(token);
  }

  /** Whether no reader is inside now. Memory unpublished before this call is then unreachable. */
  boolean isQuiescent() {
    long sum = 0;
    for (int i = 0; i <= mask; i++) {
      sum += cells.get(i * PAD);
    }
    return sum == 0;
  }

  /** Waits until no reader is inside. */
  void awaitQuiescence() {
    while (!isQuiescent()) {
      Thread.onSpinWait();
      Thread.yield();
    }
  }

  private int cellOf(long threadId) {
    return (int) (Hashing.fmix64(threadId) & mask);
  }
}
