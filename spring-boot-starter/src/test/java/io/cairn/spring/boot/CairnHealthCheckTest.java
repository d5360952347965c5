package io.cairn.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.jcache.configuration.CairnConfiguration;
import java.net.URI;
import java.util.List;
import java.util.Map;
import javax.cache.CacheManager;
import javax.cache.Caching;
import org.junit.jupiter.api.Test;

/** What Cairn's health contributor reports, on both Spring Boot lines. */
class CairnHealthCheckTest {

  private static CacheManager manager(String name) {
    return Caching.getCachingProvider().getCacheManager(URI.create("test:health-" + name), null);
  }

  @Test
  void anOpenManagerWithACache_isUpWithItsHeadroomAndALiveExpirer() {
    CacheManager manager = manager("up");
    try {
      manager
          .createCache("books", new CairnConfiguration<>().setCapacityBytes(1L << 20))
          .put("k", "v");
      CairnHealthCheck.Reading reading = CairnHealthCheck.check(List.of(manager));
      assertTrue(reading.up(), reading.details()::toString);
      assertEquals("alive", reading.details().get("expirer"));
      @SuppressWarnings("unchecked")
      Map<String, Map<String, Map<String, Object>>> managers =
          (Map<String, Map<String, Map<String, Object>>>) reading.details().get("managers");
      Map<String, Object> books = managers.get("test:health-up").get("books");
      assertEquals(1L, books.get("entries"));
      assertEquals(1L << 20, books.get("boundBytes"));
      long committed = (Long) books.get("committedBytes");
      assertTrue(committed > 0, books::toString);
      assertEquals((1L << 20) - committed, books.get("headroomBytes"));
    } finally {
      manager.close();
    }
  }

  @Test
  void aClosedManager_isDown() {
    CacheManager manager = manager("closed");
    manager.close();
    CairnHealthCheck.Reading reading = CairnHealthCheck.check(List.of(manager));
    assertFalse(reading.up());
    assertEquals(
        Map.of("test:health-closed", Map.of("closed", true)), reading.details().get("managers"));
  }

  @Test
  void theExpirerThread_isFoundByName() {
    assertFalse(CairnHealthCheck.isAlive("no-such-thread-" + System.nanoTime()));
    assertTrue(CairnHealthCheck.isAlive(Thread.currentThread().getName()));
  }
}
