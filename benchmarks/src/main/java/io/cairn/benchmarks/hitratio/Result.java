package io.cairn.benchmarks.hitratio;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of replaying one trace at one size through one cache.
 *
 * @param trace the trace's name
 * @param size the cache size asked for, in entries
 * @param policy the cache's name
 * @param requests requests replayed
 * @param hits requests that hit
 * @param entries entries the cache held at the end
 * @param engine the engine's own figures; empty for the reference caches
 * @param failure why the replay stopped early, or empty if it ran to the end
 */
record Result(
    String trace,
    int size,
    String policy,
    long requests,
    long hits,
    long entries,
    Optional<EngineFigures> engine,
    String failure) {

  /** Hits per request, or NaN if the replay failed. */
  double hitRatio() {
    return failure.isEmpty() && requests > 0 ? (double) hits / requests : Double.NaN;
  }

  /** What looks wrong in this result: a failure, or an engine that did not run as sized. */
  List<String> problems() {
    List<String> problems = new ArrayList<>();
    String where = trace + " size=" + size + " policy=" + policy + ": ";
    if (!failure.isEmpty()) {
      problems.add(where + "failed: " + failure);
    }
    engine.ifPresent(
        e -> {
          if (e.storeHits() != hits) {
            problems.add(where + "store counted hits=" + e.storeHits() + ", simulator " + hits);
          }
          // Fewer segments are right until the store first evicts; more are never right.
          int expected = e.geometry().segments();
          boolean filled = e.evictions() > 0;
          if (e.segmentsHeld() > expected || (filled && e.segmentsHeld() < expected)) {
            problems.add(
                where
                    + "segmentsHeld="
                    + e.segmentsHeld()
                    + " where the geometry has "
                    + expected
                    + " (evictions="
                    + e.evictions()
                    + ")");
          }
          if (entries > e.geometry().entries()) {
            problems.add(
                where + "entries=" + entries + " exceed the geometry's " + e.geometry().entries());
          }
        });
    return problems;
  }
}
