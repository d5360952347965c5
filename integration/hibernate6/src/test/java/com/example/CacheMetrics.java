package com.example;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.JCacheMetrics;
import java.net.URI;
import java.net.URISyntaxException;
import javax.cache.CacheManager;
import javax.cache.Caching;

public class CacheMetrics {
  /** Reports the region of Author to Micrometer; call it once the SessionFactory is built. */
  public static void bind(MeterRegistry meterRegistry) throws URISyntaxException {
    URI uri = Thread.currentThread().getContextClassLoader().getResource("cairn.conf").toURI();
    CacheManager cacheManager =
        Caching.getCachingProvider("io.cairn.jcache.spi.CairnCachingProvider")
            .getCacheManager(uri, null); // the manager Hibernate uses
    JCacheMetrics.monitor(meterRegistry, cacheManager.getCache("com.example.Author"));
  }
}
