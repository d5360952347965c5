package io.cairn.integration.hibernate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The entity cache under each concurrency strategy: what a second session reads, and its SQL. */
class EntityCacheTest extends SessionFactoryFixture {

  @Test
  void readWrite_entityLoadedInOneSession_isReadFromTheCacheInTheNextWithoutSql() {
    inTransaction(s -> s.persist(new Author(1, "Le Guin")));
    sessionFactory.getCache().evictAllRegions();
    reset();

    assertEquals("Le Guin", fromTransaction(s -> s.find(Author.class, 1L)).getName());
    assertStatements(1);
    assertEquals(1, statistics.getSecondLevelCacheMissCount());
    assertEquals(1, statistics.getSecondLevelCachePutCount());
    assertEquals(1, entries(Author.class.getName()));

    reset();
    assertEquals("Le Guin", fromTransaction(s -> s.find(Author.class, 1L)).getName());
    assertStatements(0);
    assertEquals(1, statistics.getSecondLevelCacheHitCount());
    assertEquals(1, statistics.getDomainDataRegionStatistics(Author.class.getName()).getHitCount());
  }

  @Test
  void readWrite_insertAndUpdate_putTheCommittedStateInTheCache() {
    inTransaction(s -> s.persist(new Author(1, "Le Guin")));
    reset();
    assertEquals("Le Guin", fromTransaction(s -> s.find(Author.class, 1L)).getName());
    assertStatements(0);

    inTransaction(s -> s.find(Author.class, 1L).setName("Ursula K. Le Guin"));
    reset();
    assertEquals("Ursula K. Le Guin", fromTransaction(s -> s.find(Author.class, 1L)).getName());
    assertStatements(0);
    assertEquals(1, statistics.getSecondLevelCacheHitCount());
  }

  @Test
  void readWrite_rolledBackUpdate_leavesTheCommittedStateReadable() {
    inTransaction(s -> s.persist(new Author(1, "Le Guin")));
    try (var session = sessionFactory.openSession()) {
      var tx = session.beginTransaction();
      session.find(Author.class, 1L).setName("never committed");
      session.flush();
      tx.rollback();
    }
    reset();
    assertEquals("Le Guin", fromTransaction(s -> s.find(Author.class, 1L)).getName());
  }

  @Test
  void nonstrictReadWrite_update_removesTheEntryAndTheNextReadLoadsTheNewState() {
    persistAuthorWithBooks("The Dispossessed");
    fromTransaction(s -> s.find(Book.class, 10L));
    assertTrue(sessionFactory.getCache().containsEntity(Book.class, 10L));

    inTransaction(s -> s.find(Book.class, 10L).setTitle("The Dispossessed: An Ambiguous Utopia"));
    reset();
    assertEquals(
        "The Dispossessed: An Ambiguous Utopia",
        fromTransaction(s -> s.find(Book.class, 10L)).getTitle());
    assertStatements(1);
    assertEquals(1, statistics.getSecondLevelCacheMissCount());

    reset();
    assertEquals(
        "The Dispossessed: An Ambiguous Utopia",
        fromTransaction(s -> s.find(Book.class, 10L)).getTitle());
    assertStatements(0);
  }

  @Test
  void readOnly_entityIsCachedOnInsertAndRemovedOnDelete() {
    inTransaction(s -> s.persist(new Country("NZ", "New Zealand")));
    reset();
    assertEquals("New Zealand", fromTransaction(s -> s.find(Country.class, "NZ")).getName());
    assertStatements(0);
    assertEquals(1, statistics.getSecondLevelCacheHitCount());

    inTransaction(s -> s.remove(s.find(Country.class, "NZ")));
    assertFalse(sessionFactory.getCache().containsEntity(Country.class, "NZ"));
    reset();
    assertNull(fromTransaction(s -> s.find(Country.class, "NZ")));
    assertStatements(1);
  }

  @Test
  void manyEntities_eachIsReadBackFromTheCache() {
    int authors = 500;
    inTransaction(
        s -> {
          for (long id = 1; id <= authors; id++) {
            s.persist(new Author(id, "author " + id));
          }
        });
    reset();
    inTransaction(
        s -> {
          for (long id = 1; id <= authors; id++) {
            assertEquals("author " + id, s.find(Author.class, id).getName());
          }
        });
    assertStatements(0);
    assertEquals(authors, statistics.getSecondLevelCacheHitCount());
  }
}
