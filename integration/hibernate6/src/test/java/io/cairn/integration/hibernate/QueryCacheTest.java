package io.cairn.integration.hibernate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.hibernate.Session;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The query cache, and its invalidation through the update-timestamps region. */
class QueryCacheTest extends SessionFactoryFixture {

  @BeforeEach
  void books() {
    persistAuthorWithBooks("The Dispossessed", "The Lathe of Heaven", "Always Coming Home");
  }

  private static List<String> titlesStartingWithThe(Session session) {
    return session
        .createSelectionQuery("from Book b where b.title like :prefix order by b.id", Book.class)
        .setParameter("prefix", "The %")
        .setCacheable(true)
        .getResultList()
        .stream()
        .map(Book::getTitle)
        .toList();
  }

  @Test
  void cacheableQuery_isAnsweredFromTheCacheInTheNextSessionWithoutSql() {
    reset();
    assertEquals(
        List.of("The Dispossessed", "The Lathe of Heaven"),
        fromTransaction(QueryCacheTest::titlesStartingWithThe));
    assertStatements(1);
    assertEquals(1, statistics.getQueryCacheMissCount());
    assertEquals(1, statistics.getQueryCachePutCount());

    reset();
    assertEquals(
        List.of("The Dispossessed", "The Lathe of Heaven"),
        fromTransaction(QueryCacheTest::titlesStartingWithThe));
    assertStatements(0);
    assertEquals(1, statistics.getQueryCacheHitCount());
  }

  @Test
  void updateOfAQueriedTable_invalidatesTheCachedResult() throws InterruptedException {
    fromTransaction(QueryCacheTest::titlesStartingWithThe);
    inTransaction(
        s ->
            s.createMutationQuery("update Book set title = :title where id = :id")
                .setParameter("title", "The Left Hand of Darkness")
                .setParameter("id", 12L)
                .executeUpdate());
    reset();
    List<String> expected =
        List.of("The Dispossessed", "The Lathe of Heaven", "The Left Hand of Darkness");
    assertEquals(expected, fromTransaction(QueryCacheTest::titlesStartingWithThe));
    assertEquals(0, statistics.getQueryCacheHitCount());
    assertEquals(1, statistics.getQueryCacheMissCount());

    // Hibernate's timestamps have millisecond resolution and a result cached in the millisecond
    // of an invalidation counts as stale: let the clock move before expecting a hit again.
    Thread.sleep(5);
    fromTransaction(QueryCacheTest::titlesStartingWithThe);
    reset();
    assertEquals(expected, fromTransaction(QueryCacheTest::titlesStartingWithThe));
    assertEquals(1, statistics.getQueryCacheHitCount());
    assertStatements(0);
  }

  @Test
  void entityUpdate_invalidatesTheCachedResultOfItsTable() {
    fromTransaction(QueryCacheTest::titlesStartingWithThe);
    inTransaction(s -> s.find(Book.class, 11L).setTitle("Lathe of Heaven"));
    reset();
    assertEquals(
        List.of("The Dispossessed"), fromTransaction(QueryCacheTest::titlesStartingWithThe));
    assertEquals(0, statistics.getQueryCacheHitCount());
    assertEquals(1, statistics.getQueryCacheMissCount());
  }

  @Test
  void cacheableQueryWithAListAndAnEntityParameter_hitsInTheNextSession() {
    Function<Session, List<String>> query =
        session ->
            session
                .createSelectionQuery(
                    "from Book b where b.id in :ids and b.author = :author order by b.id",
                    Book.class)
                .setParameter("ids", new ArrayList<>(List.of(12L, 10L)))
                .setParameter("author", session.getReference(Author.class, 1L))
                .setCacheable(true)
                .getResultList()
                .stream()
                .map(Book::getTitle)
                .toList();
    fromTransaction(query);
    reset();
    assertEquals(List.of("The Dispossessed", "Always Coming Home"), fromTransaction(query));
    assertEquals(1, statistics.getQueryCacheHitCount());
    assertStatements(0);
  }
}
