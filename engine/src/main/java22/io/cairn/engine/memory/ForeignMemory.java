package io.cairn.engine.memory;

/**
 * The foreign backend, present: this class replaces the Java 17 one of the same name in the
 * multi-release jar's Java 22 part, so that a JVM of Java 22 or later can choose {@link
 * Backend#FOREIGN}.
 */
final class ForeignMemory {

  private ForeignMemory() {}

  /** Whether the foreign backend's classes are here: in this version of the class, yes. */
  static boolean available() {
    return true;
  }

  /** Allocates {@code size} zeroed bytes in a shared arena of their own. */
  static MemoryRegion allocate(long size) {
    return ForeignRegion.allocate(size);
  }
}
