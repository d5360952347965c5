package io.cairn.jcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.jcache.configuration.CairnConfiguration;
import io.cairn.jcache.serialization.DeepGraphs;
import io.cairn.jcache.serialization.DeserializationFilter;
import io.cairn.jcache.serialization.SerializationException;
import java.util.ArrayList;
import java.util.List;
import javax.cache.Cache;
import javax.cache.CacheException;
import org.junit.jupiter.api.Test;

/**
 * Finding 13 of issue 11, through the cache: bad graphs fail the operation with a CacheException.
 */
class CacheImplSerializationTest extends CacheManagerFixture {

  /** Before, the put threw StackOverflowError; on a 512 KiB stack it overflows for sure. */
  @Test
  void put_valueNestedTooDeepForTheStack_throwsCacheExceptionAndKeepsTheOldValue()
      throws InterruptedException {
    Cache<String, Object> cache = manager.createCache("deep", new CairnConfiguration<>());
    cache.put("k", "old");
    Throwable thrown =
        DeepGraphs.thrownOnASmallStack(() -> cache.put("k", DeepGraphs.nested(20_000)));
    assertTrue(thrown instanceof CacheException, String.valueOf(thrown));
    assertEquals("old", cache.get("k"));
  }

  @Test
  void get_valueOutsideTheCachesAllowList_throwsSerializationExceptionNamingTheClass() {
    Cache<String, Object> cache =
        manager.createCache(
            "allow-listed",
            new CairnConfiguration<String, Object>()
                .setDeserializationFilter(
                    DeserializationFilter.DEFAULTS.allowing(List.of("java.lang.*"))));
    cache.put("number", 42); // a compact form: no Java serialization, no filter
    cache.put("list", new ArrayList<>(List.of(1, 2)));
    assertEquals(42, cache.get("number"));
    SerializationException e = assertThrows(SerializationException.class, () -> cache.get("list"));
    assertTrue(e.getMessage().contains("java.util.ArrayList"), e.getMessage());
  }

  @Test
  void get_valueDeeperThanMaxDepth_throwsSerializationExceptionNamingTheBound() {
    Cache<String, Object> cache =
        manager.createCache(
            "shallow",
            new CairnConfiguration<String, Object>()
                .setDeserializationFilter(new DeserializationFilter(List.of(), 10, 100, 100)));
    cache.put("ok", DeepGraphs.nested(5));
    cache.put("deep", DeepGraphs.nested(20));
    assertEquals(1, ((Object[]) cache.get("ok")).length);
    SerializationException e = assertThrows(SerializationException.class, () -> cache.get("deep"));
    assertTrue(e.getMessage().contains("maxDepth=10"), e.getMessage());
  }
}
