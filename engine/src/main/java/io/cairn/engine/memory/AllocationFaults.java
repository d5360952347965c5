package io.cairn.engine.memory;

/**
 * Fault injection at the memory seam: called before every allocation of a {@link NativeMemory}
 * built with it, so a test can fail a chosen allocation the way a failing {@code malloc} does, with
 * an {@link OutOfMemoryError}, and check that nothing stored is lost or corrupted. Internal: for
 * tests; a store opened through the API never has one.
 */
@FunctionalInterface
public interface AllocationFaults {

  /** Lets every allocation through. */
  AllocationFaults NONE = size -> {};

  /**
   * Called before {@code size} bytes are allocated; throws {@link OutOfMemoryError} to fail that
   * allocation, returns to let it proceed.
   */
  void beforeAllocate(long size);
}
