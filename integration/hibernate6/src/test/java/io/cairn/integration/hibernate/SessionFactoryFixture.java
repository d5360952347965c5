package io.cairn.integration.hibernate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cairn.engine.ByteStore;
import io.cairn.jcache.spi.CairnCachingProvider;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A fresh H2 database and {@link SessionFactory} per test, with Cairn as the second-level cache,
 * configured the way a user configures it: entity classes plus the standard Hibernate properties
 * (see {@link #settings()}), and Cairn's configuration file {@value #CONFIG_FILE}.
 *
 * <p>Every statement the factory prepares is recorded by {@link #sql}; Hibernate's statistics are
 * on. {@link #reset()} zeroes both.
 */
abstract class SessionFactoryFixture {
  /** Cairn's configuration file, a class path resource named by hibernate.javax.cache.uri. */
  static final String CONFIG_FILE = "cairn-hibernate.conf";

  static final List<Class<?>> ENTITIES =
      List.of(
          Author.class, Book.class, Country.class, Counter.class, Quote.class, Manuscript.class);

  private static final AtomicInteger DATABASES = new AtomicInteger();

  protected final SqlCounter sql = new SqlCounter();
  protected SessionFactory sessionFactory;
  protected Statistics statistics;

  /** The standard properties that make Cairn Hibernate's second-level cache. */
  static Map<String, String> settings() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put(
        "jakarta.persistence.jdbc.url",
        "jdbc:h2:mem:cairn" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
    settings.put("jakarta.persistence.jdbc.user", "sa");
    settings.put("jakarta.persistence.jdbc.password", "");
    settings.put("hibernate.hbm2ddl.auto", "create-drop");
    settings.put("hibernate.generate_statistics", "true");
    settings.put("hibernate.cache.use_second_level_cache", "true");
    settings.put("hibernate.cache.use_query_cache", "true");
    settings.put("hibernate.cache.region.factory_class", "jcache");
    settings.put("hibernate.javax.cache.provider", CairnCachingProvider.class.getName());
    settings.put("hibernate.javax.cache.uri", CONFIG_FILE);
    settings.put("hibernate.javax.cache.missing_cache_strategy", "create");
    return settings;
  }

  /** A session factory over the test entities with {@code settings}. */
  static SessionFactory open(Map<String, String> settings, SqlCounter sql) {
    Configuration configuration = new Configuration();
    ENTITIES.forEach(configuration::addAnnotatedClass);
    settings.forEach(configuration::setProperty);
    configuration.setStatementInspector(sql);
    return configuration.buildSessionFactory();
  }

  @BeforeEach
  void openSessionFactory() {
    sessionFactory = open(settings(), sql);
    statistics = sessionFactory.getStatistics();
  }

  @AfterEach
  void closeSessionFactory() {
    if (sessionFactory != null) {
      sessionFactory.close();
    }
  }

  /**
   * Persists author 1, "Le Guin", with books 10, 11, ... titled {@code titles}, then empties every
   * region so that a test starts from a cold cache.
   */
  protected void persistAuthorWithBooks(String... titles) {
    inTransaction(
        s -> {
          Author author = new Author(1, "Le Guin");
          s.persist(author);
          for (int i = 0; i < titles.length; i++) {
            s.persist(new Book(10 + i, titles[i], author));
          }
        });
    sessionFactory.getCache().evictAllRegions();
  }

  /** Zeroes the statement count and Hibernate's statistics. */
  protected void reset() {
    sql.reset();
    statistics.clear();
  }

  protected void inTransaction(Consumer<Session> work) {
    sessionFactory.inTransaction(work);
  }

  protected <T> T fromTransaction(Function<Session, T> work) {
    return sessionFactory.fromTransaction(work);
  }

  /** Asserts that exactly {@code expected} statements were issued since the last reset. */
  protected void assertStatements(int expected) {
    assertEquals(expected, sql.count(), () -> "statements issued: " + sql.statements());
  }

  /**
   * The JCache manager Hibernate uses: Cairn keeps one per (URI, class loader), and Hibernate asks
   * for the file's URL with the provider's default class loader.
   */
  static CacheManager cacheManager() {
    return Caching.getCachingProvider(CairnCachingProvider.class.getName())
        .getCacheManager(configUri(), null);
  }

  /** The Cairn cache behind a Hibernate region. */
  static Cache<Object, Object> region(String name) {
    Cache<Object, Object> cache = cacheManager().getCache(name);
    if (cache == null) {
      throw new AssertionError("no cache " + name + " in " + cacheManager().getCacheNames());
    }
    return cache;
  }

  /** How many entries the Cairn cache behind a region holds. */
  static long entries(String region) {
    return region(region).unwrap(ByteStore.class).size();
  }

  static URI configUri() {
    URL url = SessionFactoryFixture.class.getClassLoader().getResource(CONFIG_FILE);
    if (url == null) {
      throw new AssertionError(CONFIG_FILE + " is not on the class path");
    }
    try {
      return url.toURI();
    } catch (URISyntaxException e) {
      throw new AssertionError(e);
    }
  }
}
