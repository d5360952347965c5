package io.cairn.engine.memory;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Allocates and frees native memory and counts what is held. One instance per store, so that a
 * store can prove it returned every byte; a process-wide total is kept as well. Internal.
 *
 * <p>Backend: {@code java.lang.foreign} on Java 22 and later, {@code sun.misc.Unsafe} on Java 17 to
 * 21, chosen once per JVM when this class is first used and logged at DEBUG; the system property
 * {@code cairn.memory} ({@code unsafe} or {@code foreign}) forces one. On the foreign backend every
 * region has its own shared {@code Arena}, closed when the region is freed, so a freed region's
 * bytes go back at once (docs/architecture.md, "Memory", has the figures behind that choice); its
 * memory is always zeroed, whatever {@code zero} says.
 *
 * <p>Threading: thread-safe. A region must be freed once, by one thread, when no thread can still
 * read it (the store's {@code ReaderBarrier} decides when that is).
 */
public final class NativeMemory {

  private static final AtomicLong PROCESS_ALLOCATED = new AtomicLong();

  private final Backend backend;
  private final AllocationFaults faults;
  private final AtomicLong allocated = new AtomicLong();

  /**
   * An allocator on this JVM's backend.
   *
   * @throws IllegalStateException if {@code -Dcairn.memory} forces a backend that cannot run here
   *     (foreign before Java 22), or names none
   */
  public NativeMemory() {
    this(AllocationFaults.NONE);
  }

  /**
   * An allocator on this JVM's backend that asks {@code faults} before every allocation: for tests
   * that fail a chosen allocation.
   */
  public NativeMemory(AllocationFaults faults) {
    this.backend = BackendChoice.chosen();
    this.faults = Objects.requireNonNull(faults, "faults");
  }

  /**
   * Allocates {@code size} bytes, zeroed when {@code zero} is set.
   *
   * @throws OutOfMemoryError if the operating system has no memory to give
   */
  public MemoryRegion allocate(long size, boolean zero) {
    if (size <= 0) {
      throw new IllegalArgumentException("size=" + size + " must be positive");
    }
    faults.beforeAllocate(size);
    MemoryRegion region = backend.allocate(size, zero);
    allocated.addAndGet(size);
    PROCESS_ALLOCATED.addAndGet(size);
    return region;
  }

  /** Frees a region; later accesses through it throw. Idempotent. */
  public void free(MemoryRegion region) {
    long size = region.size();
    if (region.release()) {
      allocated.addAndGet(-size);
      PROCESS_ALLOCATED.addAndGet(-size);
    }
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
