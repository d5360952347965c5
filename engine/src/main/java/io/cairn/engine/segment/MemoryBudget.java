package io.cairn.engine.segment;

import io.cairn.engine.SharedCapacity;
import io.cairn.engine.StoreConfig;
import io.cairn.engine.memory.MemoryRegion;
import io.cairn.engine.memory.NativeMemory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The store's byte bound: every native byte (segments, index tables, memory awaiting release) is
 * reserved here before it is allocated, and given back only once it is really freed, so {@link
 * #committed()} never exceeds the capacity.
 *
 * <p>Each shard's first segment and smallest index table are held back from the start ({@link
 * StoreConfig#minimumBytes()}, taken with {@link #claimFirstSegment} and {@link #claimIndex}), so a
 * shard can always make progress however much the other shards took.
 *
 * <p>With a {@link SharedCapacity}, the budget is its child: the held-back minimum is reserved
 * there when the store opens (or the store does not open), every later reservation must pass both
 * bounds, and every byte given back here is given back there. A failed reservation sends the shard
 * to evict its own data, whichever bound refused. {@link #close} returns the store's whole share.
 *
 * <p>Memory retired while optimistic readers may hold it waits until the {@link ReaderBarrier}
 * shows that no reader can hold it: at once when no reader is inside, else once every cell of the
 * barrier was seen empty since the memory was retired ({@link ReaderBarrier#markEmpty}), in rounds:
 * what is retired during a round waits for the next. Threading: thread-safe.
 */
final class MemoryBudget {

  private final long capacity;
  private final SharedCapacity shared; // null when the store has only its own bound
  private final NativeMemory memory;
  private final ReaderBarrier barrier;
  private final AtomicLong committed = new AtomicLong();
  private final AtomicLong heldBack; // the shards' minimum (first segment, index), not yet taken
  private final List<MemoryRegion> retired = new ArrayList<>(); // guarded by this: the next round
  private final List<MemoryRegion> draining = new ArrayList<>(); // guarded by this: this round
  private final boolean[] drained; // guarded by this: the cells seen empty this round
  private long retiredBytes; // guarded by this: the bytes of retired and draining
  private volatile boolean hasRetired; // written under this; read without, as a cheap hint
  private boolean closed; // guarded by this

  /**
   * The budget of a store configured by {@code config}.
   *
   * @throws IllegalStateException if the shared capacity cannot hold the store's minimum now
   */
  MemoryBudget(StoreConfig config, NativeMemory memory, ReaderBarrier barrier) {
    this.capacity = config.capacityBytes();
    this.shared = config.sharedCapacity();
    this.memory = memory;
    this.barrier = barrier;
    long minimum = config.minimumBytes();
    if (shared != null && !shared.tryReserve(minimum)) {
      throw new IllegalStateException(
          "sharedCapacity="
              + shared.capacityBytes()
              + " has "
              + (shared.capacityBytes() - shared.reservedBytes())
              + " bytes left; store "
              + config.name()
              + " needs minimumBytes="
              + minimum
              + " (one segment and the smallest index per shard)");
    }
    this.heldBack = new AtomicLong(minimum);
    this.drained = new boolean[barrier.cellCount()];
  }

  long capacity() {
    return capacity;
  }

  /** Native bytes reserved now. */
  long committed() {
    return committed.get();
  }

  /**
   * Reserves {@code bytes} if this bound and the shared one allow; returns whether it did. Never
   * after {@link #close}: a large item's reservation is made with no shard lock held, so it may
   * race the store's close, and must not leave bytes reserved in the shared bound.
   */
  synchronized boolean tryReserve(long bytes) {
    if (closed) {
      return false;
    }
    // The shared bound first: what is committed here is always already reserved there.
    if (shared != null && !shared.tryReserve(bytes)) {
      return false;
    }
    while (true) {
      long current = committed.get();
      if (current + heldBack.get() + bytes > capacity) {
        if (shared != null) {
          shared.release(bytes);
        }
        return false;
      }
      if (committed.compareAndSet(current, current + bytes)) {
        return true;
      }
    }
  }

  /** How many bytes {@link #tryReserve} could take now, in both bounds; a racy hint. */
  long available() {
    long local = capacity - committed.get() - heldBack.get();
    return shared == null
        ? local
        : Math.min(local, shared.capacityBytes() - shared.reservedBytes());
  }

  /** Whether {@link #tryReserve} of {@code bytes} would succeed now; a racy hint. */
  boolean canReserve(long bytes) {
    return committed.get() + heldBack.get() + bytes <= capacity
        && (shared == null || shared.reservedBytes() + bytes <= shared.capacityBytes());
  }

  /**
   * Allocates {@code bytes} reserved before with {@link #tryReserve}; gives the reservation back if
   * the allocation fails.
   */
  MemoryRegion allocateReserved(long bytes) {
    try {
      return memory.allocate(bytes, false);
    } catch (OutOfMemoryError e) {
      unreserve(bytes);
      throw e;
    }
  }

  /** Gives back a reservation that was not used; nothing after {@link #close}, which did. */
  synchronized void unreserve(long bytes) {
    if (closed) {
      return;
    }
    committed.addAndGet(-bytes);
    if (shared != null) {
      shared.release(bytes);
    }
  }

  /** Takes a shard's held-back first segment. Called once per shard. */
  void claimFirstSegment(long bytes) {
    claimHeldBack(bytes);
  }

  /** Takes a shard's held-back smallest index table. Called once per shard, when it is built. */
  void claimIndex(long bytes) {
    claimHeldBack(bytes);
  }

  // Already reserved in the shared capacity when the store opened: only the local split changes.
  private void claimHeldBack(long bytes) {
    heldBack.addAndGet(-bytes);
    committed.addAndGet(bytes);
  }

  /** Frees {@code region} now and returns its bytes; no reader may hold it. */
  void release(MemoryRegion region) {
    long size = region.size();
    memory.free(region);
    synchronized (this) {
      if (closed) {
        return; // close() gave back the whole share already
      }
      committed.addAndGet(-size);
      if (shared != null) {
        shared.release(size);
      }
    }
  }

  /**
   * Gives the store's whole share back to the shared capacity and zeroes this budget; called once
   * the store has freed all its memory. Idempotent.
   */
  synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    long share = committed.getAndSet(0) + heldBack.getAndSet(0);
    if (shared != null) {
      shared.release(share);
    }
  }

  /** Frees {@code region} once no optimistic reader can hold it. */
  void retire(MemoryRegion region) {
    synchronized (this) {
      retired.add(region);
      retiredBytes += region.size();
      hasRetired = true;
    }
    releaseRetired();
  }

  /**
   * Frees the retired memory no reader can hold any more (see the class note); cheap when there is
   * none.
   */
  synchronized void releaseRetired() {
    if (!hasRetired) {
      return;
    }
    if (barrier.isQuiescent()) {
      releaseAllRetired();
      return;
    }
    if (draining.isEmpty()) { // a new round: what was retired so far waits for every cell
      draining.addAll(retired);
      retired.clear();
      Arrays.fill(drained, false);
    }
    if (barrier.markEmpty(drained) == drained.length) {
      for (MemoryRegion region : draining) {
        retiredBytes -= region.size();
        release(region);
      }
      draining.clear();
      hasRetired = !retired.isEmpty();
    }
  }

  /**
   * Waits up to {@code nanos} for the retired memory to be freed, yielding between checks of the
   * reader barrier; returns whether it was all freed (false at once if there was none). Never
   * called inside a move: a reader inside the barrier may be waiting for that shard's read lock.
   */
  boolean awaitRetired(long nanos) {
    long start = System.nanoTime();
    while (hasRetired) {
      releaseRetired();
      if (!hasRetired) {
        return true;
      }
      if (System.nanoTime() - start > nanos) {
        return false;
      }
      Thread.yield();
    }
    return false;
  }

  /** The bytes of memory retired but not freed yet. */
  synchronized long retiredBytes() {
    return retiredBytes;
  }

  /** Whether memory is waiting for release; a hint read without the lock. */
  boolean hasRetired() {
    return hasRetired;
  }

  /** Frees all retired memory; the caller has made sure no reader is inside. */
  synchronized void releaseAllRetired() {
    for (MemoryRegion region : draining) {
      release(region);
    }
    for (MemoryRegion region : retired) {
      release(region);
    }
    draining.clear();
    retired.clear();
    retiredBytes = 0;
    hasRetired = false;
  }
}
