package io.cairn.hibernate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.hibernate.Session;
import org.hibernate.cache.spi.access.EntityDataAccess;
import org.hibernate.engine.spi.SessionImplementor;
import org.hibernate.persister.entity.EntityPersister;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three nodes (session factories with {@link CairnRegionFactory}) on one cluster and one database:
 * what one node commits, no node serves stale afterwards, from its entity regions or its query
 * cache.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CairnRegionFactoryTest {
  private static final int ACCOUNTS = 8;

  @TempDir Path dir;
  private Nodes nodes;

  @BeforeEach
  void start() {
    nodes = new Nodes(dir, 3);
    nodes
        .node(0)
        .inTransaction(
            s -> {
              for (long id = 1; id <= ACCOUNTS; id++) {
                s.persist(new Account(id, 100));
              }
              s.persist(new Note(1, "first"));
              Shelf shelf = new Shelf(1, "A");
              shelf.getTitles().add("Dune");
              s.persist(shelf);
            });
  }

  @AfterEach
  void stop() {
    nodes.close();
  }

  private long balance(int node, long id) {
    return nodes.node(node).fromTransaction(s -> s.find(Account.class, id).getBalance());
  }

  private boolean cached(int node, long id) {
    return nodes.node(node).getCache().containsEntity(Account.class, id);
  }

  @Test
  void update_committedOnOneNode_noNodeReturnsOldState() {
    for (int node = 0; node < 3; node++) {
      assertEquals(100, balance(node, 1));
      assertTrue(cached(node, 1), "node " + node + " caches what it loaded");
    }
    nodes.node(0).inTransaction(s -> s.find(Account.class, 1L).setBalance(200));
    for (int node = 0; node < 3; node++) {
      assertEquals(200, balance(node, 1), "node " + node);
    }
  }

  @Test
  void putFromLoad_onEveryNode_invalidatesNoOtherNode() {
    for (int node = 0; node < 3; node++) {
      balance(node, 2);
    }
    for (int node = 0; node < 3; node++) {
      assertTrue(cached(node, 2), "node " + node + " still caches its load");
    }
  }

  @Test
  void putFromLoad_ofLoadThatBeganBeforeUpdateEnded_doesNotStore() {
    EntityPersister persister =
        nodes.spi(1).getMappingMetamodel().getEntityDescriptor(Account.class);
    EntityDataAccess access = persister.getCacheAccessStrategy();
    try (Session stale = nodes.node(1).openSession()) {
      stale.beginTransaction();
      Account old = stale.find(Account.class, 3L); // read (and cached) before the update
      assertEquals(100, old.getBalance());

      nodes.node(0).inTransaction(s -> s.find(Account.class, 3L).setBalance(300));
      assertTrue(!cached(1, 3), "the update's invalidation dropped node 1's copy");

      // The stale session stores what it read, as a load that overtook the update would.
      SessionImplementor session = stale.unwrap(SessionImplementor.class);
      Object key = access.generateCacheKey(3L, persister, nodes.spi(1), null);
      Object entry = persister.buildCacheEntry(old, persister.getValues(old), null, session);
      access.putFromLoad(session, key, entry, null); // Hibernate answers true: it asked to store
      stale.getTransaction().commit();

      assertTrue(!cached(1, 3), "a load that began before the update may not store");
    }
    assertEquals(300, balance(1, 3));
  }

  @Test
  void update_whileOtherNodeLoads_loadsOfOldStateAreNotCached() {
    balance(2, 4);
    try (Session writer = nodes.node(0).openSession()) {
      writer.beginTransaction();
      writer.find(Account.class, 4L).setBalance(400);
      writer.flush(); // lockItem: every node dropped the key and fences its loads until completion
      assertTrue(!cached(2, 4), "node 2's copy is dropped before the row is written");
      assertEquals(100, balance(2, 4), "node 2 reads the committed row");
      assertTrue(!cached(2, 4), "but does not cache it while the update is in progress");
      writer.getTransaction().commit();
    }
    assertEquals(400, balance(2, 4));
  }

  @Test
  void memberCrashes_duringItsUpdate_othersLiftItsFenceAndClear() {
    balance(0, 6);
    Session writer = nodes.node(2).openSession();
    writer.beginTransaction();
    writer.find(Account.class, 6L).setBalance(600);
    writer.flush(); // node 2 began invalidating account 6 everywhere
    assertEquals(100, balance(0, 6));
    assertTrue(!cached(0, 6), "node 0 does not cache account 6 while node 2 invalidates it");

    nodes.clusterNode(2).channel().close(); // a crash: node 2 never ends its invalidation
    nodes.awaitViews(2);
    try {
      writer.getTransaction().rollback();
    } catch (RuntimeException expected) { // the crashed node cannot replicate its timestamps
      assertTrue(
          String.valueOf(expected.getMessage()).contains("not connected"), expected::toString);
    } finally {
      writer.close();
    }

    assertEquals(100, balance(0, 6));
    assertTrue(cached(0, 6), "node 0 caches account 6 again once node 2 left the view");
  }

  @Test
  void collectionUpdate_committedOnOneNode_noNodeReturnsOldElements() {
    String role = Shelf.class.getName() + ".titles";
    for (int node = 0; node < 3; node++) {
      assertEquals(List.of("Dune"), titles(node));
      assertTrue(nodes.node(node).getCache().containsCollection(role, 1L), "node " + node);
    }
    nodes.node(1).inTransaction(s -> s.find(Shelf.class, 1L).getTitles().add("Emma"));
    for (int node = 0; node < 3; node++) {
      assertEquals(List.of("Dune", "Emma"), titles(node), "node " + node);
    }
  }

  private List<String> titles(int node) {
    return nodes.node(node).fromTransaction(s -> List.copyOf(s.find(Shelf.class, 1L).getTitles()));
  }

  @Test
  void naturalIdUpdate_committedOnOneNode_noNodeResolvesTheOldId() {
    for (int node = 0; node < 3; node++) {
      assertTrue(naturalId(node, "A"), "node " + node + " resolves A");
    }
    nodes.node(0).inTransaction(s -> s.find(Shelf.class, 1L).setCode("B"));
    for (int node = 0; node < 3; node++) {
      assertTrue(!naturalId(node, "A"), "node " + node + " no longer resolves A");
      assertTrue(naturalId(node, "B"), "node " + node + " resolves B");
    }
  }

  @SuppressWarnings("deprecation") // Hibernate 7 deprecates bySimpleNaturalId; 6.6 has no successor
  private boolean naturalId(int node, String code) {
    return nodes
        .node(node)
        .fromTransaction(s -> s.bySimpleNaturalId(Shelf.class).load(code) != null);
  }

  @Test
  void nonstrictUpdate_committedOnOneNode_otherNodesDropTheirCopy() {
    for (int node = 0; node < 3; node++) {
      assertEquals(
          "first", nodes.node(node).fromTransaction(s -> s.find(Note.class, 1L).getText()));
    }
    nodes.node(1).inTransaction(s -> s.find(Note.class, 1L).setText("second"));
    for (int node = 0; node < 3; node++) {
      assertEquals(
          "second", nodes.node(node).fromTransaction(s -> s.find(Note.class, 1L).getText()));
    }
  }

  @Test
  void cachedQuery_afterUpdateOnOtherNode_seesUpdate() {
    String query = "select a.balance from Account a where a.id = 5";
    for (int i = 0; i < 2; i++) {
      assertEquals(List.of(100L), cachedQuery(1, query));
    }
    long hits = nodes.node(1).getStatistics().getQueryCacheHitCount();
    assertTrue(hits >= 1, "node 1 answered the query from its query cache");

    nodes.node(0).inTransaction(s -> s.find(Account.class, 5L).setBalance(500));

    assertEquals(List.of(500L), cachedQuery(1, query));
  }

  private List<Long> cachedQuery(int node, String hql) {
    return nodes
        .node(node)
        .fromTransaction(s -> s.createQuery(hql, Long.class).setCacheable(true).getResultList());
  }

  @Test
  void concurrentUpdatesAndLoads_onThreeNodes_everyNodeEndsWithTheDatabaseState()
      throws InterruptedException {
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread[] threads = new Thread[6];
    for (int t = 0; t < threads.length; t++) {
      int node = t % 3;
      boolean writer = t < 3;
      threads[t] =
          new Thread(
              () -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                try {
                  while (running.get()) {
                    long id = 1 + random.nextInt(ACCOUNTS);
                    if (writer) {
                      nodes
                          .node(node)
                          .inTransaction(
                              s -> {
                                Account account = s.find(Account.class, id);
                                account.setBalance(account.getBalance() + 1);
                              });
                    } else {
                      balance(node, id);
                    }
                  }
                } catch (RuntimeException e) {
                  if (!isLockConflict(e)) {
                    failure.compareAndSet(null, e);
                  }
                }
              });
      threads[t].start();
    }
    Thread.sleep(3_000);
    running.set(false);
    for (Thread thread : threads) {
      thread.join();
    }
    if (failure.get() != null) {
      throw new AssertionError(failure.get());
    }
    for (long id = 1; id <= ACCOUNTS; id++) {
      long expected = nodes.databaseBalance(id);
      for (int node = 0; node < 3; node++) {
        assertEquals(expected, balance(node, id), "account " + id + " on node " + node);
      }
    }
  }

  /** H2 refusing a row lock held by another node's transaction: a database outcome, not ours. */
  private static boolean isLockConflict(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      String message = String.valueOf(cause.getMessage());
      if (message.contains("Timeout trying to lock") || message.contains("Deadlock")) {
        return true;
      }
    }
    return false;
  }
}
