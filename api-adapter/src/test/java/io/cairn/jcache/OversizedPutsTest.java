package io.cairn.jcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.engine.ByteStore;
import io.cairn.engine.ItemTooLargeException;
import io.cairn.engine.StoreConfig;
import io.cairn.jcache.configuration.CairnConfiguration;
import io.cairn.jcache.configuration.OversizedValues;
import io.cairn.jcache.management.CairnStatisticsMXBean;
import java.util.List;
import java.util.Map;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.management.CacheStatisticsMXBean;
import org.hibernate.cache.StandInRegion;
import org.junit.jupiter.api.Test;
import org.springframework.cache.StandInCache;

/**
 * Puts of entries larger than the largest item the store keeps: thrown with a message that says
 * what to change, or skipped, as {@link OversizedValues} says; a skip leaves no stale value.
 *
 * <p>Sizes are taken from the engine's {@link StoreConfig#maxItemBytes()}, so these hold whatever
 * the engine's limit is.
 */
class OversizedPutsTest extends CacheManagerFixture {
  private final RecordingListener<String, String> recorder = new RecordingListener<>();

  private Cache<String, String> cache(OversizedValues mode) {
    return manager.createCache(
        "big",
        unheard(mode)
            .addCacheEntryListenerConfiguration(
                new MutableCacheEntryListenerConfiguration<>(
                    FactoryBuilder.factoryOf(recorder), null, true, true)));
  }

  /** With no listener a put skips reading the entry: the refusal must be handled there too. */
  private static CairnConfiguration<String, String> unheard(OversizedValues mode) {
    return new CairnConfiguration<String, String>()
        .setTypes(String.class, String.class)
        .setCapacityBytes(1 << 20)
        .setSegmentSize(4096)
        .setStatisticsEnabled(true)
        .setOversizedValues(mode);
  }

  /** A value the Java serializer writes, holding one array: its length bounds deserialization. */
  record Blob(byte[] bytes) implements java.io.Serializable {}

  /**
   * The largest entries the store keeps are 16 MiB, larger than a segment can be (8 MiB); the
   * deserialization filter's array bound was the largest segment, so a stored value holding an
   * array of 9 MiB was put, then refused on every read. Every value a put accepts reads back.
   */
  @Test
  void put_serializableValueLargerThanTheLargestSegment_readsBack() {
    Cache<String, Blob> cache =
        manager.createCache(
            "blobs",
            new CairnConfiguration<String, Blob>()
                .setTypes(String.class, Blob.class)
                .setCapacityBytes(128L << 20));
    assertEquals(StoreConfig.MAX_ITEM_BYTES, cache.unwrap(ByteStore.class).config().maxItemBytes());
    byte[] bytes = new byte[StoreConfig.MAX_SEGMENT_SIZE + (1 << 20)];
    bytes[bytes.length - 1] = 42;
    cache.put("k", new Blob(bytes));
    assertTrue(java.util.Arrays.equals(bytes, cache.get("k").bytes()));
  }

  @Test
  void putWithoutListeners_failAndSkip_behaveAsWithListeners() {
    Cache<String, String> failing = manager.createCache("fails", unheard(OversizedValues.FAIL));
    failing.put("k", "old");
    assertThrows(EntryTooLargeException.class, () -> failing.put("k", oversized(failing)));
    assertEquals("old", failing.get("k"));
    assertEquals(0, skipped(failing));

    Cache<String, String> skipping = manager.createCache("skips", unheard(OversizedValues.SKIP));
    skipping.put("k", "old");
    skipping.put("k", oversized(skipping));
    assertNull(skipping.get("k"), "no stale value survives a skipped update");
    assertEquals(1, skipped(skipping));
    assertEquals(1, skipping.unwrap(CacheStatisticsMXBean.class).getCachePuts());
  }

  private static StoreConfig engine(Cache<?, ?> cache) {
    return cache.unwrap(ByteStore.class).config();
  }

  /** A value whose serialized form alone exceeds the largest item. */
  private static String oversized(Cache<?, ?> cache) {
    return "x".repeat((int) engine(cache).maxItemBytes() + 1);
  }

