package io.cairn.jcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.jcache.configuration.CairnConfiguration;
import io.cairn.jcache.serialization.SerializationException;
import io.cairn.jcache.serialization.Serializer;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.cache.integration.CacheLoader;
import javax.cache.processor.EntryProcessorException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Operations that fail part-way: what they changed is announced, an expiry they found is reported,
 * and a key too long for the engine fails alike everywhere.
 */
class CacheImplFailureTest extends CacheManagerFixture {
  private final RecordingListener<String, String> listener = new RecordingListener<>();

  /** A small, engine-bounded cache with a synchronous listener of every event type. */
  private CairnConfiguration<String, String> config() {
    return new CairnConfiguration<String, String>()
        .setCapacityBytes(256 << 10)
        .setSegmentSize(8 << 10)
        .setExpirationIntervalMillis(0)
        .setTypes(String.class, String.class)
        .addCacheEntryListenerConfiguration(
            new MutableCacheEntryListenerConfiguration<>(
                FactoryBuilder.factoryOf(listener), null, true, true));
  }

  /** A value larger than the engine takes: a quarter of the 256 KiB capacity. */
  private static final String HUGE = "x".repeat(64 << 10);

  // ------------------------------------------------------------------- finding 5

  private Cache<String, String> expiringCache(CairnConfiguration<String, String> config) {
    Cache<String, String> cache =
        manager.createCache(
            "expiring",
            config.setExpiryPolicyFactory(
                CreatedExpiryPolicy.factoryOf(new Duration(TimeUnit.MILLISECONDS, 20))));
    cache.put("k", "v");
    return cache;
  }

  private void assertOneExpiryHeard(Cache<String, String> cache) {
    assertTrue(listener.heard.contains("EXPIRED k v v"), listener.heard.toString());
    cache.get("k"); // a later read must not report it again, nor for the first time
    assertEquals(
        1,
        listener.heard.stream().filter(s -> s.startsWith("EXPIRED")).count(),
        listener.heard.toString());
  }

  @Test
  void invoke_expiredEntryThenProcessorFails_reportsTheExpiry() throws Exception {
    Cache<String, String> cache = expiringCache(config());
    Thread.sleep(60);
    assertThrows(
        EntryProcessorException.class,
        () ->
            cache.invoke(
                "k",
                (entry, args) -> {
                  throw new IllegalStateException("processor fails");
                }));
    assertOneExpiryHeard(cache);
  }

  @Test
  void put_expiredEntryThenValueTooLarge_reportsTheExpiry() throws Exception {
    Cache<String, String> cache = expiringCache(config());
    Thread.sleep(60);
    assertThrows(CacheException.class, () -> cache.put("k", HUGE));
    assertOneExpiryHeard(cache);
  }

  @Test
  void put_expiredEntryThenWriterFails_reportsTheExpiry() throws Exception {
    Cache<String, String> cache =
        expiringCache(
            config()
                .setCacheWriterFactory(FactoryBuilder.factoryOf(FailingWriter.class))
                .setWriteThrough(true));
    Thread.sleep(60);
    assertThrows(CacheException.class, () -> cache.put("k", "fail"));
    assertOneExpiryHeard(cache);
  }

  /** Fails writes of the value "fail". */
  public static final class FailingWriter extends StubWriter {
    private static final long serialVersionUID = 1L;

    @Override
    public void write(Cache.Entry<? extends String, ? extends String> entry) {
      if (entry.getValue().equals("fail")) {
        throw new IllegalStateException("writer fails");
      }
    }
  }

  @Test
  void backgroundExpiry_listenerThrowsAnErrorOnce_laterExpiriesAreStillReported() throws Exception {
    Cache<String, String> cache =
        manager.createCache(
            "expirer",
            config()
                .setExpirationIntervalMillis(10)
                .setExpiryPolicyFactory(
                    CreatedExpiryPolicy.factoryOf(new Duration(TimeUnit.MILLISECONDS, 100))));
    cache.put("a", "1");
    listener.failure = new AssertionError("a listener's Error"); // on the expiry of a
    awaitHeard("EXPIRED a 1 1");
    listener.failure = null;
    cache.put("b", "2");
    awaitHeard("EXPIRED b 2 2"); // by the background expirer: nothing reads b
  }

