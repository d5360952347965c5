package io.cairn.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.cairn.jcache.configuration.ClusterMode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import org.junit.jupiter.api.Test;

/**
 * Discovery through a database ({@code JDBC_PING2}, here an in-memory H2 shared by two members in
 * this JVM, over TCP on 127.0.0.1): the members find each other and invalidate as with a list.
 */
class JdbcDiscoveryTest {

  @Test
  void join_jdbcDiscovery_membersFindEachOtherThroughTheTable() throws Exception {
    String database = "jdbc:h2:mem:cairn-ping-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    List<CacheManager> managers = new ArrayList<>();
    try {
      for (int i = 0; i < 2; i++) {
        Properties properties = new Properties();
        properties.setProperty("cairn.cluster.name", "cairn-jdbc-" + database.hashCode());
        properties.setProperty("cairn.cluster.discovery", "jdbc");
        properties.setProperty("cairn.cluster.jdbc-url", database);
        properties.setProperty("cairn.cluster.jdbc-user", "sa");
        properties.setProperty("cairn.cluster.jdbc-driver", "org.h2.Driver");
        properties.setProperty("cairn.cluster.bind-port", Integer.toString(Members.freePort()));
        properties.setProperty("cairn.cluster.port-range", "1");
        managers.add(
            Caching.getCachingProvider()
                .getCacheManager(
                    URI.create("jdbc-test:" + i), getClass().getClassLoader(), properties));
      }
      Members.await(
          () -> managers.stream().allMatch(m -> m.unwrap(ClusterNode.class).view().size() == 2),
          "both members see each other");
      List<Cache<String, String>> caches = new ArrayList<>();
      for (CacheManager manager : managers) {
        caches.add(manager.createCache("c", Members.configuration(ClusterMode.INVALIDATE_SYNC)));
      }
      caches.get(1).put("k", "old");
      caches.get(0).put("k", "new");
      assertFalse(caches.get(1).containsKey("k"));
      assertEquals("new", caches.get(0).get("k"));
    } finally {
      managers.forEach(CacheManager::close);
    }
  }
}
