package io.cairn.integration.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A cache made persistent in application properties alone keeps what a first run of the application
 * cached: the second run finds it without calling the method.
 */
class PersistenceRestartTest {

  @TempDir Path directory;

  private ConfigurableApplicationContext start() {
    return new SpringApplicationBuilder(CachingApplication.class)
        .run(
            "--spring.main.banner-mode=off",
            "--spring.cache.cache-names=books",
            "--cairn.caches.books.persistence.directory=" + directory,
            "--cairn.caches.books.persistence.flush-interval=200ms");
  }

  @Test
  void secondRun_findsWhatTheFirstCached_withoutCallingTheMethod() throws Exception {
    try (ConfigurableApplicationContext first = start()) {
      BookService service = first.getBean(BookService.class);
      for (long id = 1; id <= 50; id++) {
        service.find(id);
      }
      assertEquals(50, service.finds());
    }
    try (var files = Files.list(directory)) {
      assertTrue(files.findAny().isPresent(), "the cache wrote its files");
    }
    try (ConfigurableApplicationContext second = start()) {
      BookService service = second.getBean(BookService.class);
      for (long id = 1; id <= 50; id++) {
        assertEquals(new Book(id, "title " + id), service.find(id));
      }
      assertEquals(0, service.finds(), "every book came from the restored cache");
    }
  }
}
