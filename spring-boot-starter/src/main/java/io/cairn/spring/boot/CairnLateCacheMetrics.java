package io.cairn.spring.boot;

import io.cairn.jcache.CacheManagerImpl;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.search.Search;
import java.util.Locale;
import java.util.Map;
import javax.cache.CacheManager;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.cache.jcache.JCacheCacheManager;

/**
 * Binds {@link CairnCacheMetrics} to every Cairn cache that exists once the context has started and
 * to every one created later ({@link CacheManagerImpl#onCacheCreated}): Spring Boot's cache metrics
 * bind only the caches that exist at startup, while a cache Cairn creates on first use (declared in
 * {@code cairn.caches} or the file, not in {@code spring.cache.cache-names}) would otherwise have
 * none. Tags are Spring Boot's: {@code cache}, {@code cache.manager} (the Spring cache manager's
 * bean name, {@code cacheManager}) and {@code name}; a cache bound by both gets one set of meters,
 * for the registry returns the meter it has for an identical id.
 *
 * <p>Threading: set up once on the main thread; binds on the thread that creates a cache.
 */
final class CairnLateCacheMetrics implements SmartInitializingSingleton {
  private final ObjectProvider<MeterRegistry> registry;
  private final ObjectProvider<CacheManager> managers;
  private final ListableBeanFactory beans;

  CairnLateCacheMetrics(
      ObjectProvider<MeterRegistry> registry,
      ObjectProvider<CacheManager> managers,
      ListableBeanFactory beans) {
    this.registry = registry;
    this.managers = managers;
    this.beans = beans;
  }

  @Override
  public void afterSingletonsInstantiated() {
    MeterRegistry meters = registry.getIfUnique(); // the composite, when there are several
    if (meters == null) {
      return;
    }
    for (CacheManager manager : managers) {
      if (!(manager instanceof CacheManagerImpl cairn) || manager.isClosed()) {
        continue;
      }
      String managerTag = springName(manager);
      cairn.onCacheCreated(
          cache -> {
            removeFormer(meters, cache.getName(), managerTag);
            bind(meters, cache, managerTag);
          });
      for (String name : manager.getCacheNames()) {
        bind(meters, manager.getCache(name), managerTag);
      }
    }
  }

  /**
   * Removes the meters of a former cache of {@code name} (destroyed, now created again), which
   * would otherwise keep reporting it: a registry hands out the meter it has for an id.
   */
  private static void removeFormer(MeterRegistry meters, String name, String manager) {
    for (Meter meter : Search.in(meters).tags("cache", name, "cache.manager", manager).meters()) {
      if (CairnCacheMetrics.METER_NAMES.contains(meter.getId().getName())) {
        meters.remove(meter);
      }
    }
  }

  private static void bind(MeterRegistry meters, javax.cache.Cache<?, ?> cache, String manager) {
    if (cache == null) {
      return;
    }
    CairnCacheMetrics metrics =
        CairnCacheMetrics.of(cache, Tags.of("cache.manager", manager, "name", cache.getName()));
    if (metrics != null) {
      metrics.bindTo(meters);
    }
  }

  /**
   * The name Spring Boot's cache metrics give the Spring cache manager over {@code manager}: its
   * bean name, less a {@code CacheManager} suffix (the rule of Spring Boot's registrar).
   */
  private String springName(CacheManager manager) {
    String bean = "cacheManager";
    Map<String, JCacheCacheManager> spring = beans.getBeansOfType(JCacheCacheManager.class);
    for (Map.Entry<String, JCacheCacheManager> entry : spring.entrySet()) {
      if (entry.getValue().getCacheManager() == manager) {
        bean = entry.getKey();
      }
    }
    String suffix = "cacheManager";
    return bean.length() > suffix.length()
            && bean.toLowerCase(Locale.ROOT).endsWith(suffix.toLowerCase(Locale.ROOT))
        ? bean.substring(0, bean.length() - suffix.length())
        : bean;
  }
}
