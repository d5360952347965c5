package io.cairn.engine.segment;

import io.cairn.engine.memory.MemoryRegion;
import io.cairn.engine.memory.NativeMemory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The store's byte bound: every native byte (segments, index tables, memory awaiting release) is
 * reserved here before it is allocated, and given back only once it is really freed, so {@link
 * #committed()} never exceeds the capacity.
 *
 * <p>Each shard's first segment is held back from the start ({@link #claimFirstSegment}), so a
 * shard can always make progress however much the other shards took.
 *
 * <p>Memory retired while optimistic readers may hold it waits in a list until the {@link
 * ReaderBarrier} is quiescent. Threading: thread-safe.
 */
final class MemoryBudget {

  private final long capacity;
  private final NativeMemory memory;
  private final ReaderBarrier barrier;
  private final AtomicLong committed = new AtomicLong();
  private final AtomicLong heldBack; // bytes promised to shards' first segments, not yet taken
  private final List<MemoryRegion> retired = new ArrayList<>(); // guarded by this
  private volatile boolean hasRetired; // written under this; read without, as a cheap hint

  MemoryBudget(long capacity, long heldBack, NativeMemory memory, ReaderBarrier barrier) {
    this.capacity = capacity;
    this.memory = memory;
    this.barrier = barrier;
    this.heldBack = new AtomicLong(heldBack);
  }

  long capacity() {
    return capacity;
  }

  /** Native bytes reserved now. */
  long committed() {
    return committed.get();
  }

  /** Reserves {@code bytes} if the bound allows; returns whether it did. */
  boolean tryReserve(long bytes) {
    while (true) {
      long current = committed.get();
      if (current + heldBack.get() + bytes > capacity) {
        return false;
      }
      if (committed.compareAndSet(current, current + bytes)) {
        return true;
      }
    }
  }

  /** Gives back a reservation whose allocation failed. */
  void unreserve(long bytes) {
    committed.addAndGet(-bytes);
  }

  /** Takes a shard's held-back first segment. Called once per shard. */
  void claimFirstSegment(long bytes) {
    heldBack.addAndGet(-bytes);
    committed.addAndGet(bytes);
  }

  /** Frees {@code region} now and returns its bytes; no reader may hold it. */
  void release(MemoryRegion region) {
    long size = region.size();
    memory.free(region);
    committed.addAndGet(-size);
  }

  /** Frees {@code region} once no optimistic reader can hold it. */
  void retire(MemoryRegion region) {
    synchronized (this) {
      retired.add(region);
      hasRetired = true;
    }
    releaseRetired();
  }

  /** Frees retired memory if no reader is inside the store; cheap when there is none. */
  void releaseRetired() {
    synchronized (this) {
      if (retired.isEmpty() || !barrier.isQuiescent()) {
        return;
      }
      releaseAllRetired();
    }
  }

  /** Whether memory is waiting for release; a hint read without the lock. */
  boolean hasRetired() {
    return hasRetired;
  }

  /** Frees all retired memory; the caller has made sure no reader is inside. */
  synchronized void releaseAllRetired() {
    for (MemoryRegion region : retired) {
      release(region);
    }
    retired.clear();
    hasRetired = false;
  }
}
