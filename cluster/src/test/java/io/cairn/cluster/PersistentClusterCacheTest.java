package io.cairn.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.cairn.jcache.configuration.CachePersistence;
import io.cairn.jcache.configuration.CairnConfiguration;
import io.cairn.jcache.configuration.ClusterMode;
import java.nio.file.Path;
import javax.cache.Cache;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Persistent caches of a cluster member do not restore what they persisted (the member missed the
 * others' invalidations while it was down) unless {@code restore-clustered} says so; this holds for
 * a local cache of a clustered manager too, since CairnRegionFactory keeps such caches coherent.
 */
class PersistentClusterCacheTest {
  @TempDir Path dir;

  /**
   * What the cache {@code name} in {@code mode} with {@code persistence} holds for {@code "k"} on a
   * restarted member, after a first member put {@code "v"} and closed.
   */
  private String restartedValue(String name, ClusterMode mode, CachePersistence persistence) {
    CairnConfiguration<String, String> configuration =
        Members.configuration(mode).setPersistence(persistence);
    try (Members first = new Members(dir, 1, "")) {
      first.managers.get(0).createCache(name, configuration).put("k", "v");
    }
    try (Members second = new Members(dir, 1, "")) {
      Cache<String, String> cache = second.managers.get(0).createCache(name, configuration);
      return cache.get("k");
    }
  }

  private CachePersistence persistence() {
    return CachePersistence.in(dir.resolve("data"));
  }

  @Test
  void restart_ofAnInvalidatingCache_startsEmpty() {
    assertNull(restartedValue("sync", ClusterMode.INVALIDATE_SYNC, persistence()));
  }

  @Test
  void restart_ofALocalCacheOfAClusteredManager_startsEmpty() {
    assertNull(restartedValue("local", ClusterMode.LOCAL, persistence()));
  }

  @Test
  void restart_withRestoreClustered_restores() {
    CachePersistence restoring = persistence().restoreClustered(true);
    assertEquals("v", restartedValue("async", ClusterMode.INVALIDATE_ASYNC, restoring));
    assertEquals("v", restartedValue("local", ClusterMode.LOCAL, restoring));
  }
}
