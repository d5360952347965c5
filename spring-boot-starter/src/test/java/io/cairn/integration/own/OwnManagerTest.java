package io.cairn.integration.own;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import javax.cache.CacheManager;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cache.jcache.JCacheCacheManager;
import org.springframework.context.ConfigurableApplicationContext;

/** The starter steps aside for an application's own {@code javax.cache.CacheManager} bean. */
class OwnManagerTest {

  @Test
  void anOwnJCacheManager_isTheOneSpringUses() {
    try (ConfigurableApplicationContext context =
        new SpringApplicationBuilder(OwnManagerApplication.class)
            .run(
                "--spring.main.banner-mode=off",
                "--spring.main.web-application-type=none",
                "--management.endpoints.access.default=none")) {
      CacheManager own = context.getBean(CacheManager.class);
      assertEquals(OwnManagerApplication.URI, own.getURI());
      assertSame(
          own,
          ((JCacheCacheManager) context.getBean(org.springframework.cache.CacheManager.class))
              .getCacheManager());
    }
  }
}
