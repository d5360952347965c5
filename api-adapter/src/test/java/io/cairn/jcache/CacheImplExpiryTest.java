package io.cairn.jcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.cairn.jcache.management.CacheStatisticsImpl;
import java.io.Serializable;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.Duration;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.integration.CacheLoader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The expiry policy as each operation consults it, off the heap and on it: zero durations expire at
 * once (with an EXPIRED event, or no event at all for a creation), a failing policy changes
 * nothing, and every read that counts as an access consults it.
 */
class CacheImplExpiryTest extends CacheManagerFixture {
  private static final Duration SHORT = new Duration(TimeUnit.MILLISECONDS, 300);

  /** Answers its fields (null: unchanged); throws for a kind whose flag is set. */
  static final class Policy implements ExpiryPolicy, Serializable {
    private static final long serialVersionUID = 1L;
    volatile Duration creation = Duration.ETERNAL;
    volatile Duration update;
    volatile Duration access;
    volatile boolean failCreation;
    volatile boolean failUpdate;
    volatile boolean failAccess;

    private static Duration answer(Duration duration, boolean fail, String kind) {
      if (fail) {
        throw new IllegalStateException("policy fails on " + kind);
      }
      return duration;
    }

    @Override
    public Duration getExpiryForCreation() {
      return answer(creation, failCreation, "creation");
    }

    @Override
    public Duration getExpiryForAccess() {
      return answer(access, failAccess, "access");
    }

    @Override
    public Duration getExpiryForUpdate() {
      return answer(update, failUpdate, "update");
    }
  }

  /** Loads "loaded-" + key. */
  public static final class Loader implements CacheLoader<String, String>, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public String load(String key) {
      return "loaded-" + key;
    }

