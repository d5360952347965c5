package io.cairn.jcache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.jcache.configuration.CairnConfiguration;
import io.cairn.jcache.configuration.ClusterMode;
import io.cairn.jcache.serialization.ObjectSerializer;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.integration.CacheLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The extension hook ({@link io.cairn.jcache.spi}): which changes a clustered cache reports, how it
 * drops entries for other members, and how that fences loads in flight. {@link RecordingExtension}
 * stands in for the cluster module.
 */
class CacheImplExtensionTest {
  @TempDir Path dir;
  private CacheManager manager;

  @AfterEach
  void close() {
    if (manager != null) {
      manager.close();
    }
  }

  private CacheManager open(String recorder, String caches) throws IOException {
    Path file = dir.resolve(recorder + ".conf");
    Files.writeString(
        file,
        "cairn { cluster { recorder = " + recorder + " }, caches { " + caches + " } }",
        StandardCharsets.UTF_8);
    manager =
        Caching.getCachingProvider().getCacheManager(file.toUri(), getClass().getClassLoader());
    return manager;
  }

  private static byte[] bytes(String key) {
    return ObjectSerializer.INSTANCE.serialize(key);
  }

  private Cache<String, String> clustered(String recorder) throws IOException {
    return open(recorder, "c { cluster-mode = invalidate-async }")
        .getCache("c", String.class, String.class);
  }

  /** A read-through cache "loaded" of the open manager in {@code mode}. */
  private Cache<String, String> readThrough(ClusterMode mode, CacheLoader<String, String> loader) {
    return manager.createCache(
        "loaded",
        new CairnConfiguration<String, String>()
            .setTypes(String.class, String.class)
            .setClusterMode(mode)
            .setReadThrough(true)
            .setCacheLoaderFactory(new FactoryBuilder.SingletonFactory<>(loader)));
  }

  @Test
  void put_clusteredCache_reportsTheSerializedKeyOfEachChange() throws IOException {
    Cache<String, String> cache = clustered("writes");
    RecordingExtension.Record record = RecordingExtension.RECORDS.get("writes/c");
    cache.put("a", "1");
    cache.replace("a", "2");
    cache.remove("a");
    cache.remove("absent");
    cache.get("a");
    cache.invoke("b", (entry, args) -> null);
    cache.invoke(
        "b",
        (entry, args) -> {
          entry.setValue("3");
          return null;
        });
    assertEquals(
        5,
        record.written.size(),
        "put, replace, remove, remove of a key absent here (another member may hold it),"
            + " setValue; a read and a processor that changes nothing are silent");
    assertArrayEquals(bytes("a"), record.written.get(0));
    assertArrayEquals(bytes("absent"), record.written.get(3));
    assertArrayEquals(bytes("b"), record.written.get(4));
  }

  @Test
  void putAllAndClear_clusteredCache_reportOneBatchAndOneClear() throws IOException {
    Cache<String, String> cache = clustered("bulk");
    RecordingExtension.Record record = RecordingExtension.RECORDS.get("bulk/c");
    cache.putAll(Map.of("a", "1", "b", "2", "c", "3"));
    assertEquals(List.of(3), record.batches);
    cache.clear();
    cache.removeAll();
    assertEquals(2, record.clears);
    cache.close();
    assertTrue(record.closed);
  }

  @Test
  void put_extensionFails_changeIsMadeListenersHearAndTheCallerGetsTheFailure() throws IOException {
    Cache<String, String> cache = clustered("failing");
    RecordingListener<String, String> listener = new RecordingListener<>();
    cache.registerCacheEntryListener(
        new MutableCacheEntryListenerConfiguration<>(
            FactoryBuilder.factoryOf(listener), null, true, true));
    CacheException e = assertThrows(CacheException.class, () -> cache.put("kX", "v"));
    assertEquals("not acknowledged", e.getMessage());
    assertEquals("v", cache.get("kX"));
    assertEquals(List.of("CREATED kX v null"), listener.heard);
  }

  @Test
  void invalidate_dropsTheEntryByItsBytes_withoutEventsOrWriter() throws IOException {
    Cache<String, String> cache = clustered("drops");
    RecordingListener<String, String> listener = new RecordingListener<>();
    cache.registerCacheEntryListener(
        new MutableCacheEntryListenerConfiguration<>(
            FactoryBuilder.factoryOf(listener), null, true, true));
    cache.put("a", "1");
    cache.put("b", "2");
    RecordingExtension.Record record = RecordingExtension.RECORDS.get("drops/c");
    int reported = record.written.size();
    record.cache.invalidate(bytes("a"));
    record.cache.invalidate(bytes("absent"));
    assertNull(cache.get("a"));
    assertEquals("2", cache.get("b"));
    record.cache.invalidateAll();
    assertFalse(cache.containsKey("b"));
    assertEquals(2, listener.heard.size(), "the two creations only");
    assertEquals(reported, record.written.size(), "drops are not reported back");
  }

