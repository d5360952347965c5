package io.cairn.jcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.engine.ByteStore;
import io.cairn.engine.Persistence;
import io.cairn.jcache.configuration.CachePersistence;
import io.cairn.jcache.configuration.CairnConfiguration;
import io.cairn.jcache.serialization.RenamedObjectSerializer;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.spi.CachingProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Persistent caches through JCache: what a manager's caches hold comes back in the next manager on
 * the same configuration; destroyCache deletes it; a directory is one cache's at a time.
 */
class CacheManagerImplPersistenceTest {

  /** Entries per round trip: enough to fill many segments of the 64 KiB the caches use. */
  private static final int ENTRIES = 20_000;

  private final CachingProvider provider = Caching.getCachingProvider();
  private final List<CacheManager> managers = new ArrayList<>();

  @TempDir Path dir;

  @AfterEach
  void closeManagers() {
    managers.forEach(CacheManager::close);
  }

  private CacheManager manager(URI uri) {
    CacheManager manager = provider.getCacheManager(uri, getClass().getClassLoader());
    managers.add(manager);
    return manager;
  }

  /** The file {@code hocon} written as {@code cairn.conf}, with {@code $DIR} the data directory. */
  private URI file(String hocon) throws IOException {
    Path file = dir.resolve("cairn.conf");
    String directory = dir.resolve("data").toString().replace("\\", "\\\\");
    Files.writeString(file, hocon.replace("$DIR", directory), StandardCharsets.UTF_8);
    return file.toUri();
  }

  /** A file declaring the persistent caches {@code orders} and {@code sessions} (expiring). */
  private URI ordersAndSessions() throws IOException {
    return file(
        """
        cairn {
          defaults { capacity = 8MiB, segment-size = 64KiB, shards = 2 }
          caches {
            orders { persistence { directory = "$DIR", flush-interval = 100ms } }
            sessions {
              expiry { after-creation = 3s }
              persistence { directory = "$DIR" }
            }
          }
        }
        """);
  }

  private Path data() {
    return dir.resolve("data");
  }

  @Test
  void closeAndReopen_onTheSameFile_restoresTheEntriesAsTheyWereAtClose() throws Exception {
    URI uri = ordersAndSessions();
    CacheManager first = manager(uri);
    Cache<String, String> orders = first.getCache("orders");
    Map<String, String> expected = new HashMap<>();
    for (int i = 0; i < ENTRIES; i++) {
      orders.put("order-" + i, "value-" + i);
      expected.put("order-" + i, "value-" + i);
    }
    for (int i = 0; i < ENTRIES; i += 7) {
      orders.remove("order-" + i);
      expected.remove("order-" + i);
    }
    for (int i = 1; i < ENTRIES; i += 5) {
      orders.put("order-" + i, "replaced-" + i);
      expected.put("order-" + i, "replaced-" + i);
    }
    Cache<String, String> sessions = first.getCache("sessions");
    sessions.put("session", "alive for 3s");
    long expiresBy = System.currentTimeMillis() + 3_000;
    first.close();
    assertTrue(Persistence.exists(data().resolve("orders")), "the files stay after close");

    CacheManager second = manager(uri);
    Cache<String, String> restored = second.getCache("orders");
    assertEquals(expected, restored.getAll(expected.keySet()));
    assertNull(restored.get("order-0"), "removed before close, stays removed");
    assertNull(restored.get("order-7"));
    int count = 0;
    for (Cache.Entry<String, String> ignored : restored) {
      count++;
    }
    assertEquals(expected.size(), count, "nothing but what was there at close");

    Cache<String, String> restoredSessions = second.getCache("sessions");
    if (System.currentTimeMillis() < expiresBy - 500) { // else the machine was too slow to tell
      assertEquals("alive for 3s", restoredSessions.get("session"));
    }
    Thread.sleep(Math.max(0, expiresBy - System.currentTimeMillis()) + 100);
    assertNull(restoredSessions.get("session"), "its expiry was restored, not reset to eternal");
  }

  @Test
  void closeAndReopen_ofACacheConfiguredInCode_restoresItsEntries() {
    CairnConfiguration<Long, String> configuration =
        new CairnConfiguration<Long, String>()
            .setTypes(Long.class, String.class)
            .setCapacityBytes(8L << 20)
            .setPersistence(CachePersistence.in(data()).flushIntervalMillis(50));
    CacheManager first = manager(URI.create("persistence-in-code"));
    Cache<Long, String> cache = first.createCache("numbers", configuration);
    for (long i = 0; i < 1_000; i++) {
      cache.put(i, Long.toString(i));
    }
    first.close();

    CacheManager second = manager(URI.create("persistence-in-code"));
    Cache<Long, String> restored = second.createCache("numbers", configuration);
    for (long i = 0; i < 1_000; i++) {
      assertEquals(Long.toString(i), restored.get(i));
    }
  }