    @Override
    public Map<String, String> loadAll(Iterable<? extends String> keys) {
      Map<String, String> loaded = new java.util.HashMap<>();
      keys.forEach(k -> loaded.put(k, load(k)));
      return loaded;
    }
  }

  private final Policy policy = new Policy();
  private final RecordingListener<String, String> listener = new RecordingListener<>();

  private Cache<String, String> cache(boolean storeByValue) {
    return manager.createCache(
        "expiry",
        new MutableConfiguration<String, String>()
            .setTypes(String.class, String.class)
            .setStoreByValue(storeByValue)
            .setStatisticsEnabled(true)
            .setReadThrough(true)
            .setCacheLoaderFactory(FactoryBuilder.factoryOf(Loader.class))
            .setExpiryPolicyFactory(FactoryBuilder.factoryOf(policy))
            .addCacheEntryListenerConfiguration(
                new MutableCacheEntryListenerConfiguration<>(
                    FactoryBuilder.factoryOf(listener), null, true, true)));
  }

  private static CacheStatisticsImpl statistics(Cache<String, String> cache) {
    return cache.unwrap(CacheImpl.class).statistics();
  }

  /** Puts with an eternal creation, then forgets the events. */
  private static void seed(Cache<String, String> cache, RecordingListener<?, ?> listener) {
    cache.put("a", "1");
    cache.put("b", "2");
    listener.heard.clear();
  }

  private static void awaitAbsent(Cache<String, String> cache, String key)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (cache.containsKey(key)) {
      if (System.nanoTime() > deadline) {
        fail(key + " did not expire within 5 s");
      }
      Thread.sleep(20);
    }
  }

  // --- creation -------------------------------------------------------------------------------

  @ParameterizedTest(name = "storeByValue={0}")
  @ValueSource(booleans = {true, false})
  void everyCreation_zeroDuration_storesNothingAnnouncesNothingCountsNoPut(boolean byValue) {
    Cache<String, String> cache = cache(byValue);
    policy.creation = Duration.ZERO;
    cache.put("a", "1");
    assertNull(cache.getAndPut("b", "2"));
    cache.putAll(Map.of("c", "3", "d", "4"));
    cache.putIfAbsent("e", "5");
    cache.invoke(
        "f",
        (entry, args) -> {
          entry.setValue("6");
          return null;
        });
    for (String key : List.of("a", "b", "c", "d", "e", "f")) {
      assertFalse(cache.containsKey(key), key);
    }
    assertEquals(List.of(), listener.heard);
    assertEquals(0, statistics(cache).getCachePuts());
  }

  @ParameterizedTest(name = "storeByValue={0}")
  @ValueSource(booleans = {true, false})
  void get_readThroughWithZeroCreation_returnsTheLoadedValueButStoresNothing(boolean byValue) {
    Cache<String, String> cache = cache(byValue);
    policy.creation = Duration.ZERO;
    assertEquals("loaded-k", cache.get("k"));
    assertFalse(cache.containsKey("k"));
    assertEquals(Map.of("j", "loaded-j"), cache.getAll(Set.of("j")));
    assertFalse(cache.containsKey("j"));
    assertEquals(List.of(), listener.heard);
  }

  @ParameterizedTest(name = "storeByValue={0}")
  @ValueSource(booleans = {true, false})
  void put_throwingCreationPolicy_storesTheEntryForever(boolean byValue)
      throws InterruptedException {
    Cache<String, String> cache = cache(byValue);
    policy.failCreation = true;
    cache.put("k", "v");
    Thread.sleep(50);
    assertEquals("v", cache.get("k"));
    assertEquals(List.of("CREATED k v null"), listener.heard);
  }

  // --- update ---------------------------------------------------------------------------------

  @ParameterizedTest(name = "storeByValue={0}")
  @ValueSource(booleans = {true, false})
  void put_zeroUpdate_announcesTheUpdateThenTheExpiryOfTheNewValue(boolean byValue) {
    Cache<String, String> cache = cache(byValue);
    seed(cache, listener);
    policy.update = Duration.ZERO;
    cache.put("a", "new");
    assertFalse(cache.containsKey("a"));
    assertEquals(List.of("UPDATED a new 1", "EXPIRED a new new"), listener.heard);
  }

  @ParameterizedTest(name = "storeByValue={0}")
  @ValueSource(booleans = {true, false})
  void replace_zeroUpdate_expiresTheEntry(boolean byValue) {
    Cache<String, String> cache = cache(byValue);
    seed(cache, listener);
    policy.update = Duration.ZERO;
    assertTrue(cache.replace("a", "1", "x"));
    assertEquals("2", cache.getAndReplace("b", "y"));
    assertFalse(cache.containsKey("a"));
    assertFalse(cache.containsKey("b"));
    assertEquals(
        List.of("UPDATED a x 1", "EXPIRED a x x", "UPDATED b y 2", "EXPIRED b y y"),
        listener.heard);
  }

  @ParameterizedTest(name = "storeByValue={0}")
  @ValueSource(booleans = {true, false})
  void put_throwingUpdatePolicy_keepsTheExpiryOfTheCreation(boolean byValue)
      throws InterruptedException {
    Cache<String, String> cache = cache(byValue);
    policy.creation = SHORT;
    cache.put("k", "v");
    policy.failUpdate = true;
    cache.put("k", "w");
    assertEquals("w", cache.get("k"));
    awaitAbsent(cache, "k"); // an eternal expiry would keep it
  }

  @ParameterizedTest(name = "storeByValue={0}")
  @ValueSource(booleans = {true, false})
  void put_nullUpdateDuration_keepsTheExpiryOfTheCreation(boolean byValue)
      throws InterruptedException {
    Cache<String, String> cache = cache(byValue);
    policy.creation = SHORT;
    cache.put("k", "v");
    policy.creation = Duration.ETERNAL; // would the update be taken for a creation
    cache.put("k", "w");
    awaitAbsent(cache, "k");
  }

  @ParameterizedTest(name = "storeByValue={0}")
  @ValueSource(booleans = {true, false})
  void put_zeroUpdateWithAsyncListener_deliversUpdateBeforeExpiry(boolean byValue)
      throws InterruptedException {
    RecordingListener<String, String> async = new RecordingListener<>();
    Cache<String, String> cache = cache(byValue);
    cache.registerCacheEntryListener(
        new MutableCacheEntryListenerConfiguration<>(
            FactoryBuilder.factoryOf(async), null, true, false));
    cache.put("k", "v");
    policy.update = Duration.ZERO;
    cache.put("k", "w");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (async.heard.size() < 3 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertEquals(List.of("CREATED k v null", "UPDATED k w v", "EXPIRED k w w"), async.heard);
  }

  // --- access ---------------------------------------------------------------------------------

  @ParameterizedTest(name = "storeByValue={0}")
  @ValueSource(booleans = {true, false})
  void get_zeroAccess_returnsTheValueOnceThenExpiresWithAnEvent(boolean byValue) {
    Cache<String, String> cache = cache(byValue);
    seed(cache, listener);
    policy.access = Duration.ZERO;
    assertEquals("1", cache.get("a"));
    assertFalse(cache.containsKey("a"));
    assertEquals(List.of("EXPIRED a 1 1"), listener.heard);
    assertTrue(cache.containsKey("b"), "untouched entries stay");
  }

  @ParameterizedTest(name = "storeByValue={0}")
  @ValueSource(booleans = {true, false})
  void getAll_zeroAccess_returnsTheValuesThenExpiresEach(boolean byValue) {
    Cache<String, String> cache = cache(byValue);
    seed(cache, listener);
    policy.access = Duration.ZERO;
    assertEquals(Map.of("a", "1", "b", "2"), cache.getAll(Set.of("a", "b")));
    assertFalse(cache.containsKey("a"));
    assertFalse(cache.containsKey("b"));
    assertEquals(Set.of("EXPIRED a 1 1", "EXPIRED b 2 2"), Set.copyOf(listener.heard));
  }

  @ParameterizedTest(name = "storeByValue={0}")
  @ValueSource(booleans = {true, false})
  void invoke_zeroAccess_expiresOnlyWhenTheProcessorReads(boolean byValue) {
    Cache<String, String> cache = cache(byValue);
    seed(cache, listener);
    policy.access = Duration.ZERO;
    Boolean exists = cache.invoke("b", (entry, args) -> entry.exists());
    assertTrue(exists);
    assertTrue(cache.containsKey("b"), "exists() is not an access");
    assertEquals("1", cache.invoke("a", (entry, args) -> entry.getValue()));
    assertFalse(cache.containsKey("a"));
    assertEquals(List.of("EXPIRED a 1 1"), listener.heard);
  }

  @ParameterizedTest(name = "storeByValue={0}")
  @ValueSource(booleans = {true, false})
  void iterator_zeroAccess_expiresEachEntryItReturns(boolean byValue) {
    Cache<String, String> cache = cache(byValue);
    seed(cache, listener);
    policy.access = Duration.ZERO;
    Set<String> seen = new LinkedHashSet<>();
    for (Iterator<Cache.Entry<String, String>> it = cache.iterator(); it.hasNext(); ) {
      Cache.Entry<String, String> entry = it.next();
      seen.add(entry.getKey() + "=" + entry.getValue());
    }
    assertEquals(Set.of("a=1", "b=2"), seen);
    assertFalse(cache.containsKey("a"));
    assertFalse(cache.containsKey("b"));
    assertEquals(2, listener.heard.size(), listener.heard.toString());
  }

  @ParameterizedTest(name = "storeByValue={0}")
  @ValueSource(booleans = {true, false})
  void conditionalMismatch_zeroAccess_countsAsAnAccess(boolean byValue) {
    Cache<String, String> cache = cache(byValue);
    seed(cache, listener);
    policy.access = Duration.ZERO;
    assertFalse(cache.replace("a", "wrong", "x"));
    assertFalse(cache.remove("b", "wrong"));
    assertFalse(cache.containsKey("a"));
    assertFalse(cache.containsKey("b"));
    assertEquals(Set.of("EXPIRED a 1 1", "EXPIRED b 2 2"), Set.copyOf(listener.heard));
  }

  @ParameterizedTest(name = "storeByValue={0}")
  @ValueSource(booleans = {true, false})
  void nonAccesses_zeroAccess_leaveTheEntry(boolean byValue) {
    Cache<String, String> cache = cache(byValue);
    seed(cache, listener);
    policy.access = Duration.ZERO;
    assertTrue(cache.containsKey("a"));
    assertEquals("1", cache.getAndPut("a", "11")); // an update, not an access
    assertFalse(cache.putIfAbsent("b", "22")); // RI: not an access
    assertTrue(cache.containsKey("a"));
    assertTrue(cache.containsKey("b"));
  }

  @ParameterizedTest(name = "storeByValue={0}")
  @ValueSource(booleans = {true, false})
  void get_throwingAccessPolicy_returnsTheValueAndKeepsTheEntry(boolean byValue) {
    Cache<String, String> cache = cache(byValue);
    seed(cache, listener);
    policy.failAccess = true;
    assertEquals("1", cache.get("a"));
    assertEquals(Map.of("a", "1"), cache.getAll(Set.of("a")));
    assertTrue(cache.containsKey("a"));
    assertEquals(List.of(), listener.heard);
  }

  @ParameterizedTest(name = "storeByValue={0}")
  @ValueSource(booleans = {true, false})
  void get_eternalAccess_outlivesTheCreationDuration(boolean byValue) throws InterruptedException {
    Cache<String, String> cache = cache(byValue);
    policy.creation = SHORT;
    policy.access = Duration.ETERNAL;
    cache.put("k", "v");
    assertEquals("v", cache.get("k"));
    Thread.sleep(SHORT.getDurationAmount() + 200);
    assertEquals("v", cache.get("k"));
  }
}
