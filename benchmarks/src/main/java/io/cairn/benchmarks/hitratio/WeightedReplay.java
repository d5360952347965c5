package io.cairn.benchmarks.hitratio;

import io.cairn.engine.ByteStore;
import io.cairn.engine.EvictionPolicy;
import io.cairn.engine.StoreStats;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongFunction;

/**
 * Replays a trace whose requests carry sizes (AdaptSize's) with caches bounded in bytes: the
 * engine, whose bound is in bytes anyway, with each item as large as its object, beside LRU and
 * Caffeine weighing entries by size. The engine's bound is what a user would configure, and covers
 * its index too (about 0.2% here); the references count object bytes only. Objects larger than a
 * segment can hold cannot be stored in the engine (it refuses them); they are not offered to any
 * cache and count as misses.
 */
final class WeightedReplay {

  /** Segments of 128 KiB: 64 to 512 of them in the capacities replayed, yet few objects too big. */
  static final int SEGMENT_SIZE = 128 << 10;

  /**
   * The largest object offered: the largest item that still goes into a shared segment (its key and
   * value within the segment less the engine's most overhead per item, 28 bytes).
   */
  static final int MAX_OBJECT =
      SEGMENT_SIZE - EngineGeometry.MAX_OVERHEAD + EngineGeometry.ITEM_HEADER;

  /** Capacities replayed, in MiB: 2.8% to 22% of the request trace's 304 MB of distinct objects. */
  static final List<Integer> CAPACITIES_MIB = List.of(8, 16, 32, 64);

  /**
   * The outcome for one cache at one capacity.
   *
   * @param capacityMib the bound in MiB
   * @param policy the cache's name
   * @param requests requests replayed
   * @param hits requests that hit
   * @param bytesRequested bytes of all requests
   * @param bytesHit bytes of the requests that hit
   * @param segmentsHeld segments the engine held at the end; 0 for the references
   * @param refused requests for objects too large for a segment, misses for every cache
   * @param bytesRefused bytes of those requests
   */
  record Outcome(
      int capacityMib,
      String policy,
      long requests,
      long hits,
      long bytesRequested,
      long bytesHit,
      int segmentsHeld,
      long refused,
      long bytesRefused) {

    double byteHitRatio() {
      return (double) bytesHit / bytesRequested;
    }

    double hitRatio() {
      return (double) hits / requests;
    }
  }

  private WeightedReplay() {}

  /** Replays the AdaptSize-format trace at {@code path} at every capacity. */
  static List<Outcome> run(Path path, List<String> enginePolicies) throws IOException {
    List<Outcome> outcomes = new ArrayList<>();
    for (int mib : CAPACITIES_MIB) {
      long bytes = (long) mib << 20;
      List<LongFunction<SimulatedCache>> factories = new ArrayList<>();
      for (EvictionPolicy policy : EvictionPolicy.values()) {
        if (enginePolicies.contains(policy.name())) {
          factories.add(capacity -> new Engine(policy, capacity));
        }
      }
      factories.add(LruCache::new);
      factories.add(CaffeineCache::weighted);
      outcomes.addAll(replay(path, mib, bytes, factories));
    }
    return outcomes;
  }

