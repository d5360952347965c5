package io.cairn.engine.memory;

/**
 * The foreign backend as Java 17 to 21 see it: absent. The multi-release jar's Java 22 part ({@code
 * META-INF/versions/22}, compiled from {@code src/main/java22}) replaces this class with the one
 * that allocates through {@code java.lang.foreign}; a JVM that loads the engine's classes from a
 * directory, or from a jar repackaged without {@code Multi-Release: true}, sees this one on every
 * Java version.
 */
final class ForeignMemory {

  private ForeignMemory() {}

  /** Whether the foreign backend's classes are here. A method, so javac cannot inline it. */
  static boolean available() {
    return false;
  }

  /** Never called: {@link BackendChoice} does not choose a backend that is not available. */
  static MemoryRegion allocate(long size) {
    throw new UnsupportedOperationException(
        "the foreign memory backend needs Java 22 and the multi-release jar; size=" + size);
  }
}
