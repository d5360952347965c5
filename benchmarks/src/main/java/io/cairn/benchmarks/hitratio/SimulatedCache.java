package io.cairn.benchmarks.hitratio;

import java.util.Optional;

/**
 * A cache under simulation: each request is a read, and a miss inserts the key. Not thread-safe;
 * one replay drives it from one thread.
 */
interface SimulatedCache extends AutoCloseable {

  /** The policy's name as it appears in the results (an engine policy's enum name, "LRU", ...). */
  String name();

  /** Serves one request for {@code key}; returns whether it was a hit. A miss inserts the key. */
  boolean access(long key);

  /**
   * Serves one request for {@code key}, an object of {@code weight} bytes; a miss inserts it. Only
   * caches bounded in bytes answer; the others throw {@link UnsupportedOperationException}.
   */
  default boolean access(long key, int weight) {
    throw new UnsupportedOperationException(name() + " is bounded in entries, not bytes");
  }

  /** The number of entries held now (after any pending maintenance). */
  long entries();

  /** The engine's own figures, for the sanity columns; empty for the reference caches. */
  default Optional<EngineFigures> engineFigures() {
    return Optional.empty();
  }

  /** Releases what the cache holds; for the engine, its native memory. */
  @Override
  default void close() {}
}