  private static List<Outcome> replay(
      Path path, int mib, long bytes, List<LongFunction<SimulatedCache>> factories)
      throws IOException {
    List<SimulatedCache> caches = new ArrayList<>();
    try {
      for (LongFunction<SimulatedCache> factory : factories) {
        caches.add(factory.apply(bytes));
      }
      int n = caches.size();
      long[] hits = new long[n];
      long[] bytesHit = new long[n];
      long requests = 0;
      long bytesRequested = 0;
      long refused = 0;
      long bytesRefused = 0;
      try (InputStream in = TraceFormat.open(path);
          BufferedReader reader =
              new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          String trimmed = line.strip();
          if (trimmed.isEmpty()) {
            continue;
          }
          long key = TraceFormat.ADAPTSIZE.parse(trimmed);
          int size = (int) (key & 0xFFFF_FFFFL);
          requests++;
          bytesRequested += size;
          if (size > MAX_OBJECT) {
            refused++; // too large for the engine: a miss everywhere
            bytesRefused += size;
            continue;
          }
          for (int i = 0; i < n; i++) {
            if (caches.get(i).access(key, size)) {
              hits[i]++;
              bytesHit[i] += size;
            }
          }
        }
      }
      List<Outcome> outcomes = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        SimulatedCache cache = caches.get(i);
        int held = cache instanceof Engine engine ? engine.segmentsHeld() : 0;
        outcomes.add(
            new Outcome(
                mib,
                cache.name(),
                requests,
                hits[i],
                bytesRequested,
                bytesHit[i],
                held,
                refused,
                bytesRefused));
      }
      return outcomes;
    } finally {
      for (SimulatedCache cache : caches) {
        cache.close();
      }
    }
  }

  /** The Markdown table: byte hit ratio, then object hit ratio, per capacity and policy. */
  static String markdown(List<Outcome> outcomes) {
    List<String> policies = new ArrayList<>();
    for (Outcome o : outcomes) {
      if (!policies.contains(o.policy())) {
        policies.add(o.policy());
      }
    }
    Outcome first = outcomes.get(0);
    StringBuilder md = new StringBuilder();
    md.append(
            "\nWeighted: AdaptSize's request trace with its object sizes, caches bounded in bytes")
        .append(" (the engine's bound covers its index too; 128 KiB segments, items as large as")
        .append(
            " their objects). Objects over 128 KiB, which the engine refuses, are offered to no")
        .append(" cache and count as misses: ")
        .append(first.refused())
        .append(" of ")
        .append(first.requests())
        .append(" requests, ")
        .append(
            String.format(
                Locale.ROOT, "%.1f", 100.0 * first.bytesRefused() / first.bytesRequested()))
        .append("% of the bytes. Each cell: byte hit ratio / hit ratio, %.\n\n")
        .append("| capacity | ")
        .append(String.join(" | ", policies))
        .append(" |\n|---:|")
        .append("---:|".repeat(policies.size()))
        .append('\n');
    for (int mib : CAPACITIES_MIB) {
      md.append("| ").append(mib).append(" MiB |");
      for (String policy : policies) {
        for (Outcome o : outcomes) {
          if (o.capacityMib() == mib && o.policy().equals(policy)) {
            md.append(
                String.format(
                    Locale.ROOT, " %.2f / %.2f |", 100 * o.byteHitRatio(), 100 * o.hitRatio()));
          }
        }
      }
      md.append('\n');
    }
    md.append("\nSegments the engine held at the end (same for every policy unless listed):");
    for (int mib : CAPACITIES_MIB) {
      List<String> held = new ArrayList<>();
      for (Outcome o : outcomes) {
        if (o.capacityMib() == mib && o.segmentsHeld() > 0) {
          String entry = Integer.toString(o.segmentsHeld());
          if (!held.contains(entry)) {
            held.add(entry);
          }
        }
      }
      md.append(' ').append(mib).append(" MiB: ").append(String.join("/", held)).append(';');
    }
    md.setLength(md.length() - 1);
    md.append(".\n");
    return md.append('\n').toString();
  }

  /** The engine bounded to {@code capacity} bytes, segments and index together. */
  private static final class Engine implements SimulatedCache {
    private final EvictionPolicy policy;
    private final ByteStore store;
    private final byte[] key = new byte[EngineGeometry.KEY_LENGTH];

    Engine(EvictionPolicy policy, long capacity) {
      this.policy = policy;
      this.store = EngineCache.open(policy, capacity, SEGMENT_SIZE);
    }

    @Override
    public String name() {
      return policy.name();
    }

    @Override
    public boolean access(long k) {
      throw new UnsupportedOperationException("the weighted engine needs sizes");
    }

    @Override
    public boolean access(long k, int size) {
      EngineCache.encode(k, key);
      if (store.get(key) != null) {
        return true;
      }
      int valueLength = Math.max(0, size - EngineGeometry.ITEM_HEADER - EngineGeometry.KEY_LENGTH);
      store.put(key, new byte[valueLength], ByteStore.ETERNAL);
      return false;
    }

    @Override
    public long entries() {
      return store.stats().entries();
    }

    int segmentsHeld() {
      StoreStats stats = store.stats();
      return stats.freeSegments() + stats.activeSegments() + stats.sealedSegments();
    }

    @Override
    public void close() {
      store.close();
    }
  }
}
