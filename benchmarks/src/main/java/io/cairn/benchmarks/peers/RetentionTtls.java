package io.cairn.benchmarks.peers;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;

/**
 * Entries with varying lifetimes in a small cache (issue #10): {@code entries} 100-byte entries put
 * into a Cairn cache opened with a plain {@link MutableConfiguration} (so the default 64 MiB
 * capacity), statistics on, and an expiry policy that gives every entry its own time-to-live from
 * 10 s to 1 h ({@link Expiry#SPREAD}) or, as the control, one of 30 minutes for all ({@link
 * Expiry#FIXED}). Then each key is looked up once.
 *
 * <p>The data is a few MB, far below the bound, and no entry can expire before 10 s: every key
 * should be present ({@code elapsed_s} shows the run stayed below 10 s). Reported: the keys present
 * and lost, {@code CacheEvictions} from the cache's statistics MXBean, Cairn's committed native
 * bytes.
 */
final class RetentionTtls {

  /** The expiry the entries get on creation. */
  enum Expiry {
    /** Each its own, uniform in 10 s .. 1 h. */
    SPREAD,
    /** 30 minutes for every entry. */
    FIXED
  }

  /** The columns of {@link #run}'s line. */
  static final String HEADER =
      "cache,entries,expiry,present,lost,cache_evictions,native_bytes,elapsed_s";

  private RetentionTtls() {}

  /** One run, as a CSV line of {@link #HEADER}. */
  static String run(int entries, Expiry expiry) {
    MutableConfiguration<Long, Object> config = Peer.typed(ValueKind.BYTES);
    config.setExpiryPolicyFactory(
        expiry == Expiry.SPREAD
            ? FactoryBuilder.factoryOf(
                new SpreadExpiryPolicy(
                    new Duration(TimeUnit.SECONDS, 10),
                    new Duration(TimeUnit.HOURS, 1),
                    Retention.SEED))
            : CreatedExpiryPolicy.factoryOf(new Duration(TimeUnit.MINUTES, 30)));
    Object[] values = Retention.values();
    long start = System.nanoTime();
    try (CacheUnderTest cache = new JCacheUnderTest(Peer.CAIRN_PROVIDER, config, true)) {
      for (int k = 0; k < entries; k++) {
        cache.put(Long.valueOf(k), values[k % values.length]);
      }
      int present = Retention.present(cache, entries);
      return String.format(
          Locale.ROOT,
          "%s,%d,%s,%d,%d,%d,%d,%.1f",
          Peer.CAIRN_JCACHE,
          entries,
          expiry == Expiry.SPREAD ? "10s..1h" : "30min",
          present,
          entries - present,
          cache.evictions(),
          cache.nativeBytes(),
          Retention.secondsSince(start));
    }
  }
}
