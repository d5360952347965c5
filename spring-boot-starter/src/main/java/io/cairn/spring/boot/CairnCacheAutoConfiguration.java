package io.cairn.spring.boot;

import io.cairn.jcache.spi.CairnCachingProvider;
import io.cairn.spring.boot.boot3.Boot3HibernatePropertiesCustomizer;
import io.cairn.spring.boot.boot4.Boot4HibernatePropertiesCustomizer;
import java.lang.reflect.Method;
import java.net.URI;
import java.util.List;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.Configuration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.spi.CachingProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.cache.jcache.JCacheCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Makes Cairn the JCache provider of Spring Boot's cache auto-configuration: a {@code
 * javax.cache.CacheManager} bean, {@code jCacheCacheManager}, that Spring Boot's JCache support
 * wraps in its {@link JCacheCacheManager} as it would its own. Runs before Spring Boot's {@code
 * CacheAutoConfiguration} (3.5: {@code org.springframework.boot.autoconfigure.cache}, 4.0: {@code
 * org.springframework.boot.cache.autoconfigure}), and steps aside when {@code spring.cache.type}
 * names another type, {@code spring.cache.jcache.provider} another provider, or the application
 * defines its own {@code javax.cache.CacheManager} or Spring {@code CacheManager}.
 *
 * <p>The manager reads {@code spring.cache.jcache.config} (a HOCON file, optional) with the {@code
 * cairn.*} properties on top ({@link CairnProperties}); its URI is unique to the context ({@link
 * ManagerLocation}). As Spring Boot's own JCache configuration does, it creates the caches of
 * {@code spring.cache.cache-names} with the {@code javax.cache.configuration.Configuration} bean,
 * if there is one, and applies the {@code JCacheManagerCustomizer} beans of either Spring Boot
 * line. Closing the context closes the manager.
 */
@AutoConfiguration(
    beforeName = {
      "org.springframework.boot.autoconfigure.cache.CacheAutoConfiguration",
      "org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration"
    })
@ConditionalOnClass({Caching.class, JCacheCacheManager.class, CairnCachingProvider.class})
@ConditionalOnMissingBean({CacheManager.class, org.springframework.cache.CacheManager.class})
@Conditional(CairnSelectedCondition.class)
@EnableConfigurationProperties(CairnProperties.class)
public class CairnCacheAutoConfiguration implements BeanClassLoaderAware {
  private static final Logger LOG = LoggerFactory.getLogger(CairnCacheAutoConfiguration.class);

  /** {@code JCacheManagerCustomizer} of Spring Boot 3.5 and of 4.0. */
  private static final List<String> CUSTOMIZERS =
      List.of(
          "org.springframework.boot.autoconfigure.cache.JCacheManagerCustomizer",
          "org.springframework.boot.cache.autoconfigure.JCacheManagerCustomizer");

  private ClassLoader classLoader;

  @Override
  public void setBeanClassLoader(ClassLoader classLoader) {
    this.classLoader = classLoader;
  }

  /** The Cairn manager of this context, closed with it. */
  @Bean
  public CacheManager jCacheCacheManager(
      CairnProperties properties,
      Environment environment,
      ResourceLoader resources,
      ObjectProvider<Configuration<?, ?>> defaultCacheConfiguration,
      ListableBeanFactory beans) {
    Binder binder = Binder.get(environment);
    String config = binder.bind("spring.cache.jcache.config", String.class).orElse(null);
    CachingProvider provider =
        Caching.getCachingProvider(CairnCachingProvider.class.getName(), classLoader);
    URI uri = ManagerLocation.uri(config, resources, provider.getDefaultURI());
    CacheManager manager =
        provider.getCacheManager(uri, classLoader, properties.toProviderProperties());
    LOG.debug("Cairn cache manager {} for this application context", uri);
    try {
      List<String> names =
          binder.bind("spring.cache.cache-names", Bindable.listOf(String.class)).orElse(List.of());
      for (String name : names) {
        manager.createCache(
            name, defaultCacheConfiguration.getIfAvailable(MutableConfiguration::new));
      }
      customize(manager, beans);
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
    return manager;
  }

  /**
   * Hibernate's second-level cache in this manager, on Spring Boot 3.5 (see {@link
   * CairnHibernateSettings}).
   */
  @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(
      name = {
        "org.springframework.boot.autoconfigure.orm.jpa.HibernatePropertiesCustomizer",
        "org.hibernate.cache.jcache.ConfigSettings"
      })
  static class Boot3Hibernate {
    @Bean
    Boot3HibernatePropertiesCustomizer cairnHibernatePropertiesCustomizer(
        CacheManager jCacheCacheManager) {
      return new Boot3HibernatePropertiesCustomizer(jCacheCacheManager);
    }
  }

  /** The same on Spring Boot 4.0. */
  @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(
      name = {
        "org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer",
        "org.hibernate.cache.jcache.ConfigSettings"
      })
  static class Boot4Hibernate {
    @Bean
    Boot4HibernatePropertiesCustomizer cairnHibernatePropertiesCustomizer(
        CacheManager jCacheCacheManager) {
      return new Boot4HibernatePropertiesCustomizer(jCacheCacheManager);
    }
  }

  /** Calls every {@code JCacheManagerCustomizer} bean, in order, as Spring Boot would. */
  private void customize(CacheManager manager, ListableBeanFactory beans) {
    for (String name : CUSTOMIZERS) {
      if (!ClassUtils.isPresent(name, classLoader)) {
        continue;
      }
      Class<?> type = ClassUtils.resolveClassName(name, classLoader);
      Method customize = ReflectionUtils.findMethod(type, "customize", CacheManager.class);
      if (customize == null) {
        continue;
      }
      beans
          .getBeanProvider(type)
          .orderedStream()
          .forEach(customizer -> ReflectionUtils.invokeMethod(customize, customizer, manager));
    }
  }
}
