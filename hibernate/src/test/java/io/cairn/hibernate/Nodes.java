package io.cairn.hibernate;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.cairn.cluster.ClusterNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import javax.cache.Caching;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;
import org.hibernate.engine.spi.SessionFactoryImplementor;

/**
 * Several simulated nodes in this JVM, each a Hibernate session factory with {@link
 * CairnRegionFactory} and a Cairn file of its own, joined into one JGroups cluster on the shared
 * loopback transport, all on one in-memory H2 database. Closing it closes every factory.
 */
final class Nodes implements AutoCloseable {
  final String cluster = "cairn-hibernate-" + UUID.randomUUID();
  final String url = "jdbc:h2:mem:" + cluster + ";DB_CLOSE_DELAY=-1";
  final List<SessionFactory> factories = new ArrayList<>();
  private final List<Path> files = new ArrayList<>();

  /**
   * Starts {@code count} nodes (the first creates the schema) and waits until all see each other.
   */
  Nodes(Path dir, int count) {
    for (int i = 0; i < count; i++) {
      factories.add(start(dir, i));
    }
    awaitViews(count);
  }

  /** Node {@code i}'s cluster membership. */
  ClusterNode clusterNode(int i) {
    return Caching.getCachingProvider()
        .getCacheManager(files.get(i).toUri(), null)
        .unwrap(ClusterNode.class);
  }

  /** Waits until the views of the nodes whose channel is open have {@code size} members. */
  void awaitViews(int size) {
    await(
        () ->
            java.util.stream.IntStream.range(0, files.size())
                .mapToObj(this::clusterNode)
                .filter(node -> node.channel().isConnected())
                .allMatch(node -> node.view().size() == size),
        "every view has " + size + " members");
  }

  private SessionFactory start(Path dir, int index) {
    Path file = dir.resolve(cluster + "-" + index + ".conf");
    try {
      Files.writeString(
          file,
          "cairn.cluster { name = \"%s\", discovery = loopback, failure-timeout = 2s }"
              .formatted(cluster),
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    files.add(file);
    Configuration configuration = new Configuration();
    configuration.addAnnotatedClass(Account.class);
    configuration.addAnnotatedClass(Note.class);
    configuration.addAnnotatedClass(Shelf.class);
    configuration.setProperty("jakarta.persistence.jdbc.url", url);
    configuration.setProperty("jakarta.persistence.jdbc.user", "sa");
    configuration.setProperty("jakarta.persistence.jdbc.password", "");
    configuration.setProperty("hibernate.hbm2ddl.auto", index == 0 ? "create" : "none");
    configuration.setProperty("hibernate.generate_statistics", "true");
    configuration.setProperty("hibernate.cache.use_second_level_cache", "true");
    configuration.setProperty("hibernate.cache.use_query_cache", "true");
    configuration.setProperty(
        "hibernate.cache.region.factory_class", CairnRegionFactory.class.getName());
    configuration.setProperty(CairnRegionFactory.CONFIG_URI, file.toUri().toString());
    return configuration.buildSessionFactory();
  }

  /** Node {@code i}'s session factory. */
  SessionFactory node(int i) {
    return factories.get(i);
  }

  /** Node {@code i}'s session factory as Hibernate's SPI sees it. */
  SessionFactoryImplementor spi(int i) {
    return factories.get(i).unwrap(SessionFactoryImplementor.class);
  }

  /** The balance of account {@code id} as the database holds it, read with plain SQL. */
  long databaseBalance(long id) {
    return node(0)
        .fromTransaction(
            s ->
                ((Number)
                        s.createNativeQuery(
                                "select balance from Account where id = :id", Long.class)
                            .setParameter("id", id)
                            .getSingleResult())
                    .longValue());
  }

  /** Waits up to 20 s for {@code condition}, failing with {@code what} if it never holds. */
  static void await(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("timed out waiting until " + what);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail("interrupted waiting until " + what);
      }
    }
    assertTrue(condition.getAsBoolean());
  }

  @Override
  public void close() {
    for (SessionFactory factory : factories) {
      factory.close();
    }
  }
}
