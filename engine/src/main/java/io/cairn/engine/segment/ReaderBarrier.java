package io.cairn.engine.segment;

import java.lang.invoke.VarHandle;
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
 *
 * <p>Striping: a thread's cell is its id modulo the number of cells. Thread ids are handed out in
 * creation order, so the threads of a pool (created one after another) land in distinct cells as
 * long as there are fewer of them than cells; hashing the id instead would make two threads share a
 * cell, and every read of both bounce one cache line between their cores, with probability 1/cells.
 * At least {@link #MIN_CELLS} cells, and four per processor: a pool is usually sized by processors.
 */
final class ReaderBarrier {

  /** Longs between two cells: 128 bytes, two cache lines, against adjacent-line prefetch. */
  private static final int PAD = 16;

  /** Fewest cells: 16 x 128 bytes = 2 KiB per store, small next to a segment. */
  static final int MIN_CELLS = 16;

  /** Cells per available processor, so that a pool of a few threads per core gets its own. */
  private static final int CELLS_PER_PROCESSOR = 4;

  private final AtomicLongArray cells;
  private final int mask;

  ReaderBarrier() {
    this(Runtime.getRuntime().availableProcessors());
  }

  ReaderBarrier(int processors) {
    int wanted = Math.max(MIN_CELLS, processors * CELLS_PER_PROCESSOR);
    int n = Integer.highestOneBit(wanted - 1) << 1; // the next power of two
    this.mask = n - 1;
    this.cells = new AtomicLongArray(n * PAD);
  }

  /** The number of cells; a power of two. */
  int cellCount() {
    return mask + 1;
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
    // StoreLoad: the freer's unpublishing stores, release stores included (a segment's region),
    // are visible to every reader that enters after the cells are read below.
    VarHandle.fullFence();
    long sum = 0;
    for (int i = 0; i <= mask; i++) {
      sum += cells.get(i * PAD);
    }
    return sum == 0;
  }

  /**
   * Marks in {@code seen}, one flag per cell, each cell with no reader inside now; returns how many
   * flags are set. Memory unpublished before the first call of a round of marking is unreachable
   * once every flag is set: a reader that may hold it was inside its cell all along, and its cell
   * was seen empty since, so it has left; a reader that entered later saw the memory unpublished
   * (the fence below pairs with the increment of {@link #enter}). So memory is freed without
   * waiting for a moment with no reader at all, which steady readers on several threads may never
   * leave.
   */
  int markEmpty(boolean[] seen) {
    VarHandle.fullFence(); // StoreLoad, as in isQuiescent
    int marked = 0;
    for (int i = 0; i <= mask; i++) {
      if (!seen[i] && cells.get(i * PAD) == 0) {
        seen[i] = true;
      }
      marked += seen[i] ? 1 : 0;
    }
    return marked;
  }

  /** Waits until no reader is inside. */
  void awaitQuiescence() {
    while (!isQuiescent()) {
      Thread.onSpinWait();
      Thread.yield();
    }
  }

  /** The cell of the thread {@code threadId}; consecutive ids get consecutive cells. */
  int cellOf(long threadId) {
    return (int) (threadId & mask);
  }
}
