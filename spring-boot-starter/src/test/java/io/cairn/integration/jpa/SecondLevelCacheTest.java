package io.cairn.integration.jpa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.engine.ByteStore;
import io.cairn.engine.StoreStats;
import jakarta.persistence.EntityManagerFactory;
import javax.cache.Cache;
import javax.cache.CacheManager;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Spring Data JPA reads an entity from Cairn, not from the database, once it is cached: counted by
 * Hibernate's statistics and by the engine of the Cairn cache that holds the region, which lives in
 * the context's manager and takes its settings from {@code cairn.caches[...]}.
 */
@SpringBootTest(
    classes = JpaApplication.class,
    properties = "spring.config.location=classpath:jpa/application.properties")
class SecondLevelCacheTest {
  @Autowired AuthorRepository authors;
  @Autowired EntityManagerFactory entityManagerFactory;
  @Autowired CacheManager cacheManager;

  private Statistics statistics;

  @BeforeEach
  void statistics() {
    statistics = entityManagerFactory.unwrap(SessionFactory.class).getStatistics();
  }

  /** The Cairn cache of the region, in the context's manager, which the starter gave Hibernate. */
  private Cache<Object, Object> region() {
    return cacheManager.getCache(Author.class.getName());
  }

  @Test
  void findById_ofACachedEntity_readsCairnNotTheDatabase() {
    long id = authors.save(new Author("Ada")).getId();
    Cache<Object, Object> region = region();
    assertEquals(
        2L << 20, region.unwrap(ByteStore.class).config().capacityBytes(), "cairn.caches[...]");
    StoreStats before = region.unwrap(ByteStore.class).stats();
    statistics.clear();

    assertEquals("Ada", authors.findById(id).orElseThrow().getName());
    assertEquals("Ada", authors.findById(id).orElseThrow().getName());

    assertEquals(0, statistics.getEntityLoadCount(), "never loaded from the database");
    assertEquals(2, statistics.getSecondLevelCacheHitCount());
    assertTrue(region.unwrap(ByteStore.class).stats().hits() >= before.hits() + 2);
  }

  @Test
  void anUpdate_isSeenThroughTheCache() {
    Author author = authors.save(new Author("Grace"));
    author.setName("Grace Hopper");
    authors.save(author);
    statistics.clear();
    assertEquals("Grace Hopper", authors.findById(author.getId()).orElseThrow().getName());
    assertEquals(1, statistics.getSecondLevelCacheHitCount());
    assertEquals(0, statistics.getEntityLoadCount());
  }
}
