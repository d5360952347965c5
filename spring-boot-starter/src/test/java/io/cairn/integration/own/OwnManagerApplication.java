package io.cairn.integration.own;

import java.net.URI;
import javax.cache.CacheManager;
import javax.cache.Caching;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;

/**
 * An application that defines its own {@code javax.cache.CacheManager}: the starter steps aside.
 */
@SpringBootApplication
@EnableCaching
public class OwnManagerApplication {
  /** The manager's URI, which the starter would never choose. */
  static final URI URI = java.net.URI.create("urn:tests:own-manager");

  @Bean(destroyMethod = "close")
  CacheManager ownCacheManager() {
    return Caching.getCachingProvider().getCacheManager(URI, null);
  }
}
