package io.cairn.integration.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.engine.ByteStore;
import java.net.URL;
import javax.cache.CacheManager;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The forms of {@code spring.cache.jcache.config} that docs/spring.md and docs/configuration.md
 * document, one test each: Spring resolves the location as a resource and opens the manager on its
 * URI, a {@code file:} or {@code jar:} one, which Cairn reads. Each context names its own file,
 * {@value #FILE}, and closes before the next (one manager per file).
 */
class ConfigLocationTest {
  /** Gives every cache 3 MiB, so a test can tell that the file was read. */
  private static final String FILE = "cairn-spring-uri.conf";

  private static void assertReadFrom(String location) {
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(CachingApplication.class)
            .run("--spring.main.banner-mode=off", "--spring.cache.jcache.config=" + location);
    try {
      CacheManager cacheManager = context.getBean(CacheManager.class);
      assertTrue(
          cacheManager.getURI().toString().endsWith("/" + FILE), cacheManager.getURI()::toString);
      assertEquals(
          3L << 20,
          cacheManager.getCache("books").unwrap(ByteStore.class).config().capacityBytes());
    } finally {
      context.close();
    }
  }

  @Test
  void aClasspathLocation_isRead() {
    assertReadFrom("classpath:" + FILE);
  }

  @Test
  void aFileUrl_isRead() {
    URL file = getClass().getClassLoader().getResource(FILE);
    assertTrue(file != null && file.toString().startsWith("file:"), String.valueOf(file));
    assertReadFrom(file.toString());
  }
}
