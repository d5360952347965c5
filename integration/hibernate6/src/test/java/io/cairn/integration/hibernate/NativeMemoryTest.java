package io.cairn.integration.hibernate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.engine.memory.NativeMemory;
import javax.cache.CacheManager;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.Test;

/** Closing a SessionFactory closes its Cairn caches, and every native byte goes back. */
class NativeMemoryTest {

  @Test
  void closingTheSessionFactory_releasesAllNativeMemory() {
    long before = NativeMemory.processAllocatedBytes();
    SessionFactory sessionFactory =
        SessionFactoryFixture.open(SessionFactoryFixture.settings(), new SqlCounter());
    CacheManager cacheManager = SessionFactoryFixture.cacheManager();
    try {
      sessionFactory.inTransaction(
          s -> {
            for (long id = 1; id <= 200; id++) {
              Author author = new Author(id, "author " + id);
              s.persist(author);
              s.persist(new Book(id, "book " + id, author));
              s.persist(new Quote(id, "Q" + id, id));
            }
          });
      sessionFactory.inTransaction(
          s -> {
            for (long id = 1; id <= 200; id++) {
              s.find(Author.class, id).getBooks().size();
            }
            s.createSelectionQuery("from Book", Book.class).setCacheable(true).getResultList();
          });
      assertTrue(
          NativeMemory.processAllocatedBytes() > before,
          "the caches hold their entries in native memory");
    } finally {
      sessionFactory.close();
    }
    assertTrue(cacheManager.isClosed(), "Hibernate closes its cache manager");
    assertEquals(before, NativeMemory.processAllocatedBytes());
  }
}
