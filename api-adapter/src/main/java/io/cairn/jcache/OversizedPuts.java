package io.cairn.jcache;

import com.typesafe.config.ConfigUtil;
import io.cairn.engine.ItemTooLargeException;
import io.cairn.engine.StoreConfig;
import io.cairn.jcache.configuration.OversizedValues;
import io.cairn.jcache.management.CacheStatisticsImpl;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a cache does with a put its store refuses as too large: the message that names the sizes and
 * the setting to change ({@link #refused}), and the decision to fail or skip ({@link #skips}) that
 * the cache's {@link OversizedValues} setting makes.
 *
 * <p>Only the refused put comes here: the engine checks the size as it writes, so a put that fits
 * pays nothing for any of this, and {@link OversizedValues#AUTO} walks the caller's stack only for
 * a put already refused.
 *
 * <p>Threading: thread-safe.
 */
final class OversizedPuts {
  private static final Logger LOG = LoggerFactory.getLogger(OversizedPuts.class);

  /**
   * The packages whose calls {@link OversizedValues#AUTO} skips, and what they are: both catch no
   * exception from a put, so a refusal would fail the application's transaction or call.
   */
  private static final Map<String, String> FRAMEWORKS =
      Map.of(
          "org.hibernate.cache.", "Hibernate's second-level cache",
          "org.springframework.cache.", "Spring's cache abstraction");

  /** How every refusal's message ends: the other way out. */
  private static final String SKIP_HINT =
      "; or set oversized-values = skip to have such puts skipped";

  private final String cacheName;
  private final OversizedValues mode;
  private final CacheStatisticsImpl statistics;
  private final AtomicBoolean logged = new AtomicBoolean();

  OversizedPuts(String cacheName, OversizedValues mode, CacheStatisticsImpl statistics) {
    this.cacheName = cacheName;
    this.mode = mode;
    this.statistics = statistics;
  }

  /**
   * Whether the put refused with {@code e} is skipped rather than thrown; a skip is counted, and
   * the cache's first is logged at WARN.
   *
   * @param counted whether the operation counted the put in the statistics (which is taken back)
   */
  boolean skips(EntryTooLargeException e, boolean counted) {
    String reason =
        switch (mode) {
          case FAIL -> null;
          case SKIP -> "oversized-values = skip";
          case AUTO -> {
            String caller = cacheFramework();
            yield caller == null ? null : "oversized-values = auto and the put came from " + caller;
          }
        };
    if (reason == null) {
      return false;
    }
    statistics.skippedPut(counted);
    if (logged.compareAndSet(false, true)) {
      String message = e.getMessage();
      LOG.warn(
          "{}. The put is skipped ({}), and any older value of its key removed; such skips are"
              + " counted in the cache's CacheSkippedPuts statistic and not logged again",
          message.endsWith(SKIP_HINT)
              ? message.substring(0, message.length() - SKIP_HINT.length())
              : message,
          reason);
    }
    return true;
  }

  /** The cache framework on the caller's stack, or {@code null}. */
  private static String cacheFramework() {
    return StackWalker.getInstance()
        .walk(
            frames ->
                frames
                    .map(frame -> framework(frame.getClassName()))
                    .filter(name -> name != null)
                    .findFirst()
                    .orElse(null));
  }

  private static String framework(String className) {
    for (Map.Entry<String, String> framework : FRAMEWORKS.entrySet()) {
      if (className.startsWith(framework.getKey())) {
        return framework.getValue();
      }
    }
    return null;
  }

  /**
   * The engine's refusal {@code e} of an item (not of a key alone) for the cache {@code cacheName}
   * whose store is configured by {@code config}, in the cache's terms: the sizes, the limit, and
   * the setting that raises it.
   */
  static EntryTooLargeException refused(
      String cacheName, StoreConfig config, ItemTooLargeException e) {
    String message =
        "cache "
            + cacheName
            + " cannot store an entry of key "
            + e.keyLength()
            + " bytes and value "
            + e.valueLength()
            + " bytes (serialized): the largest entry it stores, with a header of a few bytes,"
            + " is "
            + e.limit()
            + " bytes, "
            + advice(config, e.limit())
            + " (in cairn.caches."
            + ConfigUtil.quoteString(cacheName)
            + " of the configuration file, or CairnConfiguration in code)"
            + SKIP_HINT;
    return new EntryTooLargeException(message, e);
  }

  /** Where the limit comes from and which setting raises it. */
  private static String advice(StoreConfig config, long limit) {
    long capacity = config.capacityBytes();
    if (limit <= config.segmentSize()) {
      return "one segment: raise segment-size (now "
          + config.segmentSize()
          + " bytes, at most "
          + (StoreConfig.MAX_SEGMENT_SIZE >> 20)
          + "MiB), or capacity (now "
          + capacity
          + " bytes) if segment-size is auto, which follows it";
    }
    if (limit >= capacity / 4) {
      return "a quarter of its capacity: raise capacity (now "
          + capacity
          + " bytes) above four times the entry's size";
    }
    return "the most any Cairn cache stores in one entry, whatever its capacity: no setting makes"
        + " room for this value";
  }
}