  private void awaitHeard(String event) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!listener.heard.contains(event)) {
      assertTrue(System.nanoTime() < deadline, event + " not heard: " + listener.heard);
      Thread.sleep(5);
    }
  }

  // ------------------------------------------------------------------- finding 6

  /** Every key in {@code keys} that the cache holds was announced as created, and vice versa. */
  private void assertCreationsAnnounced(Cache<String, String> cache, Set<String> keys) {
    for (String key : keys) {
      boolean announced =
          listener.heard.stream().anyMatch(s -> s.startsWith("CREATED " + key + " "));
      assertEquals(cache.containsKey(key), announced, key + ": " + listener.heard);
    }
  }

  @Test
  void putAll_valueTooLargeMidway_announcesTheEntriesStored() {
    Cache<String, String> cache = manager.createCache("put-all", config());
    Map<String, String> map = new LinkedHashMap<>();
    map.put("a", "1");
    map.put("b", "2");
    map.put("c", HUGE);
    map.put("d", "4");
    assertThrows(CacheException.class, () -> cache.putAll(map));
    assertTrue(cache.containsKey("a"));
    assertCreationsAnnounced(cache, map.keySet());
  }

  @Test
  void loadAll_valueTooLargeMidway_announcesTheEntriesLoaded() throws Exception {
    Cache<String, String> cache =
        manager.createCache(
            "load-all", config().setCacheLoaderFactory(FactoryBuilder.factoryOf(Loader.class)));
    Set<String> keys = new LinkedHashSet<>(List.of("a", "b", "huge", "d"));
    CompletionFuture completion = new CompletionFuture();
    cache.loadAll(keys, false, completion);
    assertNotNull(completion.await(), "loadAll succeeded");
    assertTrue(cache.containsKey("a"));
    assertCreationsAnnounced(cache, keys);
  }

  /** Loads the key itself, or {@link #HUGE} for "huge", in the order asked. */
  public static final class Loader implements CacheLoader<String, String>, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public String load(String key) {
      return key.equals("huge") ? HUGE : key;
    }

    @Override
    public Map<String, String> loadAll(Iterable<? extends String> keys) {
      Map<String, String> loaded = new LinkedHashMap<>();
      keys.forEach(k -> loaded.put(k, load(k)));
      return loaded;
    }
  }

  @Test
  void removeAll_valueUnreadableMidway_announcesTheEntriesRemoved() {
    Cache<String, String> cache =
        manager.createCache("remove-all", config().setValueSerializer(new PoisonSerializer()));
    Set<String> keys = new LinkedHashSet<>(List.of("a", "b", "poison", "d"));
    keys.forEach(k -> cache.put(k, k));
    listener.heard.clear();
    assertThrows(SerializationException.class, () -> cache.removeAll(keys));
    assertFalse(cache.containsKey("a"));
    for (String key : keys) {
      boolean announced =
          listener.heard.stream().anyMatch(s -> s.startsWith("REMOVED " + key + " "));
      assertEquals(!cache.containsKey(key), announced, key + ": " + listener.heard);
    }
  }

  /** UTF-8 strings; refuses to read back the value "poison". */
  public static final class PoisonSerializer implements Serializer<String>, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public byte[] serialize(String object) {
      return object.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String deserialize(byte[] bytes, ClassLoader classLoader) {
      String value = new String(bytes, StandardCharsets.UTF_8);
      if (value.equals("poison")) {
        throw new SerializationException("poisoned value");
      }
      return value;
    }
  }

  // ------------------------------------------------------------------- finding 10

  @Test
  void everyOperation_keyOverTheEngineLimit_throwsCacheExceptionNamingLengthAndLimit() {
    Cache<String, String> cache = manager.createCache("long-keys", config());
    String key = "k".repeat(70_000);
    Map<String, Executable> operations = new LinkedHashMap<>();
    operations.put("get", () -> cache.get(key));
    operations.put("containsKey", () -> cache.containsKey(key));
    operations.put("put", () -> cache.put(key, "v"));
    operations.put("getAndPut", () -> cache.getAndPut(key, "v"));
    operations.put("putIfAbsent", () -> cache.putIfAbsent(key, "v"));
    operations.put("replace", () -> cache.replace(key, "v"));
    operations.put("replace3", () -> cache.replace(key, "v", "w"));
    operations.put("getAndReplace", () -> cache.getAndReplace(key, "v"));
    operations.put("remove", () -> cache.remove(key));
    operations.put("remove2", () -> cache.remove(key, "v"));
    operations.put("getAndRemove", () -> cache.getAndRemove(key));
    operations.put("invoke", () -> cache.invoke(key, (entry, args) -> entry.getValue()));
    operations.put("getAll", () -> cache.getAll(Set.of(key)));
    operations.put("putAll", () -> cache.putAll(Map.of(key, "v")));
    operations.put("removeAll", () -> cache.removeAll(Set.of(key)));
    Map<String, String> wrong = new HashMap<>();
    operations.forEach(
        (name, operation) -> {
          Throwable thrown = assertThrows(Throwable.class, operation, name);
          String message = String.valueOf(thrown.getMessage());
          if (thrown.getClass() != CacheException.class
              || !message.contains("70001")
              || !message.contains("65535")
              || message.contains("kkkkkkkkkk")) {
            wrong.put(name, thrown.getClass().getName() + ": " + abbreviate(message));
          }
        });
    assertTrue(wrong.isEmpty(), wrong.toString());
  }

  private static String abbreviate(String message) {
    return message.length() > 200 ? message.substring(0, 200) + "..." : message;
  }
}
