package io.cairn.integration.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.engine.ByteStore;
import java.net.URL;
import java.util.List;
import javax.cache.CacheManager;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The forms of {@code spring.cache.jcache.config} that docs/spring.md and docs/configuration.md
 * document, one test each: Spring resolves the location as a resource and opens the manager on its
 * URI, a {@code file:} or {@code jar:} one, which Cairn reads; a YAML or properties file there is
 * refused with a message that says what to do instead.
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
          cacheManager.getURI().getSchemeSpecificPart().endsWith("/" + FILE),
          cacheManager.getURI()::toString);
      assertEquals(
          3L << 20,
          cacheManager.getCache("books").unwrap(ByteStore.class).config().capacityBytes());
    } finally {
      context.close();
    }
  }

  /** Starting a context with {@code location} fails; the message of the root cause. */
  private static String startupFailure(String location) {
    return Startup.failure(
            "--spring.main.banner-mode=off", "--spring.cache.jcache.config=" + location)
        .getMessage();
  }

  @Test
  void aYamlOrPropertiesLocation_failsSayingOnlyHoconIsReadThereAndToUseCairnProperties() {
    for (String location :
        List.of(
            "classpath:application.yml",
            "classpath:cairn.yaml",
            "classpath:application.properties")) {
      String message = startupFailure(location);
      assertTrue(
          message.startsWith("spring.cache.jcache.config=" + location + " names a "), message);
      assertTrue(message.contains("Cairn reads only HOCON (.conf) or JSON (.json)"), message);
      assertTrue(message.contains("under cairn.* in application.yml"), message);
    }
  }

  @Test
  void aMissingLocation_failsNamingIt() {
    String message = startupFailure("classpath:no-such-cairn.conf");
    assertTrue(
        message.contains("spring.cache.jcache.config=classpath:no-such-cairn.conf"), message);
    assertTrue(message.contains("no such resource"), message);
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
