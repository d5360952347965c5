package io.cairn.integration.hibernate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The collection cache: a one-to-many read back with no SQL, and invalidated by a change. */
class CollectionCacheTest extends SessionFactoryFixture {
  private static final String BOOKS = Author.class.getName() + ".books";

  @BeforeEach
  void twoBooks() {
    persistAuthorWithBooks("The Dispossessed", "The Lathe of Heaven");
  }

  private List<String> titles() {
    return fromTransaction(
        s -> s.find(Author.class, 1L).getBooks().stream().map(Book::getTitle).toList());
  }

  @Test
  void collectionLoadedInOneSession_isReadFromTheCacheInTheNextWithoutSql() {
    reset();
    assertEquals(List.of("The Dispossessed", "The Lathe of Heaven"), titles());
    assertStatements(2); // the author, then the collection with its books
    assertEquals(1, statistics.getDomainDataRegionStatistics(BOOKS).getPutCount());

    reset();
    assertEquals(List.of("The Dispossessed", "The Lathe of Heaven"), titles());
    assertStatements(0);
    assertEquals(1, statistics.getDomainDataRegionStatistics(BOOKS).getHitCount());
    // the author, the collection (the books' ids) and each book
    assertEquals(4, statistics.getSecondLevelCacheHitCount());
  }

  @Test
  void addingToTheCollection_invalidatesItsCacheEntry() {
    titles();
    inTransaction(
        s -> {
          Author author = s.find(Author.class, 1L);
          s.persist(new Book(12, "Always Coming Home", author));
        });
    reset();
    assertEquals(
        List.of("The Dispossessed", "The Lathe of Heaven", "Always Coming Home"), titles());
    assertEquals(0, statistics.getDomainDataRegionStatistics(BOOKS).getHitCount());
    assertEquals(1, statistics.getDomainDataRegionStatistics(BOOKS).getMissCount());

    reset();
    assertEquals(
        List.of("The Dispossessed", "The Lathe of Heaven", "Always Coming Home"), titles());
    assertStatements(0);
  }
}
