package com.example;

import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;

public class Main {
  public static void main(String[] args) {
    try (SessionFactory sessionFactory = buildSessionFactory()) {
      sessionFactory.inTransaction(
          session -> {
            Author author = new Author(1, "Ursula K. Le Guin");
            session.persist(author);
            session.persist(new Book(10, "The Dispossessed", author));
          });
      // The commit put the new author into Cairn: a new session reads it from there, without SQL.
      String name =
          sessionFactory.fromTransaction(session -> session.find(Author.class, 1L).getName());
      long hits = sessionFactory.getStatistics().getSecondLevelCacheHitCount();
      System.out.println(name + " was read with " + hits + " second-level cache hit(s)");
    }
  }

  static SessionFactory buildSessionFactory() {
    return new Configuration()
        .addAnnotatedClass(Author.class)
        .addAnnotatedClass(Book.class)
        // the database: H2 in memory, its tables created from the entities
        .setProperty("jakarta.persistence.jdbc.url", "jdbc:h2:mem:library")
        .setProperty("hibernate.hbm2ddl.auto", "create-drop")
        // Cairn as the second-level cache, configured by cairn.conf on the class path
        .setProperty("hibernate.cache.use_second_level_cache", "true")
        .setProperty("hibernate.cache.region.factory_class", "jcache")
        .setProperty("hibernate.javax.cache.provider", "io.cairn.jcache.spi.CairnCachingProvider")
        .setProperty("hibernate.javax.cache.uri", "cairn.conf")
        .setProperty("hibernate.javax.cache.missing_cache_strategy", "create")
        // hit and miss counts, per region too
        .setProperty("hibernate.generate_statistics", "true")
        .buildSessionFactory();
  }
}
