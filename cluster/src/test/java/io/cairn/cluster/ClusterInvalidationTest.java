package io.cairn.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.jcache.configuration.ClusterMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.cache.Cache;
import javax.cache.processor.EntryProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three members on the loopback transport, each with a read-through, write-through cache over one
 * database: a change on one member leaves no other member serving the old value, when the change
 * returns (sync) or once the cluster is quiet (async); loads keep a copy on every member.
 */
class ClusterInvalidationTest {
  @TempDir Path dir;
  private Members members;

  @BeforeEach
  void start() {
    members = new Members(dir, 3, "sync-timeout = 5s");
  }

  @AfterEach
  void stop() {
    members.close();
  }

  /** Loads {@code key} into every member's cache and checks that each holds it. */
  private static void loadEverywhere(List<Cache<String, String>> caches, String key) {
    for (Cache<String, String> cache : caches) {
      cache.get(key);
    }
    for (Cache<String, String> cache : caches) {
      assertTrue(cache.containsKey(key), "a load is not an invalidation: each member keeps one");
    }
  }

  @Test
  void put_syncOnOneMember_noOtherHoldsTheOldValueWhenItReturns() {
    List<Cache<String, String>> caches = members.caches("sync", ClusterMode.INVALIDATE_SYNC);
    for (int round = 0; round < 50; round++) {
      String key = "k" + (round % 5);
      members.database.put(key, "old");
      loadEverywhere(caches, key);
      caches.get(round % 3).put(key, "new" + round);
      for (int m = 0; m < 3; m++) {
        if (m != round % 3) {
          assertFalse(caches.get(m).containsKey(key), "member " + m + " round " + round);
          assertEquals("new" + round, caches.get(m).get(key), "read through: the new value");
        }
      }
    }
  }

  @Test
  void put_asyncOnOneMember_othersDropTheKeyOnceQuiet() {
    List<Cache<String, String>> caches = members.caches("async", ClusterMode.INVALIDATE_ASYNC);
    members.database.put("k", "old");
    loadEverywhere(caches, "k");
    caches.get(0).put("k", "new");
    Members.await(
        () -> !caches.get(1).containsKey("k") && !caches.get(2).containsKey("k"),
        "members 1 and 2 dropped k");
    assertEquals("new", caches.get(0).get("k"), "the writer keeps its own value");
    assertEquals("new", caches.get(2).get("k"));
  }

  @Test
  void everyKindOfWrite_syncOnOneMember_dropsTheKeysElsewhere() {
    List<Cache<String, String>> caches = members.caches("kinds", ClusterMode.INVALIDATE_SYNC);
    Set<String> keys = Set.of("a", "b", "c");
    EntryProcessor<String, String, Void> append =
        (entry, args) -> {
          entry.setValue(entry.getValue() + "+");
          return null;
        };
    List<Runnable> writes =
        List.of(
            () -> caches.get(0).replace("a", "r"),
            () -> caches.get(0).remove("a"),
            () -> caches.get(0).getAndPut("a", "p"),
            () -> caches.get(0).invoke("a", append),
            () -> caches.get(0).putAll(Map.of("a", "1", "b", "2")),
            () -> caches.get(0).removeAll(Set.of("a", "b")),
            () -> caches.get(0).invokeAll(Set.of("a", "b"), append));
    for (Runnable write : writes) {
      keys.forEach(k -> members.database.put(k, "v"));
      keys.forEach(k -> loadEverywhere(caches, k));
      write.run();
      assertFalse(caches.get(1).containsKey("a"));
      assertFalse(caches.get(2).containsKey("a"));
      assertTrue(caches.get(1).containsKey("c"), "an untouched key stays");
    }
  }

  @Test
  void clear_onOneMember_clearsTheOthers() {
    List<Cache<String, String>> caches = members.caches("cleared", ClusterMode.INVALIDATE_SYNC);
    members.database.put("a", "1");
    loadEverywhere(caches, "a");
    caches.get(2).clear();
    assertFalse(caches.get(0).iterator().hasNext());
    assertFalse(caches.get(1).iterator().hasNext());
    assertEquals("1", members.database.get("a"), "clear is the cache's, not the database's");
  }

  @Test
  void loadsRacingSyncWrites_leaveNoMemberWithAnOldValueOnceQuiet() throws Exception {
    List<Cache<String, String>> caches = members.caches("raced", ClusterMode.INVALIDATE_SYNC);
    String[] keys = {"slow0", "slow1", "slow2"};
    for (String key : keys) {
      members.database.put(key, "0");
    }
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> readers = new ArrayList<>();
    for (int m = 1; m < 3; m++) {
      Cache<String, String> cache = caches.get(m);
      Thread reader =
          new Thread(
              () -> {
                for (int i = 0; !stop.get(); i++) {
                  cache.get(keys[i % keys.length]); // loads (slowly) whatever was dropped
                }
              });
      reader.start();
      readers.add(reader);
    }
    for (int version = 1; version <= 200; version++) {
      caches.get(0).put(keys[version % keys.length], Integer.toString(version));
    }
    stop.set(true);
    for (Thread reader : readers) {
      reader.join();
    }
    for (int m = 0; m < 3; m++) {
      for (String key : keys) {
        assertEquals(members.database.get(key), caches.get(m).get(key), "member " + m + " " + key);
      }
    }
  }

  @Test
  void put_localCacheOfAClusteredManager_staysLocal() {
    List<Cache<String, String>> caches = members.caches("alone", ClusterMode.LOCAL);
    members.database.put("k", "old");
    loadEverywhere(caches, "k");
    caches.get(0).put("k", "new");
    assertEquals("old", caches.get(1).get("k"), "a local cache is not coherent, by choice");
    assertEquals("new", caches.get(0).get("k"));
  }
}
