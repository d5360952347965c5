package io.cairn.jcache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.engine.ByteStore;
import io.cairn.jcache.configuration.CairnConfiguration;
import io.cairn.jcache.serialization.SerializationException;
import io.cairn.jcache.serialization.Serializer;
import java.io.Closeable;
import java.io.Serializable;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.Duration;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheWriter;
import org.junit.jupiter.api.Test;

class CacheImplTest extends CacheManagerFixture {

  private Cache<String, Object> cache(MutableConfiguration<String, Object> configuration) {
    return manager.createCache("c", configuration.setTypes(String.class, Object.class));
  }

  private Cache<String, Object> cache() {
    return cache(new MutableConfiguration<>());
  }

  @Test
  void put_nullKeyOrValue_throwsNullPointerException() {
    Cache<String, Object> cache = cache();
    assertThrows(NullPointerException.class, () -> cache.put(null, "v"));
    assertThrows(NullPointerException.class, () -> cache.put("k", null));
    assertThrows(NullPointerException.class, () -> cache.get(null));
    assertThrows(NullPointerException.class, () -> cache.replace("k", null, "v"));
    Set<String> withNullKey = new HashSet<>();
    withNullKey.add(null);
    assertThrows(NullPointerException.class, () -> cache.getAll(withNullKey));
    assertThrows(NullPointerException.class, () -> cache.removeAll(withNullKey));
    Map<String, Object> withNull = new HashMap<>();
    withNull.put("a", null);
    assertThrows(NullPointerException.class, () -> cache.putAll(withNull));
    assertFalse(cache.containsKey("a"));
  }

  @Test
  void anyOperation_afterClose_throwsIllegalStateException() {
    Cache<String, Object> cache = cache();
    cache.put("k", "v");
    cache.close();
    assertTrue(cache.isClosed());
    assertThrows(IllegalStateException.class, () -> cache.get("k"));
    assertThrows(IllegalStateException.class, () -> cache.put("k", "v"));
    assertThrows(IllegalStateException.class, () -> cache.invoke("k", (e, a) -> null));
    assertThrows(IllegalStateException.class, cache::iterator);
    assertThrows(IllegalStateException.class, cache::clear);
    assertNull(manager.getCache("c"));
  }

  @Test
  void put_nonSerializableValue_throwsClearExceptionAndKeepsOldValue() {
    Cache<String, Object> cache = cache();
    cache.put("k", "old");
    SerializationException e =
        assertThrows(SerializationException.class, () -> cache.put("k", new Object()));
    assertTrue(e.getMessage().contains("java.lang.Object"), e.getMessage());
    assertTrue(e.getMessage().contains("not Serializable"), e.getMessage());
    assertEquals("old", cache.get("k"));
  }

  @Test
  void put_failingSerializer_throwsAndKeepsOldValue() {
    Serializer<Object> failing =
        new Serializer<>() {
          @Override
          public byte[] serialize(Object object) {
            if ("bad".equals(object)) {
              throw new SerializationException("refused " + object);
            }
            return ((String) object).getBytes(java.nio.charset.StandardCharsets.UTF_8);
          }

          @Override
          public Object deserialize(byte[] bytes, ClassLoader classLoader) {
            return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
          }
        };
    Cache<String, Object> cache =
        cache(new CairnConfiguration<String, Object>().setValueSerializer(failing));
    cache.put("k", "good");
    assertThrows(SerializationException.class, () -> cache.put("k", "bad"));
    assertThrows(
        SerializationException.class,
        () ->
            cache.invoke(
                "k",
                (e, a) -> {
                  e.setValue("bad");
                  return null;
                }));
    assertEquals("good", cache.get("k"));
  }

  @Test
  void put_valueLargerThanAQuarterOfTheCapacity_throwsCacheExceptionAndKeepsOldValue() {
    Cache<String, Object> cache =
        cache(
            new CairnConfiguration<String, Object>()
                .setCapacityBytes(1 << 20)
                .setSegmentSize(4096));
    byte[] twoSegments = new byte[8192];
    twoSegments[8191] = 1;
    cache.put("big", twoSegments); // larger than a segment: stored in memory of its own
    assertArrayEquals(twoSegments, (byte[]) cache.get("big"));
    cache.put("k", "old");
    CacheException e =
        assertThrows(CacheException.class, () -> cache.put("k", new byte[(1 << 20) / 4]));
    assertInstanceOf(IllegalArgumentException.class, e.getCause());
    assertTrue(
        e.getMessage().contains("is 262144 bytes, a quarter of its capacity: raise capacity"),
        e.getMessage());
    assertEquals("old", cache.get("k"));
  }

  @Test
  void get_storeByValue_returnsACopy() {
    Cache<String, Object> cache = cache();
    byte[] value = {1, 2, 3};
    cache.put("k", value);
    value[0] = 9;
    byte[] read = (byte[]) cache.get("k");
    assertArrayEquals(new byte[] {1, 2, 3}, read);
    assertNotSame(read, cache.get("k"));
  }

