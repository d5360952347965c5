package io.cairn.benchmarks.peers;

import io.cairn.benchmarks.EngineBenchmark;
import io.cairn.benchmarks.ZipfSequence;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Keys lost to overwrites (issue #10): a cache bounded at {@code boundMib} MiB is filled with keys
 * {@code 0..keys-1}, then every key is overwritten {@code overwrites / keys} times on average, the
 * first half of the overwrites drawing keys uniformly, the second half from Zipf(0.99) ({@link
 * ZipfSequence}, the hot keys scattered); then each key is looked up once. Nothing is removed, so a
 * cache that keeps its live data loses no key as long as the keys fit in the bound; what it must
 * reclaim is the space of the overwritten values.
 *
 * <p>Reported: the keys still present and lost, the evictions the cache reports (-1 where it does
 * not say), the native bytes it holds at the end by its own count (-1 where it does not say;
 * Ehcache takes its whole pool up front), the wall time of the whole run (fill, overwrites,
 * lookups) and the overwrites per second.
 */
final class RetentionOverwrites {

  /** The columns of {@link #run}'s line. */
  static final String HEADER =
      "peer,bound_mib,keys,overwrites,present,lost,lost_pct,evictions,native_bytes,"
          + "wall_s,overwrite_ops_per_s";

  private RetentionOverwrites() {}

  /** One run, as a CSV line of {@link #HEADER}. */
  static String run(Peer peer, int boundMib, int keys, int overwrites) {
    Object[] values = Retention.values();
    int uniform = overwrites / 2;
    // Drawn before the clock starts: 10M draws take seconds and 40 MB.
    int[] zipf =
        ZipfSequence.generate(
            keys, EngineBenchmark.ZIPF_THETA, overwrites - uniform, Retention.SEED);
    SplittableRandom random = new SplittableRandom(Retention.SEED + 2);
    long start = System.nanoTime();
    try (CacheUnderTest cache = peer.openBounded(ValueKind.BYTES, (long) boundMib << 20)) {
      for (int k = 0; k < keys; k++) {
        cache.put(Long.valueOf(k), values[k % values.length]);
      }
      long overwriteStart = System.nanoTime();
      for (int i = 0; i < uniform; i++) {
        cache.put(Long.valueOf(random.nextInt(keys)), values[i % values.length]);
      }
      for (int i = 0; i < zipf.length; i++) {
        cache.put(Long.valueOf(zipf[i]), values[i % values.length]);
      }
      double overwriteSeconds = Retention.secondsSince(overwriteStart);
      int present = Retention.present(cache, keys);
      double wallSeconds = Retention.secondsSince(start);
      int lost = keys - present;
      return String.format(
          Locale.ROOT,
          "%s,%d,%d,%d,%d,%d,%.2f,%d,%d,%.1f,%.0f",
          peer,
          boundMib,
          keys,
          overwrites,
          present,
          lost,
          100.0 * lost / keys,
          cache.evictions(),
          cache.nativeBytes(),
          wallSeconds,
          overwrites / overwriteSeconds);
    }
  }
}
