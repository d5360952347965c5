package io.cairn.spring.boot;

import io.cairn.engine.ByteStore;
import io.cairn.engine.StoreConfig;
import io.cairn.jcache.configuration.CairnConfiguration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import javax.cache.Cache;
import javax.cache.configuration.Factory;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.expiry.Duration;
import javax.cache.expiry.ExpiryPolicy;
import org.springframework.cache.CacheManager;

/**
 * The body of {@code GET /actuator/caches} with Cairn's starter: Spring Boot's own ({@code
 * cacheManagers.<bean>.caches.<name>.target}), and for each Cairn cache a {@code cairn} object with
 * its effective settings, those the engine runs with after the file, the {@code cairn.*} properties
 * and the defaults were applied: capacity, segment size, shards, largest item, eviction policy,
 * expiry, and the JCache settings.
 *
 * <p>Threading: stateless.
 */
public final class CairnCacheDescriptions {

  private CairnCacheDescriptions() {}

  public static Map<String, Object> describe(Map<String, CacheManager> cacheManagers) {
    Map<String, Object> managers = new TreeMap<>();
    cacheManagers.forEach(
        (bean, manager) -> {
          Map<String, Object> caches = new TreeMap<>();
          for (String name : manager.getCacheNames()) {
            org.springframework.cache.Cache cache = manager.getCache(name);
            if (cache == null) {
              continue;
            }
            Object target = cache.getNativeCache();
            Map<String, Object> description = new LinkedHashMap<>();
            description.put("target", target.getClass().getName());
            if (target instanceof Cache<?, ?> jcache && !jcache.isClosed()) {
              Map<String, Object> settings = settings(jcache);
              if (settings != null) {
                description.put("cairn", settings);
              }
            }
            caches.put(name, description);
          }
          managers.put(bean, Map.of("caches", caches));
        });
    return Map.of("cacheManagers", managers);
  }

  /** The effective settings of {@code cache}, or {@code null} when it is not Cairn's. */
  static Map<String, Object> settings(Cache<?, ?> cache) {
    CairnConfiguration<?, ?> c;
    try {
      c = configuration(cache);
    } catch (IllegalArgumentException notCairn) {
      return null;
    }
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("manager", String.valueOf(cache.getCacheManager().getURI()));
    settings.put("storeByValue", c.isStoreByValue());
    if (c.isStoreByValue()) {
      StoreConfig engine = cache.unwrap(ByteStore.class).config();
      settings.put("capacityBytes", engine.capacityBytes());
      settings.put("segmentSize", engine.segmentSize());
      settings.put("shards", engine.shards());
      settings.put("maxItemBytes", engine.maxItemBytes());
      settings.put("evictionPolicy", engine.evictionPolicy().name());
      settings.put("oversizedValues", c.getOversizedValues().name());
      settings.put(
          "sharedCapacityBytes",
          engine.sharedCapacity() == null ? null : engine.sharedCapacity().capacityBytes());
    }
    settings.put("expiry", expiry(c.getExpiryPolicyFactory()));
    settings.put("statistics", c.isStatisticsEnabled());
    settings.put("management", c.isManagementEnabled());
    settings.put("readThrough", c.isReadThrough());
    settings.put("writeThrough", c.isWriteThrough());
    return settings;
  }

  @SuppressWarnings("unchecked") // getConfiguration's raw class argument; the result is only read
  private static CairnConfiguration<?, ?> configuration(Cache<?, ?> cache) {
    return cache.getConfiguration(CairnConfiguration.class);
  }

  /**
   * The durations of Cairn's own expiry (from the file or properties) or of the policy a singleton
   * factory holds (JCache's default, eternal): asking them is safe. Another factory is named, never
   * called, for it may build a user's object.
   */
  private static Object expiry(Factory<? extends ExpiryPolicy> factory) {
    ExpiryPolicy policy;
    if (factory instanceof ExpiryPolicy own) {
      policy = own;
    } else if (factory instanceof FactoryBuilder.SingletonFactory<? extends ExpiryPolicy> single) {
      policy = single.create(); // hands out the instance it holds: no user code runs
    } else {
      return factory.getClass().getName();
    }
    Map<String, Object> expiry = new LinkedHashMap<>();
    expiry.put("afterCreation", text(policy.getExpiryForCreation()));
    expiry.put("afterUpdate", text(policy.getExpiryForUpdate()));
    expiry.put("afterAccess", text(policy.getExpiryForAccess()));
    return expiry;
  }

  private static String text(Duration duration) {
    if (duration == null) {
      return "unchanged";
    }
    return duration.isEternal()
        ? "eternal"
        : duration.getTimeUnit().toMillis(duration.getDurationAmount()) + "ms";
  }
}