  @Test
  void get_storeByReference_returnsTheSameObject() {
    Cache<String, Object> cache =
        cache(new MutableConfiguration<String, Object>().setStoreByValue(false));
    Object value = new Object(); // not even Serializable: nothing is serialized on the heap
    cache.put("k", value);
    assertSame(value, cache.get("k"));
    assertNull(cache.unwrap(CacheImpl.class).engine());
  }

  @Test
  void unwrap_engineClass_returnsTheByteStore() {
    Cache<String, Object> cache = cache();
    cache.put("k", "v");
    ByteStore store = cache.unwrap(ByteStore.class);
    assertEquals(1, store.size());
    assertSame(cache, cache.unwrap(CacheImpl.class));
    assertThrows(IllegalArgumentException.class, () -> cache.unwrap(String.class));
  }

  @Test
  @SuppressWarnings("unchecked") // Cache.getConfiguration(Class) with a generic class
  void getConfiguration_always_returnsACopy() {
    Cache<String, Object> cache = cache();
    CairnConfiguration<String, Object> copy = cache.getConfiguration(CairnConfiguration.class);
    copy.setReadThrough(true);
    assertFalse(cache.getConfiguration(CairnConfiguration.class).isReadThrough());
    assertEquals(
        CairnConfiguration.DEFAULT_CAPACITY_BYTES,
        cache.getConfiguration(CairnConfiguration.class).getCapacityBytes());
  }

  @Test
  void iteratorRemove_afterNext_removesTheEntry() {
    Cache<String, Object> cache = cache();
    cache.put("a", 1);
    cache.put("b", 2);
    Iterator<Cache.Entry<String, Object>> it = cache.iterator();
    assertThrows(IllegalStateException.class, it::remove);
    int seen = 0;
    while (it.hasNext()) {
      it.next();
      it.remove();
      seen++;
    }
    assertEquals(2, seen);
    assertFalse(cache.iterator().hasNext());
  }

  @Test
  void put_keysOfDifferentTypes_areDistinct() {
    Cache<Object, Object> cache = manager.createCache("o", new MutableConfiguration<>());
    cache.put(1L, "long");
    cache.put(1, "int");
    cache.put("1", "string");
    assertEquals("long", cache.get(1L));
    assertEquals("int", cache.get(1));
    assertEquals("string", cache.get("1"));
  }

  /** A loader, writer and expiry policy at once that remembers being closed. */
  static final class ClosingCallbacks
      implements CacheLoader<String, Object>,
          CacheWriter<String, Object>,
          ExpiryPolicy,
          Closeable,
          Serializable {
    private static final long serialVersionUID = 1L;
    final AtomicInteger closes = new AtomicInteger(); // a concrete serializable type

    @Override
    public Object load(String key) {
      return null;
    }

    @Override
    public Map<String, Object> loadAll(Iterable<? extends String> keys) {
      return Map.of();
    }

    @Override
    public void write(Cache.Entry<? extends String, ?> entry) {}

    @Override
    public void writeAll(Collection<Cache.Entry<? extends String, ?>> entries) {
      entries.clear();
    }

    @Override
    public void delete(Object key) {}

    @Override
    public void deleteAll(Collection<?> keys) {
      keys.clear();
    }

    @Override
    public Duration getExpiryForCreation() {
      return Duration.ETERNAL;
    }

    @Override
    public Duration getExpiryForAccess() {
      return null;
    }

    @Override
    public Duration getExpiryForUpdate() {
      return null;
    }

    @Override
    public void close() {
      closes.incrementAndGet();
    }
  }

  @Test
  void close_closeableLoaderWriterPolicyAndListener_closesEachOnce() {
    ClosingCallbacks loader = new ClosingCallbacks();
    ClosingCallbacks writer = new ClosingCallbacks();
    ClosingCallbacks policy = new ClosingCallbacks();
    RecordingListener<String, Object> listener = new RecordingListener<>();
    Cache<String, Object> cache =
        cache(
            new MutableConfiguration<String, Object>()
                .setReadThrough(true)
                .setWriteThrough(true)
                .setCacheLoaderFactory(FactoryBuilder.factoryOf(loader))
                .setCacheWriterFactory(FactoryBuilder.factoryOf(writer))
                .setExpiryPolicyFactory(FactoryBuilder.factoryOf(policy))
                .addCacheEntryListenerConfiguration(
                    new MutableCacheEntryListenerConfiguration<>(
                        FactoryBuilder.factoryOf(listener), null, true, true)));
    cache.put("k", "v");
    assertEquals(0, loader.closes.get() + writer.closes.get() + policy.closes.get());
    cache.close();
    cache.close(); // a second close does nothing
    assertEquals(1, loader.closes.get(), "loader");
    assertEquals(1, writer.closes.get(), "writer");
    assertEquals(1, policy.closes.get(), "expiry policy");
    assertTrue(listener.closed, "listener");
  }

  @Test
  void close_manager_closesTheCachesCallbacks() {
    ClosingCallbacks loader = new ClosingCallbacks();
    cache(
        new MutableConfiguration<String, Object>()
            .setCacheLoaderFactory(FactoryBuilder.factoryOf(loader)));
    manager.close();
    assertEquals(1, loader.closes.get());
  }
}
