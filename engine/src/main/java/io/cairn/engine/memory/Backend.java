package io.cairn.engine.memory;

/**
 * The two ways Cairn reaches native memory. One is chosen per JVM, when the memory package is first
 * used ({@link BackendChoice}); regions of the other are never made, so its classes are never
 * loaded and the JIT sees one {@link MemoryRegion} implementation.
 */
enum Backend {

  /**
   * {@code sun.misc.Unsafe}: the backend for Java 17 to 21, silent there. From Java 23 the JDK
   * warns about it, and {@code --sun-misc-unsafe-memory-access=deny} makes it fail.
   */
  UNSAFE("unsafe") {
    @Override
    MemoryRegion allocate(long size, boolean zero) {
      return UnsafeRegion.allocate(size, zero);
    }
  },

  /**
   * {@code java.lang.foreign}, final since Java 22: bounds-checked segments, one shared arena per
   * region, no restricted method. Its classes are in the multi-release jar's Java 22 part.
   */
  FOREIGN("foreign") {
    @Override
    MemoryRegion allocate(long size, boolean zero) {
      return ForeignMemory.allocate(size); // the JDK zeroes what an arena allocates, always
    }
  };

  private final String propertyValue;

  Backend(String propertyValue) {
    this.propertyValue = propertyValue;
  }

  /** The value of {@link BackendChoice#PROPERTY} that forces this backend. */
  String propertyValue() {
    return propertyValue;
  }

  /** Allocates {@code size} bytes, zeroed at least when {@code zero} is set. */
  abstract MemoryRegion allocate(long size, boolean zero);
}
