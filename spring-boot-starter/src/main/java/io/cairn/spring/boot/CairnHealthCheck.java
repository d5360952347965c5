package io.cairn.spring.boot;

import io.cairn.engine.ByteStore;
import io.cairn.engine.StoreStats;
import io.cairn.jcache.CacheManagerImpl;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import javax.cache.Cache;
import javax.cache.CacheManager;

/**
 * What Cairn's health indicator reports (for Spring Boot 3.5 and 4.0 alike): per manager, each
 * off-heap cache's bound, committed bytes and headroom (bound minus committed); and whether the
 * engine's background expirer thread ({@value #EXPIRER_THREAD}) is alive.
 *
 * <p>Down when a manager of the context is closed, or when a cache relies on the background expirer
 * and its thread is not alive (expired entries would then be dropped only when read). A cache at
 * its bound is not unhealthy (it evicts, as a cache should): headroom is a detail for dashboards.
 *
 * <p>Threading: stateless; each check reads the engine's counters and the JVM's threads.
 */
public final class CairnHealthCheck {

  /** The name of the engine's one expirer thread (engine {@code segment.Expirer}). */
  static final String EXPIRER_THREAD = "cairn-expirer";

  /** A health reading: up or down, and the details. */
  public record Reading(boolean up, Map<String, Object> details) {}

  private CairnHealthCheck() {}

  public static Reading check(Iterable<CacheManager> managers) {
    boolean up = true;
    boolean expirerNeeded = false;
    Map<String, Object> details = new LinkedHashMap<>();
    Map<String, Object> byManager = new LinkedHashMap<>();
    for (CacheManager manager : managers) {
      if (!(manager instanceof CacheManagerImpl)) {
        continue;
      }
      Map<String, Object> caches = new TreeMap<>();
      if (manager.isClosed()) {
        up = false;
        byManager.put(manager.getURI().toString(), Map.of("closed", true));
        continue;
      }
      for (String name : manager.getCacheNames()) {
        Cache<Object, Object> cache = manager.getCache(name);
        if (cache == null || cache.isClosed()) {
          continue;
        }
        ByteStore store;
        try {
          store = cache.unwrap(ByteStore.class);
        } catch (IllegalArgumentException storeByReference) {
          caches.put(name, Map.of("storeByValue", false));
          continue;
        }
        expirerNeeded |= store.config().expirationIntervalMillis() > 0;
        caches.put(name, usage(store.stats()));
      }
      byManager.put(manager.getURI().toString(), caches);
    }
    boolean expirerAlive = isAlive(EXPIRER_THREAD);
    if (expirerNeeded && !expirerAlive) {
      up = false;
    }
    details.put("expirer", expirerAlive ? "alive" : expirerNeeded ? "not running" : "not started");
    details.put("managers", byManager);
    return new Reading(up, details);
  }

  private static Map<String, Object> usage(StoreStats stats) {
    Map<String, Object> usage = new LinkedHashMap<>();
    long headroom = Math.max(0, stats.capacityBytes() - stats.committedBytes());
    usage.put("entries", stats.entries());
    usage.put("boundBytes", stats.capacityBytes());
    usage.put("committedBytes", stats.committedBytes());
    usage.put("usedBytes", stats.liveBytes());
    usage.put("headroomBytes", headroom);
    usage.put(
        "headroomPercent",
        stats.capacityBytes() == 0 ? 0 : Math.round(100.0 * headroom / stats.capacityBytes()));
    return usage;
  }

  /** Whether a live thread of this JVM has {@code name}. */
  static boolean isAlive(String name) {
    ThreadGroup root = Thread.currentThread().getThreadGroup();
    while (root.getParent() != null) {
      root = root.getParent();
    }
    Thread[] threads = new Thread[root.activeCount() * 2 + 16];
    int count = root.enumerate(threads, true);
    for (int i = 0; i < count; i++) {
      if (name.equals(threads[i].getName()) && threads[i].isAlive()) {
        return true;
      }
    }
    return false;
  }
}
