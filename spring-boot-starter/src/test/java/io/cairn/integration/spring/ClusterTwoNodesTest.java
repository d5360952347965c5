package io.cairn.integration.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.cluster.ClusterNode;
import javax.cache.Cache;
import javax.cache.CacheManager;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two Spring Boot services caching through the starter, as two nodes of one cluster: the same
 * application twice in this JVM, each context with its own Cairn manager on {@code
 * cairn-spring-cluster.conf} ({@code invalidate-sync} caches on JGroups' loopback). What one node
 * changes through Spring's cache annotations, the other no longer serves from its cache.
 */
class ClusterTwoNodesTest {

  private static ConfigurableApplicationContext node() {
    return new SpringApplicationBuilder(CachingApplication.class)
        .run(
            "--spring.main.banner-mode=off",
            "--spring.cache.jcache.config=classpath:cairn-spring-cluster.conf");
  }

  private static Cache<Object, Object> books(ConfigurableApplicationContext node) {
    return node.getBean(CacheManager.class).getCache("books");
  }

  /** Waits up to 20 s until both nodes see a view of two members. */
  private static void awaitTwoMembers(ConfigurableApplicationContext... nodes)
      throws InterruptedException {
    long deadline = System.nanoTime() + 20_000_000_000L;
    for (ConfigurableApplicationContext node : nodes) {
      ClusterNode cluster = node.getBean(CacheManager.class).unwrap(ClusterNode.class);
      while (cluster.view() == null || cluster.view().size() < nodes.length) {
        assertTrue(System.nanoTime() < deadline, "the two nodes never saw each other");
        Thread.sleep(20);
      }
    }
  }

  @Test
  void cachePutAndEvict_onOneNode_dropTheOtherNodesCopyBeforeTheyReturn() throws Exception {
    try (ConfigurableApplicationContext a = node();
        ConfigurableApplicationContext b = node()) {
      assertNotSame(
          a.getBean(CacheManager.class), b.getBean(CacheManager.class), "a manager per node");
      awaitTwoMembers(a, b);
      BookService serviceA = a.getBean(BookService.class);
      BookService serviceB = b.getBean(BookService.class);

      assertEquals("title 1", serviceA.find(1).title());
      assertNotNull(books(a).get(1L));
      serviceB.save(new Book(1, "renamed on b"));
      assertNull(books(a).get(1L), "b's @CachePut dropped a's copy before it returned");
      assertEquals("renamed on b", ((Book) books(b).get(1L)).title());

      // @Cacheable fills a miss with Cache.put, a write like any other: it drops the other
      // node's copy too, so a key filled this way is cached on the node that filled it last.
      int findsA = serviceA.finds();
      assertEquals("title 1", serviceA.find(1).title(), "a reads its source again");
      assertEquals(findsA + 1, serviceA.finds());
      assertNull(books(b).get(1L), "a's fill dropped b's copy");

      serviceB.find(2);
      serviceA.evict(2);
      assertNull(books(b).get(2L), "a's @CacheEvict dropped b's copy");

      serviceA.find(3);
      serviceB.evictAll();
      assertNull(books(a).get(3L), "b's allEntries eviction cleared a's cache");
    }
  }
}
