package io.cairn.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.jcache.configuration.ClusterMode;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.Cache;
import javax.cache.CacheException;
import org.jgroups.protocols.DISCARD;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Members under injected faults (loss, delay, a lost message above reliable delivery, a crash, a
 * partition and its merge, an unreachable member): none serves a value older than a write that
 * returned (sync) or than the last write once quiet (async), and the caches that may have missed an
 * invalidation are cleared.
 */
class ClusterFaultsTest {
  @TempDir Path dir;

  private static void loadEverywhere(List<Cache<String, String>> caches, String key) {
    caches.forEach(cache -> cache.get(key));
    caches.forEach(cache -> assertTrue(cache.containsKey(key)));
  }

  @Test
  void put_syncUnderMessageLoss_neverLeavesAnOldValueBehind() throws Exception {
    try (Members members = new Members(dir, 3, "sync-timeout = 10s, failure-timeout = 20s")) {
      List<Cache<String, String>> caches = members.caches("lossy", ClusterMode.INVALIDATE_SYNC);
      for (int m = 0; m < 3; m++) {
        Faults.discard(members.node(m)).setUpDiscardRate(0.1);
      }
      for (int round = 0; round < 20; round++) {
        String key = "k" + (round % 4);
        String written = "v" + round;
        members.database.put(key, "old" + round);
        loadEverywhere(caches, key);
        caches.get(round % 3).put(key, written);
        for (Cache<String, String> cache : caches) {
          assertEquals(written, cache.get(key), "round " + round);
        }
      }
    }
  }

  @Test
  void put_asyncUnderDelay_othersDropTheKeyOnceQuiet() throws Exception {
    try (Members members = new Members(dir, 3, "")) {
      List<Cache<String, String>> caches = members.caches("slow", ClusterMode.INVALIDATE_ASYNC);
      Faults.delay(members.node(1), 40);
      Faults.delay(members.node(2), 40);
      for (int round = 0; round < 5; round++) {
        members.database.put("k", "old" + round);
        loadEverywhere(caches, "k");
        caches.get(0).put("k", "new" + round);
        Members.await(
            () -> !caches.get(1).containsKey("k") && !caches.get(2).containsKey("k"),
            "the delayed invalidations arrived");
        assertEquals("new" + round, caches.get(2).get("k"));
      }
    }
  }

  @Test
  void put_asyncMessageLostAboveReliableDelivery_receiverClearsTheCacheAtTheNextOne() {
    try (Members members = new Members(dir, 2, "")) {
      List<Cache<String, String>> caches = members.caches("gap", ClusterMode.INVALIDATE_ASYNC);
      members.database.put("lost", "old");
      members.database.put("bystander", "b");
      loadEverywhere(caches, "lost");
      loadEverywhere(caches, "bystander");
      AtomicInteger drops = Faults.dropAboveReliableDelivery(members.node(1), 1);
      caches.get(0).put("lost", "new"); // its invalidation never reaches member 1
      Members.await(() -> drops.get() <= 0, "the invalidation was dropped");
      assertEquals("old", caches.get(1).get("lost"), "stale until the gap shows");
      caches.get(0).put("other", "x");
      Members.await(() -> !caches.get(1).containsKey("lost"), "member 1 cleared the cache");
      assertFalse(caches.get(1).containsKey("bystander"), "the whole cache: which key is unknown");
      assertEquals(1, members.node(1).clears());
      assertEquals("new", caches.get(1).get("lost"));
    }
  }

  @Test
  void memberCrashes_othersClearTheirClusteredCaches_butNotWhenItSaysGoodbye() {
    try (Members members = new Members(dir, 3, "")) {
      List<Cache<String, String>> caches = members.caches("crash", ClusterMode.INVALIDATE_ASYNC);
      members.database.put("k", "v");
      loadEverywhere(caches, "k");
      members.managers.get(2).close(); // a clean close says goodbye after its last message
      members.managers.remove(2);
      members.awaitViews(2);
      assertTrue(caches.get(0).containsKey("k") && caches.get(1).containsKey("k"));
      assertEquals(0, members.node(0).clears());
      members.node(1).channel().close(); // a crash: gone without a word
      Members.await(() -> members.node(0).view().size() == 1, "member 0 alone");
      Members.await(() -> !caches.get(0).containsKey("k"), "member 0 cleared its cache");
      assertEquals(1, members.node(0).clears());
    }
  }

  @Test
  void partition_thenMerge_clearsWhatEitherSideMayHaveMissed() throws Exception {
    try (Members members = new Members(dir, 3, "")) {
      List<Cache<String, String>> caches = members.caches("split", ClusterMode.INVALIDATE_ASYNC);
      ClusterNode[] nodes = {members.node(0), members.node(1), members.node(2)};
      DISCARD[] discards = new DISCARD[3];
      for (int m = 0; m < 3; m++) {
        discards[m] = Faults.discard(nodes[m]);
      }
      members.database.put("k", "old");
      loadEverywhere(caches, "k");
      Faults.partition(discards, nodes, new int[] {0, 1}, new int[] {2});
      Members.await(
          () -> nodes[2].view().size() == 1 && nodes[0].view().size() == 2,
          "the views split into {0, 1} and {2}");
      Members.await(() -> !caches.get(2).containsKey("k"), "member 2 cleared: it lost members");
      loadEverywhere(caches, "k");
      caches.get(0).put("k", "new"); // member 2 cannot hear of it
      Members.await(() -> !caches.get(1).containsKey("k"), "member 1 dropped k");
      assertEquals("old", caches.get(2).get("k"), "the other side is stale while cut off");
      long before = nodes[2].clears();
      for (DISCARD discard : discards) {
        discard.resetIgnoredMembers();
      }
      members.awaitViews(3);
      Members.await(() -> nodes[2].clears() > before, "member 2 cleared on the merge");
      assertEquals("new", caches.get(2).get("k"));
    }
  }

  @Test
  void put_syncMemberUnreachable_failsNamingItAfterTheTimeout() throws Exception {
    try (Members members = new Members(dir, 3, "sync-timeout = 300ms, failure-timeout = 60s")) {
      List<Cache<String, String>> caches = members.caches("cut", ClusterMode.INVALIDATE_SYNC);
      Faults.discard(members.node(2)).discardAll(true);
      long start = System.nanoTime();
      CacheException e = assertThrows(CacheException.class, () -> caches.get(0).put("k", "v"));
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertTrue(e.getMessage().contains(members.node(2).address().toString()), e.getMessage());
      assertTrue(millis >= 300 && millis < 5_000, millis + " ms");
      assertEquals("v", caches.get(0).get("k"), "the change is made, the failure says the rest");
      assertEquals("v", members.database.get("k"));
    }
  }

  @Test
  void put_syncMemberUnreachableWithDropLocal_returnsWithoutTheLocalCopy() throws Exception {
    try (Members members =
        new Members(
            dir, 2, "sync-timeout = 300ms, failure-timeout = 60s, on-sync-timeout = drop-local")) {
      List<Cache<String, String>> caches = members.caches("dropped", ClusterMode.INVALIDATE_SYNC);
      Faults.discard(members.node(1)).discardAll(true);
      caches.get(0).put("k", "v");
      assertFalse(caches.get(0).containsKey("k"));
      assertEquals("v", members.database.get("k"));
    }
  }
}
