package io.cairn.integration.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.engine.ByteStore;
import io.cairn.engine.memory.NativeMemory;
import javax.cache.CacheManager;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Closing the application context closes Cairn's cache manager and returns its native memory; two
 * contexts on one file, as a test suite makes them, each get their own manager and caches.
 */
class ContextCloseTest {

  @Test
  void closingTheContext_releasesAllNativeMemory() {
    long before = NativeMemory.processAllocatedBytes();
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(CachingApplication.class)
            .run(
                "--spring.main.banner-mode=off",
                "--spring.cache.jcache.config=classpath:cairn-spring-close.conf");
    CacheManager cacheManager = context.getBean(CacheManager.class);
    BookService service = context.getBean(BookService.class);
    for (long id = 1; id <= 100; id++) {
      service.find(id);
    }
    assertTrue(NativeMemory.processAllocatedBytes() > before);
    context.close();
    assertTrue(cacheManager.isClosed());
    assertEquals(before, NativeMemory.processAllocatedBytes());
  }

  @Test
  void twoContextsOnOneFile_eachHaveTheirOwnManagerAndCaches() {
    String[] args = {
      "--spring.main.banner-mode=off",
      "--spring.cache.jcache.config=classpath:cairn-spring.conf",
      "--spring.cache.cache-names=books,prices"
    };
    ConfigurableApplicationContext first =
        new SpringApplicationBuilder(CachingApplication.class).run(args);
    ConfigurableApplicationContext second;
    try {
      second = new SpringApplicationBuilder(CachingApplication.class).run(args);
    } catch (RuntimeException e) {
      first.close();
      throw e;
    }
    try {
      CacheManager one = first.getBean(CacheManager.class);
      CacheManager two = second.getBean(CacheManager.class);
      assertNotSame(one, two);
      assertEquals(
          one.getURI().getSchemeSpecificPart(), two.getURI().getSchemeSpecificPart(), "one file");
      first.getBean(BookService.class).find(7);
      assertEquals(1, one.getCache("books").unwrap(ByteStore.class).stats().entries());
      assertEquals(0, two.getCache("books").unwrap(ByteStore.class).stats().entries());

      first.close();
      assertTrue(one.isClosed());
      assertFalse(two.isClosed());
      BookService service = second.getBean(BookService.class);
      int before = service.finds();
      service.find(7);
      service.find(7);
      assertEquals(before + 1, service.finds(), "the second context's cache still works");
    } finally {
      first.close();
      second.close();
    }
  }
}
