package io.cairn.integration.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.engine.memory.NativeMemory;
import javax.cache.CacheManager;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Closing the application context closes Cairn's cache manager and returns its native memory.
 *
 * <p>This context names its own file: Cairn keeps one cache manager per (URI, class loader), so two
 * contexts on one file would share the manager (and its caches) with the context cached by {@link
 * SpringCacheTest}, and closing one would close the other's caches.
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
}
