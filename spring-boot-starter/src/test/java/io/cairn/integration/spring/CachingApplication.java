package io.cairn.integration.spring;

import javax.cache.configuration.Configuration;
import javax.cache.configuration.MutableConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;

/** The application under test: Spring Boot's cache auto-configuration with Cairn. */
@SpringBootApplication
@EnableCaching
public class CachingApplication {

  /**
   * The JCache settings of the caches in spring.cache.cache-names (Spring passes this to
   * createCache; Cairn takes capacity and the rest from the file): statistics on, for the
   * actuator's cache metrics.
   */
  @Bean
  Configuration<Object, Object> cacheConfiguration() {
    return new MutableConfiguration<>().setStatisticsEnabled(true);
  }
}