  @Test
  void clearAndRemoveAll_beforeClose_stayDoneAfterReopen() throws Exception {
    URI uri = ordersAndSessions();
    CacheManager first = manager(uri);
    Cache<String, String> orders = first.getCache("orders");
    orders.put("cleared", "v");
    orders.unwrap(ByteStore.class).flush();
    orders.clear();
    orders.put("after clear", "v");
    Cache<String, String> sessions = first.getCache("sessions");
    sessions.put("removed", "v");
    sessions.removeAll();
    first.close();

    CacheManager second = manager(uri);
    Cache<String, String> restored = second.getCache("orders");
    assertNull(restored.get("cleared"), "a clear is persisted");
    assertEquals("v", restored.get("after clear"));
    assertNull(second.<String, String>getCache("sessions").get("removed"));
  }

  @Test
  void accessExpiry_touchesThatRewriteItems_keepEveryOperationWorkingAndAreRestored()
      throws Exception {
    URI uri =
        file(
            """
            cairn.caches.touched {
              capacity = 8MiB
              expiry { after-access = 1h }
              persistence { directory = "$DIR" }
            }
            """);
    CacheManager first = manager(uri);
    Cache<String, String> cache = first.getCache("touched");
    for (int i = 0; i < 100; i++) {
      cache.put("k" + i, "a");
      assertEquals("a", cache.get("k" + i)); // a touch: the persistent engine rewrites the item
      assertTrue(cache.replace("k" + i, "a", "b"));
      assertEquals("b", cache.getAndPut("k" + i, "c"));
      assertEquals("c", cache.invoke("k" + i, (entry, args) -> entry.getValue()));
      assertTrue(cache.containsKey("k" + i));
    }
    first.close();

    Cache<String, String> restored = manager(uri).getCache("touched");
    for (int i = 0; i < 100; i++) {
      assertEquals("c", restored.get("k" + i));
    }
  }

  @Test
  void managerClose_whenAFinalFlushFails_stillClosesEveryCache() throws Exception {
    CacheManager manager = manager(ordersAndSessions());
    Cache<String, String> orders = manager.getCache("orders");
    Cache<String, String> sessions = manager.getCache("sessions");
    orders.put("k", "v");
    sessions.put("k", "v");
    deleteTree(data().resolve("orders")); // behind the store's back: its last flush cannot write
    manager.close();
    assertTrue(orders.isClosed());
    assertTrue(sessions.isClosed());
    assertTrue(Persistence.exists(data().resolve("sessions")), "the other cache flushed");
  }

