package io.cairn.jcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.jcache.configuration.CairnConfiguration;
import java.util.HashSet;
import java.util.Set;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.configuration.Configuration;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.Test;

class CacheManagerImplTest extends CacheManagerFixture {

  @Test
  void createCache_existingName_throwsCacheException() {
    manager.createCache("c", new MutableConfiguration<>());
    assertThrows(
        CacheException.class, () -> manager.createCache("c", new MutableConfiguration<>()));
  }

  @Test
  void createCache_nameWithDotsAndColons_isKeptAsIs() {
    String region = "org.example.Entity:collection=items";
    Cache<Object, Object> cache = manager.createCache(region, new MutableConfiguration<>());
    assertEquals(region, cache.getName());
    assertSame(cache, manager.getCache(region));
  }

  @Test
  void getCache_wrongTypes_throwsClassCastException() {
    manager.createCache(
        "typed", new MutableConfiguration<String, Long>().setTypes(String.class, Long.class));
    assertThrows(
        ClassCastException.class, () -> manager.getCache("typed", String.class, String.class));
    assertThrows(
        ClassCastException.class, () -> manager.getCache("typed", Object.class, Object.class));
    assertTrue(manager.getCache("typed", String.class, Long.class) instanceof CacheImpl);
    assertNull(manager.getCache("absent", String.class, Long.class));
  }

  @Test
  void createCache_minimalConfiguration_getsCairnDefaults() {
    Configuration<String, String> minimal =
        new Configuration<>() {
          private static final long serialVersionUID = 1L;

          @Override
          public Class<String> getKeyType() {
            return String.class;
          }

          @Override
          public Class<String> getValueType() {
            return String.class;
          }

          @Override
          public boolean isStoreByValue() {
            return true;
          }
        };
    Cache<String, String> cache = manager.createCache("minimal", minimal);
    @SuppressWarnings("unchecked")
    CairnConfiguration<String, String> configuration =
        cache.getConfiguration(CairnConfiguration.class);
    assertEquals(CairnConfiguration.DEFAULT_CAPACITY_BYTES, configuration.getCapacityBytes());
    assertEquals(String.class, configuration.getKeyType());
  }

  @Test
  void destroyCache_existing_closesAndForgetsIt() {
    Cache<String, String> cache = manager.createCache("d", new MutableConfiguration<>());
    cache.put("k", "v");
    manager.destroyCache("d");
    assertTrue(cache.isClosed());
    assertNull(manager.getCache("d"));
    Cache<String, String> again = manager.createCache("d", new MutableConfiguration<>());
    assertNotSame(cache, again);
    assertFalse(again.containsKey("k"));
  }

  @Test
  void getCacheNames_afterCreateAndClose_listsOpenCaches_immutably() {
    manager.createCache("a", new MutableConfiguration<>());
    manager.createCache("b", new MutableConfiguration<>()).close();
    Set<String> names = new HashSet<>();
    manager.getCacheNames().forEach(names::add);
    assertEquals(Set.of("a"), names);
    assertThrows(
        UnsupportedOperationException.class,
        () -> ((Set<String>) manager.getCacheNames()).add("x"));
  }

  @Test
  void close_manager_closesCachesAndRejectsUse() {
    Cache<String, String> cache = manager.createCache("c", new MutableConfiguration<>());
    manager.close();
    assertTrue(manager.isClosed());
    assertTrue(cache.isClosed());
    assertThrows(
        IllegalStateException.class, () -> manager.createCache("x", new MutableConfiguration<>()));
    assertThrows(IllegalStateException.class, manager::getCacheNames);
    manager.close(); // idempotent
  }

  @Test
  void unwrap_implementationClass_returnsManager() {
    assertSame(manager, manager.unwrap(CacheManagerImpl.class));
    assertThrows(IllegalArgumentException.class, () -> manager.unwrap(String.class));
  }
}