  @Test
  void get_readThroughInvalidatedDuringTheLoad_returnsTheValueWithoutStoringIt() throws Exception {
    CountDownLatch loading = new CountDownLatch(1);
    CountDownLatch invalidated = new CountDownLatch(1);
    CacheLoader<String, String> loader =
        new CacheLoader<>() {
          @Override
          public String load(String key) {
            loading.countDown();
            try {
              assertTrue(invalidated.await(10, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return "old";
          }

          @Override
          public Map<String, String> loadAll(Iterable<? extends String> keys) {
            throw new UnsupportedOperationException();
          }
        };
    open("fenced", "");
    Cache<String, String> cache = readThrough(ClusterMode.INVALIDATE_SYNC, loader);
    RecordingExtension.Record record = RecordingExtension.RECORDS.get("fenced/loaded");
    Thread invalidator =
        new Thread(
            () -> {
              try {
                loading.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              record.cache.invalidate(bytes("k"));
              invalidated.countDown();
            });
    invalidator.start();
    assertEquals("old", cache.get("k"));
    invalidator.join();
    assertFalse(cache.containsKey("k"), "the load read before the invalidation: not stored");
    invalidated.countDown();
    assertEquals("old", cache.get("k"));
    assertTrue(cache.containsKey("k"), "a load with no invalidation meanwhile is stored");
  }

  @Test
  void getAll_keyInvalidatedDuringTheLoad_storesOnlyTheOthers() throws Exception {
    open("fencedAll", "");
    RecordingExtension.Record[] record = new RecordingExtension.Record[1];
    CacheLoader<String, String> loader =
        new CacheLoader<>() {
          @Override
          public String load(String key) {
            return key;
          }

          @Override
          public Map<String, String> loadAll(Iterable<? extends String> keys) {
            record[0].cache.invalidate(bytes("a"));
            return Map.of("a", "a", "b", "b");
          }
        };
    Cache<String, String> cache = readThrough(ClusterMode.INVALIDATE_ASYNC, loader);
    record[0] = RecordingExtension.RECORDS.get("fencedAll/loaded");
    assertEquals(Map.of("a", "a", "b", "b"), cache.getAll(Set.of("a", "b")));
    assertFalse(cache.containsKey("a"));
    assertTrue(cache.containsKey("b"));
    assertTrue(record[0].written.isEmpty(), "a load into an absent entry is not reported");
    CompletionFuture done = new CompletionFuture();
    cache.loadAll(Set.of("b"), true, done);
    assertNull(done.await());
    assertEquals(1, record[0].written.size(), "a load that replaces a value is");
  }

  @Test
  void createCache_clusterModeWithoutAnExtension_failsNamingTheSetting() {
    manager =
        Caching.getCachingProvider()
            .getCacheManager(URI.create("test:no-cluster"), getClass().getClassLoader());
    CacheException e =
        assertThrows(
            CacheException.class,
            () ->
                manager.createCache(
                    "c",
                    new CairnConfiguration<String, String>()
                        .setClusterMode(ClusterMode.INVALIDATE_SYNC)));
    assertTrue(e.getMessage().contains("cluster-mode = invalidate-sync"), e.getMessage());
    assertFalse(manager.getCacheNames().iterator().hasNext());
  }

  @Test
  void createCache_clusterModeByReference_failsNamingTheSetting() throws IOException {
    open("byReference", "");
    CacheException e =
        assertThrows(
            CacheException.class,
            () ->
                manager.createCache(
                    "c",
                    new CairnConfiguration<String, String>()
                        .setClusterMode(ClusterMode.INVALIDATE_ASYNC)
                        .setStoreByValue(false)));
    assertTrue(e.getMessage().contains("cluster-mode = invalidate-async"), e.getMessage());
  }

  @Test
  void getCacheManager_clusterSectionNoExtensionTakes_failsNamingTheSection() throws IOException {
    Path file = dir.resolve("nobody.conf");
    Files.writeString(file, "cairn { cluster { name = shop } }", StandardCharsets.UTF_8);
    CacheException e =
        assertThrows(
            CacheException.class,
            () ->
                Caching.getCachingProvider()
                    .getCacheManager(file.toUri(), getClass().getClassLoader()));
    assertTrue(e.getMessage().contains("cairn.cluster in " + file.toUri()), e.getMessage());
    assertTrue(e.getMessage().contains("io.cairn:cairn-cluster"), e.getMessage());
  }

  @Test
  void getCacheManager_extensionRefuses_failsWithItsMessage() throws IOException {
    CacheException e = assertThrows(CacheException.class, () -> open("refuse", ""));
    assertEquals("cairn.cluster.recorder refused", e.getMessage());
    manager = null;
  }

  @Test
  void createCache_localCacheOfAClusteredManager_isNotExtended() throws IOException {
    open("local", "");
    manager.createCache("plain", new MutableConfiguration<String, String>()).put("a", "1");
    assertNull(RecordingExtension.RECORDS.get("local/plain"));
  }
}