  private static void deleteTree(Path root) throws IOException {
    try (var paths = Files.walk(root)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  @Test
  void closeOfTheCacheAlone_keepsItsFiles_andCreatingItAgainRestores() throws Exception {
    CacheManager manager = manager(ordersAndSessions());
    Cache<String, String> orders = manager.getCache("orders");
    orders.put("k", "v");
    orders.close();
    assertTrue(Persistence.exists(data().resolve("orders")));
    assertEquals("v", manager.<String, String>getCache("orders").get("k"));
  }

  @Test
  void flushOfTheEngine_makesTheEntriesDurableWhileTheCacheIsOpen() throws Exception {
    CacheManager manager = manager(ordersAndSessions());
    Cache<String, String> orders = manager.getCache("orders");
    orders.put("k", "v");
    orders.unwrap(ByteStore.class).flush();
    assertTrue(Persistence.exists(data().resolve("orders")));
  }

  @Test
  void destroyCache_ofAnOpenCache_deletesItsFiles() throws Exception {
    URI uri = ordersAndSessions();
    CacheManager manager = manager(uri);
    Cache<String, String> orders = manager.getCache("orders");
    orders.put("k", "v");
    manager.getCache("sessions").put("s", "v");
    manager.destroyCache("orders");
    assertTrue(orders.isClosed());
    assertFalse(Persistence.exists(data().resolve("orders")));
    try (var left = Files.list(data().resolve("orders"))) {
      assertEquals(
          List.of("LOCK"),
          left.map(f -> String.valueOf(f.getFileName())).toList(),
          "only the empty lock file stays");
    }
    assertNull(manager.<String, String>getCache("orders").get("k"), "created afresh, empty");
    assertTrue(Files.exists(data().resolve("sessions")), "another cache's files stay");
  }

  @Test
  void destroyCache_ofACacheNotOpenButPersistentInTheFile_deletesItsFiles() throws Exception {
    URI uri = ordersAndSessions();
    CacheManager first = manager(uri);
    first.<String, String>getCache("orders").put("k", "v");
    first.close();
    assertTrue(Persistence.exists(data().resolve("orders")));

    CacheManager second = manager(uri);
    second.destroyCache("orders");
    assertFalse(Persistence.exists(data().resolve("orders")));
    assertNull(second.<String, String>getCache("orders").get("k"));
  }

  @Test
  void destroyCache_ofAPersistentCacheOpenInAnotherManager_failsNamingTheDirectory()
      throws Exception {
    URI uri = ordersAndSessions();
    Cache<String, String> orders = manager(uri).getCache("orders");
    orders.put("k", "v");
    CacheManager other = manager(URI.create(uri + "#other"));
    CacheException e = assertThrows(CacheException.class, () -> other.destroyCache("orders"));
    assertTrue(e.getMessage().contains(data().resolve("orders").toString()), e.getMessage());
    assertEquals("v", orders.get("k"), "the open cache is untouched");
  }

  @Test
  void secondManagerOnTheSameDirectory_failsNamingTheCacheAndTheDirectory() throws Exception {
    URI uri = ordersAndSessions();
    Cache<String, String> orders = manager(uri).getCache("orders");
    orders.put("k", "v");
    CacheManager other = manager(URI.create(uri + "#second")); // the same file, another manager
    CacheException e = assertThrows(CacheException.class, () -> other.getCache("orders"));
    assertTrue(e.getMessage().contains("orders"), e.getMessage());
    assertTrue(e.getMessage().contains(data().resolve("orders").toString()), e.getMessage());
    assertFalse(other.getCacheNames().iterator().hasNext(), "no cache half made");
    assertEquals("v", orders.get("k"), "the first is untouched");
  }

  @Test
  void directoryThatCannotBeCreated_failsNamingTheCacheAndTheDirectory() throws Exception {
    Files.writeString(data(), "a file where the directory should be");
    CairnConfiguration<String, String> configuration =
        new CairnConfiguration<String, String>()
            .setCapacityBytes(8L << 20)
            .setPersistence(CachePersistence.in(data()));
    CacheManager manager = manager(URI.create("unwritable"));
    CacheException e =
        assertThrows(CacheException.class, () -> manager.createCache("orders", configuration));
    assertTrue(e.getMessage().contains("cache orders"), e.getMessage());
    assertTrue(e.getMessage().contains(data().resolve("orders").toString()), e.getMessage());
    assertFalse(manager.getCacheNames().iterator().hasNext());
  }

  @Test
  void secondCacheOfAnotherNameOnTheSameDirectory_opensItsOwnSubdirectory() {
    CairnConfiguration<String, String> configuration =
        new CairnConfiguration<String, String>()
            .setCapacityBytes(8L << 20)
            .setPersistence(CachePersistence.in(data()));
    CacheManager manager = manager(URI.create("shared-directory"));
    manager.createCache("a.b", configuration).put("k", "a");
    manager.createCache("a/b", configuration).put("k", "b");
    assertEquals(Set.of("a%2Eb", "a%2Fb"), subdirectories(data()));
  }

  @Test
  void reopen_withAnotherValueSerializer_discardsWhatWasPersisted() throws Exception {
    String hocon =
        """
        cairn {
          caches {
            orders {
              capacity = 8MiB
              %s
              persistence { directory = "$DIR" }
            }
          }
        }
        """;
    URI uri = file(hocon.formatted(""));
    CacheManager first = manager(uri);
    first.<String, String>getCache("orders").put("k", "v");
    first.close();

    CacheManager second = manager(uri);
    assertEquals("v", second.<String, String>getCache("orders").get("k"), "same serializers");
    second.close();

    URI changed =
        file(
            hocon.formatted(
                "value-serializer = \"" + RenamedObjectSerializer.class.getName() + "\""));
    CacheManager third = manager(changed);
    assertNull(third.<String, String>getCache("orders").get("k"), "another serializer: discarded");
  }

  @Test
  void createCache_storedByReferenceWithPersistence_isRefused() {
    CairnConfiguration<String, String> configuration =
        new CairnConfiguration<String, String>()
            .setStoreByValue(false)
            .setPersistence(CachePersistence.in(data()));
    CacheManager manager = manager(URI.create("by-reference"));
    CacheException e =
        assertThrows(CacheException.class, () -> manager.createCache("heap", configuration));
    assertTrue(e.getMessage().contains("stores by reference"), e.getMessage());
    assertFalse(Files.exists(data()));
  }

  @Test
  @SuppressWarnings("unchecked") // the configuration's types are those of the cache
  void cachesOnTheFly_ofAFileWithPersistentSections_areNotPersistent() throws Exception {
    CacheManager manager = manager(ordersAndSessions());
    Cache<Object, Object> region =
        manager.createCache("com.example.Region", new MutableConfiguration<>());
    assertNull(region.getConfiguration(CairnConfiguration.class).getPersistence());
    assertFalse(Files.exists(data().resolve(CachePersistence.fileName("com.example.Region"))));
  }

  private static Set<String> subdirectories(Path directory) {
    try (var files = Files.list(directory)) {
      return files
          .map(p -> p.getFileName().toString())
          .collect(java.util.stream.Collectors.toSet());
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
