package io.cairn.integration.hibernate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hibernate.Cache;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Eviction through {@link org.hibernate.SessionFactory#getCache()} reaches the Cairn caches. */
class CacheEvictionTest extends SessionFactoryFixture {
  private static final String BOOKS = Author.class.getName() + ".books";
  private static final String QUERIES = "default-query-results-region";
  private static final String TIMESTAMPS = "default-update-timestamps-region";

  private Cache cache;

  @BeforeEach
  void cachedAuthorsAndBooks() {
    cache = sessionFactory.getCache();
    inTransaction(
        s -> {
          for (long id = 1; id <= 2; id++) {
            Author author = new Author(id, "author " + id);
            s.persist(author);
            s.persist(new Book(10 * id, "book " + id, author));
          }
        });
    inTransaction(
        s -> {
          for (long id = 1; id <= 2; id++) {
            s.find(Author.class, id).getBooks().size();
          }
          s.createSelectionQuery("from Book", Book.class).setCacheable(true).getResultList();
        });
    assertTrue(cache.containsEntity(Author.class, 1L));
    assertTrue(cache.containsCollection(BOOKS, 1L));
    assertEquals(1, entries(QUERIES));
  }

  @Test
  void evictEntityData_ofOneEntity_removesOnlyIt() {
    cache.evictEntityData(Author.class, 1L);
    assertFalse(cache.containsEntity(Author.class, 1L));
    assertTrue(cache.containsEntity(Author.class, 2L));
    assertEquals(1, entries(Author.class.getName()));

    reset();
    fromTransaction(s -> s.find(Author.class, 1L));
    assertStatements(1);
    reset();
    fromTransaction(s -> s.find(Author.class, 2L));
    assertStatements(0);
  }

  @Test
  void evictEntityData_ofAClass_emptiesItsRegion() {
    cache.evictEntityData(Author.class);
    assertEquals(0, entries(Author.class.getName()));
    assertTrue(cache.containsEntity(Book.class, 10L));
  }

  @Test
  void evictCollectionData_removesTheCollectionButNotItsOwner() {
    cache.evictCollectionData(BOOKS, 1L);
    assertFalse(cache.containsCollection(BOOKS, 1L));
    assertTrue(cache.containsCollection(BOOKS, 2L));
    assertTrue(cache.containsEntity(Author.class, 1L));

    reset();
    fromTransaction(s -> s.find(Author.class, 1L).getBooks().size());
    assertStatements(1);
  }

  @Test
  void evictQueryRegions_forgetsCachedResults() {
    cache.evictQueryRegions();
    assertEquals(0, entries(QUERIES));
    reset();
    inTransaction(
        s -> s.createSelectionQuery("from Book", Book.class).setCacheable(true).getResultList());
    assertStatements(1);
    assertEquals(1, statistics.getQueryCacheMissCount());
  }

  @Test
  void evictAllRegions_emptiesEveryCairnCacheButTheTimestamps() {
    cache.evictAllRegions();
    for (String name : cacheManager().getCacheNames()) {
      if (!name.equals(TIMESTAMPS)) {
        assertEquals(0, entries(name), name);
      }
    }
    reset();
    fromTransaction(s -> s.find(Author.class, 1L).getBooks().size());
    assertStatements(2);
  }
}
