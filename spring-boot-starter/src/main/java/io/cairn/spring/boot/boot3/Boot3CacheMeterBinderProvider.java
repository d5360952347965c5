package io.cairn.spring.boot.boot3;

import io.cairn.spring.boot.CairnCacheMetrics;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.actuate.metrics.cache.CacheMeterBinderProvider;
import org.springframework.cache.jcache.JCacheCache;

/**
 * Spring Boot 3.5's hook for the caches it binds at startup: Cairn's caches get {@link
 * CairnCacheMetrics} (ordered before Spring Boot's {@code JCacheMetrics}, which reads JMX); other
 * caches get {@code null}, so the next provider binds them.
 */
public final class Boot3CacheMeterBinderProvider implements CacheMeterBinderProvider<JCacheCache> {
  @Override
  public MeterBinder getMeterBinder(JCacheCache cache, Iterable<Tag> tags) {
    return CairnCacheMetrics.of(cache.getNativeCache(), tags);
  }
}