  private static long skipped(Cache<?, ?> cache) {
    return cache.unwrap(CairnStatisticsMXBean.class).getCacheSkippedPuts();
  }

  @Test
  void fail_put_throwsNamingTheCacheTheSizesTheLimitAndTheSettingAndKeepsTheOldValue() {
    Cache<String, String> cache = cache(OversizedValues.FAIL);
    cache.put("k", "old");
    EntryTooLargeException e =
        assertThrows(EntryTooLargeException.class, () -> cache.put("k", oversized(cache)));
    StoreConfig config = engine(cache);
    String message = e.getMessage();
    assertTrue(message.startsWith("cache big cannot store an entry of key "), message);
    assertTrue(message.contains("key " + e.keyLength() + " bytes"), message);
    assertTrue(message.contains("value " + e.valueLength() + " bytes"), message);
    assertTrue(message.contains(" is " + config.maxItemBytes() + " bytes"), message);
    assertTrue(message.contains("capacity (now " + config.capacityBytes() + " bytes)"), message);
    assertTrue(message.contains("cairn.caches.\"big\""), message);
    assertTrue(message.contains("oversized-values = skip"), message);
    assertEquals(
        config.maxItemBytes() <= config.segmentSize(),
        message.contains("segment-size"),
        "segment-size is named only where it is the limit: " + message);
    assertEquals(config.maxItemBytes(), e.limit());
    assertTrue(e.valueLength() > config.maxItemBytes(), () -> "valueLength=" + e.valueLength());
    assertInstanceOf(ItemTooLargeException.class, e.getCause());

    assertEquals("old", cache.get("k"));
    assertEquals(0, skipped(cache));
    assertEquals(List.of("CREATED k old null"), recorder.heard);
  }

  @Test
  void fail_everyWriteOperation_throws() {
    Cache<String, String> cache = cache(OversizedValues.FAIL);
    String big = oversized(cache);
    cache.put("k", "old");
    List<Runnable> writes =
        List.of(
            () -> cache.putAll(Map.of("k", big)),
            () -> cache.getAndPut("k", big),
            () -> cache.putIfAbsent("new", big),
            () -> cache.replace("k", big),
            () -> cache.replace("k", "old", big),
            () -> cache.getAndReplace("k", big),
            () ->
                cache.invoke(
                    "k",
                    (entry, arguments) -> {
                      entry.setValue(big);
                      return null;
                    }));
    for (Runnable write : writes) {
      assertThrows(CacheException.class, write::run);
      assertEquals("old", cache.get("k"));
    }
    assertFalse(cache.containsKey("new"));
    assertEquals(0, skipped(cache));
  }

  @Test
  void skip_updateOfALiveEntry_removesTheOldValueAnnouncesTheRemovalAndCountsTheSkip() {
    Cache<String, String> cache = cache(OversizedValues.SKIP);
    cache.put("k", "old");
    cache.put("k", oversized(cache));

    assertNull(cache.get("k"), "no stale value survives a skipped update");
    assertFalse(cache.containsKey("k"));
    assertEquals(List.of("CREATED k old null", "REMOVED k old old"), recorder.heard);
    assertEquals(1, skipped(cache));
    assertEquals(1, cache.unwrap(CacheStatisticsMXBean.class).getCachePuts(), "the first put only");
  }

  @Test
  void skip_putOfANewKey_changesNothingAndRaisesNoEvent() {
    Cache<String, String> cache = cache(OversizedValues.SKIP);
    cache.put("k", oversized(cache));
    assertNull(cache.get("k"));
    assertEquals(List.of(), recorder.heard);
    assertEquals(1, skipped(cache));
    assertEquals(0, cache.unwrap(CacheStatisticsMXBean.class).getCachePuts());
  }

