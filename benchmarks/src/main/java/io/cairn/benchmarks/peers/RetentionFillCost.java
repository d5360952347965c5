package io.cairn.benchmarks.peers;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * What keeping live data costs a writer (issue #10): put throughput, one thread, with a cache
 * bounded at {@code boundMib} MiB holding live data worth {@code livePercent}% of its bound. The
 * live set is keys {@code 0..n-1} with {@code n = bound * livePercent / 100 / }{@link
 * #ENTRY_BYTES}, the same for every cache; once filled, one warm-up pass of {@code n} puts and then
 * {@code puts} timed puts overwrite keys of the live set drawn uniformly, so a log-structured cache
 * must reclaim the overwritten values' space as it goes (at 85% the dead share of its memory is
 * small, and cleaning copies more live data per byte freed).
 *
 * <p>Reported: puts per second by the wall clock and nanoseconds of the thread's CPU time per put
 * (steadier on a shared machine; see {@link PeerCpuCost}), then the keys of the live set lost, the
 * evictions and the native bytes as in {@link RetentionOverwrites}.
 */
final class RetentionFillCost {

  /**
   * The nominal bytes of one live entry: Cairn's item for a {@code Long} key and a 100-byte value
   * in a typed cache (12-byte header, 8-byte key, 100-byte value, already 8-aligned), without its
   * index slot. The share a cache really holds is its own: {@code native_bytes} says it where the
   * cache counts.
   */
  static final int ENTRY_BYTES = 120;

  /** The columns of {@link #run}'s line. */
  static final String HEADER =
      "peer,bound_mib,live_pct,live_keys,puts,ops_per_s,cpu_ns_per_put,lost,evictions,native_bytes";

  private RetentionFillCost() {}

  /** One run, as a CSV line of {@link #HEADER}. */
  static String run(Peer peer, int boundMib, int livePercent, int puts) {
    long bound = (long) boundMib << 20;
    int live = Math.toIntExact(bound * livePercent / 100 / ENTRY_BYTES);
    Object[] values = Retention.values();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    SplittableRandom random = new SplittableRandom(Retention.SEED + 3);
    try (CacheUnderTest cache = peer.openBounded(ValueKind.BYTES, bound)) {
      for (int k = 0; k < live; k++) {
        cache.put(Long.valueOf(k), values[k % values.length]);
      }
      overwrite(cache, live, live, values, random);
      long cpuStart = threads.getCurrentThreadCpuTime();
      long start = System.nanoTime();
      overwrite(cache, live, puts, values, random);
      double seconds = Retention.secondsSince(start);
      double cpuNanos = threads.getCurrentThreadCpuTime() - cpuStart;
      return String.format(
          Locale.ROOT,
          "%s,%d,%d,%d,%d,%.0f,%.0f,%d,%d,%d",
          peer,
          boundMib,
          livePercent,
          live,
          puts,
          puts / seconds,
          cpuNanos / puts,
          live - Retention.present(cache, live),
          cache.evictions(),
          cache.nativeBytes());
    }
  }

  private static void overwrite(
      CacheUnderTest cache, int live, int puts, Object[] values, SplittableRandom random) {
    for (int i = 0; i < puts; i++) {
      cache.put(Long.valueOf(random.nextInt(live)), values[i % values.length]);
    }
  }
}
