package io.cairn.spring.boot;

import io.cairn.spring.boot.boot3.Boot3CacheMeterBinderProvider;
import io.cairn.spring.boot.boot3.Boot3CachesEndpointExtension;
import io.cairn.spring.boot.boot3.Boot3HealthIndicator;
import io.cairn.spring.boot.boot4.Boot4CacheMeterBinderProvider;
import io.cairn.spring.boot.boot4.Boot4CachesEndpointExtension;
import io.cairn.spring.boot.boot4.Boot4HealthIndicator;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CacheMeterBinder;
import java.util.Map;
import javax.cache.CacheManager;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Cairn's metrics, health and cache descriptions, for Spring Boot 3.5 and 4.0 from one jar: each
 * piece that implements a Spring Boot type comes in two classes ({@code boot3}, {@code boot4}
 * packages), and a nested configuration picks the one whose Spring Boot type is on the class path.
 *
 * <ul>
 *   <li>Metrics (Micrometer on the class path): {@link CairnCacheMetrics} for every Cairn cache,
 *       read from the engine, with no JMX and no statistics needed. The caches Spring Boot binds at
 *       startup get it through a {@code CacheMeterBinderProvider} ordered first; those created
 *       later through {@link CairnLateCacheMetrics}.
 *   <li>Health (an actuator on the class path; {@code management.health.cairn.enabled=false} turns
 *       it off): the contributor {@code cairn} ({@link CairnHealthCheck}).
 *   <li>{@code GET /actuator/caches} (when that endpoint is available over the web): each Cairn
 *       cache's effective settings ({@link CairnCacheDescriptions}), by a web extension of the
 *       caches endpoint that takes the place of Spring Boot's own.
 * </ul>
 */
@AutoConfiguration(
    after = CairnCacheAutoConfiguration.class,
    beforeName = {
      "org.springframework.boot.actuate.autoconfigure.cache.CachesEndpointAutoConfiguration",
      "org.springframework.boot.cache.autoconfigure.CachesEndpointAutoConfiguration"
    })
@ConditionalOnClass(CacheManager.class)
public class CairnActuatorAutoConfiguration {

  /** Metrics of caches created after startup; Spring Boot's registrar binds the others. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({MeterRegistry.class, CacheMeterBinder.class})
  static class Metrics {
    @Bean
    CairnLateCacheMetrics cairnLateCacheMetrics(
        ObjectProvider<MeterRegistry> registry,
        ObjectProvider<CacheManager> managers,
        ListableBeanFactory beans) {
      return new CairnLateCacheMetrics(registry, managers, beans);
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(
      name = "org.springframework.boot.actuate.metrics.cache.CacheMeterBinderProvider",
      value = CacheMeterBinder.class)
  static class Boot3Metrics {
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    Boot3CacheMeterBinderProvider cairnCacheMeterBinderProvider() {
      return new Boot3CacheMeterBinderProvider();
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(
      name = "org.springframework.boot.cache.metrics.CacheMeterBinderProvider",
      value = CacheMeterBinder.class)
  static class Boot4Metrics {
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    Boot4CacheMeterBinderProvider cairnCacheMeterBinderProvider() {
      return new Boot4CacheMeterBinderProvider();
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
  @ConditionalOnProperty(
      prefix = "management.health.cairn",
      name = "enabled",
      matchIfMissing = true)
  static class Boot3Health {
    @Bean
    Boot3HealthIndicator cairnHealthIndicator(ObjectProvider<CacheManager> managers) {
      return new Boot3HealthIndicator(managers);
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
  @ConditionalOnProperty(
      prefix = "management.health.cairn",
      name = "enabled",
      matchIfMissing = true)
  static class Boot4Health {
    @Bean
    Boot4HealthIndicator cairnHealthIndicator(ObjectProvider<CacheManager> managers) {
      return new Boot4HealthIndicator(managers);
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.actuate.cache.CachesEndpoint")
  @ConditionalOnAvailableEndpoint(
      endpoint = org.springframework.boot.actuate.cache.CachesEndpoint.class,
      exposure = EndpointExposure.WEB)
  static class Boot3CachesEndpoint {
    @Bean
    Boot3CachesEndpointExtension cachesEndpointWebExtension(
        org.springframework.boot.actuate.cache.CachesEndpoint endpoint,
        Map<String, org.springframework.cache.CacheManager> cacheManagers) {
      return new Boot3CachesEndpointExtension(endpoint, cacheManagers);
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.cache.actuate.endpoint.CachesEndpoint")
  @ConditionalOnAvailableEndpoint(
      endpoint = org.springframework.boot.cache.actuate.endpoint.CachesEndpoint.class,
      exposure = EndpointExposure.WEB)
  static class Boot4CachesEndpoint {
    @Bean
    Boot4CachesEndpointExtension cachesEndpointWebExtension(
        org.springframework.boot.cache.actuate.endpoint.CachesEndpoint endpoint,
        Map<String, org.springframework.cache.CacheManager> cacheManagers) {
      return new Boot4CachesEndpointExtension(endpoint, cacheManagers);
    }
  }
}