  @Test
  void skip_everyWriteOperation_returnsAsIfThePutWasMadeAndDropped() {
    Cache<String, String> cache = cache(OversizedValues.SKIP);
    String big = oversized(cache);
    cache.put("k", "v1");
    assertEquals("v1", cache.getAndPut("k", big));
    assertNull(cache.get("k"));

    cache.put("k", "v2");
    assertTrue(cache.replace("k", big));
    assertNull(cache.get("k"));

    cache.put("k", "v3");
    assertTrue(cache.replace("k", "v3", big));
    assertNull(cache.get("k"));

    cache.put("k", "v4");
    assertEquals("v4", cache.getAndReplace("k", big));
    assertNull(cache.get("k"));

    cache.put("k", "v5");
    assertEquals(
        "processed",
        cache.invoke(
            "k",
            (entry, arguments) -> {
              entry.setValue(big);
              return "processed";
            }));
    assertNull(cache.get("k"));

    cache.put("k", "v6");
    cache.putAll(Map.of("k", big, "small", "fits"));
    assertNull(cache.get("k"));
    assertEquals("fits", cache.get("small"));

    assertTrue(cache.putIfAbsent("new", big));
    assertFalse(cache.containsKey("new"));

    assertEquals(7, skipped(cache));
    assertEquals(7, cache.unwrap(CacheStatisticsMXBean.class).getCachePuts(), "v1 to v6, small");
    assertEquals(6, recorder.heard.stream().filter(e -> e.startsWith("REMOVED k")).count());
  }

  @Test
  void skip_isLoggedOnceAtWarnNamingTheCacheTheSizesAndTheStatistic() {
    Cache<String, String> cache = cache(OversizedValues.SKIP);
    try (LogCapture log = new LogCapture()) {
      cache.put("a", oversized(cache));
      cache.put("b", oversized(cache));
      assertEquals(1, log.lines("cache big cannot store an entry of key"), log.text());
      String line =
          log.text().lines().filter(l -> l.contains("cache big cannot")).findFirst().orElseThrow();
      assertTrue(line.contains("WARN"), line);
      assertTrue(line.contains("CacheSkippedPuts"), line);
      assertTrue(line.contains("The put is skipped (oversized-values = skip)"), line);
      assertFalse(line.contains("or set oversized-values"), line);
    }
    assertEquals(2, skipped(cache));
  }

  @Test
  void skip_isCountedWhileStatisticsAreDisabled() {
    Cache<String, String> cache =
        manager.createCache(
            "quiet",
            new CairnConfiguration<String, String>()
                .setTypes(String.class, String.class)
                .setOversizedValues(OversizedValues.SKIP));
    cache.put("k", oversized(cache));
    assertEquals(1, skipped(cache));
    assertEquals(0, cache.unwrap(CairnStatisticsMXBean.class).getCachePuts());
  }

  @Test
  void auto_putFromHibernatesOrSpringsCacheCode_isSkipped() {
    Cache<String, String> cache = cache(OversizedValues.AUTO);
    cache.put("k", "old");
    StandInRegion.put(cache, "k", oversized(cache));
    assertNull(cache.get("k"));
    StandInCache.put(cache, "s", oversized(cache));
    assertEquals(2, skipped(cache));
  }

  @Test
  void auto_plainPut_throws() {
    Cache<String, String> cache = cache(OversizedValues.AUTO);
    cache.put("k", "old");
    assertThrows(EntryTooLargeException.class, () -> cache.put("k", oversized(cache)));
    assertEquals("old", cache.get("k"));
    assertEquals(0, skipped(cache));
  }

  @Test
  void auto_isTheDefault() {
    Cache<String, String> cache =
        manager.createCache(
            "default",
            new CairnConfiguration<String, String>()
                .setTypes(String.class, String.class)
                .setCapacityBytes(1 << 20)
                .setSegmentSize(4096));
    assertThrows(EntryTooLargeException.class, () -> cache.put("k", oversized(cache)));
    StandInRegion.put(cache, "k", oversized(cache));
    assertEquals(1, skipped(cache));
  }

  @Test
  void keyTooLong_isRefusedEvenWhenSkipping() {
    Cache<String, String> cache = cache(OversizedValues.SKIP);
    String key = "k".repeat(1 << 17);
    CacheException e = assertThrows(CacheException.class, () -> cache.put(key, "v"));
    assertEquals(CacheException.class, e.getClass(), "refused by every operation alike");
    assertThrows(CacheException.class, () -> cache.get(key));
    assertEquals(0, skipped(cache));
  }
}
