package io.cairn.engine.memory;

import static org.agrona.UnsafeAccess.UNSAFE;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Allocates and frees native memory and counts what is held. One instance per store, so that a
 * store can prove it returned every byte; a process-wide total is kept as well. Internal.
 *
 * <p>Threading: thread-safe. A region must be freed once, by one thread, when no thread can still
 * read it (the store's {@code ReaderBarrier} decides when that is).
 */
public final class NativeMemory {

  private static final AtomicLong PROCESS_ALLOCATED = new AtomicLong();

  private final AtomicLong allocated = new AtomicLong();

  /** Allocates {@code size} bytes, zeroed when {@code zero} is set. */
  public MemoryRegion allocate(long size, boolean zero) {
    if (size <= 0) {
      throw new IllegalArgumentException("size=" + size + " must be positive");
    }
    long address = UNSAFE.allocateMemory(size);
    if (zero) {
      UNSAFE.setMemory(address, size, (byte) 0);
    }
    allocated.addAndGet(size);
    PROCESS_ALLOCATED.addAndGet(size);
    return new MemoryRegion(address, size);
  }

  /** Frees a region; later accesses through it fail the bounds check. Idempotent. */
  public void free(MemoryRegion region) {
    long size = region.size();
    long address = region.address();
    if (address == 0) {
      return;
    }
    region.invalidate();
    UNSAFE.freeMemory(address);
    allocated.addAndGet(-size);
    PROCESS_ALLOCATED.addAndGet(-size);
  }

  /** Bytes this allocator holds now. */
  public long allocatedBytes() {
    return allocated.get();
  }

  /** Bytes all allocators in this process hold now. */
  public static long processAllocatedBytes() {
    return PROCESS_ALLOCATED.get();
  }
}
