package io.cairn.benchmarks.hitratio;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Replays one trace at one size through several caches in a single pass over the trace: each key
 * goes to every cache in turn, so the file is decoded once however many policies there are. A cache
 * that throws is dropped from the pass and its result says why.
 */
final class Replay {

  private Replay() {}

  /**
   * Replays {@code trace} through a cache of {@code size} entries from each factory; closes the
   * caches before returning.
   */
  static List<Result> run(Trace trace, int size, List<CacheFactory> factories) throws IOException {
    List<SimulatedCache> caches = new ArrayList<>(factories.size());
    try {
      for (CacheFactory factory : factories) {
        caches.add(factory.create().apply(size));
      }
      return replay(trace, size, caches);
    } finally {
      for (SimulatedCache cache : caches) {
        cache.close();
      }
    }
  }

  private static List<Result> replay(Trace trace, int size, List<SimulatedCache> caches)
      throws IOException {
    int n = caches.size();
    SimulatedCache[] live = caches.toArray(new SimulatedCache[0]);
    long[] hits = new long[n];
    long[] requests = new long[n];
    String[] failures = new String[n];
    trace.replay(
        key -> {
          for (int i = 0; i < n; i++) {
            SimulatedCache cache = live[i];
            if (cache == null) {
              continue;
            }
            requests[i]++;
            try {
              if (cache.access(key)) {
                hits[i]++;
              }
            } catch (RuntimeException e) {
              failures[i] = "request " + requests[i] + " (key " + key + "): " + e;
              live[i] = null;
            }
          }
        });
    List<Result> results = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      SimulatedCache cache = caches.get(i);
      results.add(
          new Result(
              trace.name(),
              size,
              cache.name(),
              requests[i],
              hits[i],
              cache.entries(),
              cache.engineFigures(),
              failures[i] == null ? "" : failures[i]));
    }
    return results;
  }
}
