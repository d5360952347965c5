package io.cairn.integration.spring;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javax.cache.CacheManager;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.context.ConfigurableApplicationContext;

/** The starter steps aside when the application chooses another cache. */
class StarterConditionsTest {

  private static void assertNoCairn(String... args) {
    try (ConfigurableApplicationContext context =
        new SpringApplicationBuilder(CachingApplication.class).run(args)) {
      assertTrue(context.getBeansOfType(CacheManager.class).isEmpty(), "no javax CacheManager");
      assertInstanceOf(
          ConcurrentMapCacheManager.class,
          context.getBean(org.springframework.cache.CacheManager.class));
    }
  }

  @Test
  void anotherCacheType_turnsTheStarterOff() {
    assertNoCairn("--spring.main.banner-mode=off", "--spring.cache.type=simple");
  }

  @Test
  void anotherJCacheProvider_turnsTheStarterOff() {
    // Spring Boot's own JCache support then loads that provider, which is not there: had the
    // starter taken over, the context would start on Cairn
    Throwable e =
        Startup.failure(
            "--spring.main.banner-mode=off",
            "--spring.cache.jcache.provider=com.example.OtherCachingProvider");
    assertTrue(e.getMessage().contains("com.example.OtherCachingProvider"), e::toString);
  }
}
