package io.cairn.integration.hibernate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.engine.ByteStore;
import io.cairn.jcache.configuration.CachePersistence;
import io.cairn.jcache.spi.CairnCachingProvider;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.cache.CacheManager;
import javax.cache.Caching;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A READ_ONLY entity region made persistent in Cairn's file outlives its session factory: the next
 * session factory on the same configuration reads the entities from the second-level cache, with no
 * SQL, even once their rows are gone from the database. Every other region, created on the fly from
 * the file's defaults, stays in memory only.
 */
class PersistentRegionTest {

  private static final String REGION = Country.class.getName();

  private static final List<String> CODES = List.of("FR", "NO", "JP", "BR", "KE");

  @TempDir Path dir;

  /** Cairn's file: the defaults for every region, and the Country region persistent. */
  private URI configFile() throws IOException {
    String directory = dir.resolve("regions").toString().replace("\\", "\\\\");
    Path file = dir.resolve("cairn-persistent.conf");
    Files.writeString(
        file,
        """
        cairn {
          defaults { capacity = 8MiB }
          caches {
            "%s" {
              persistence { directory = "%s" }
            }
          }
        }
        """
            .formatted(REGION, directory),
        StandardCharsets.UTF_8);
    return URI.create(file.toUri().toURL().toString()); // file:/..., as Hibernate hands it on
  }

  @Test
  void readOnlyRegionPersistedInTheFile_isReadByTheNextSessionFactoryWithoutSql() throws Exception {
    URI config = configFile();
    Map<String, String> settings = SessionFactoryFixture.settings();
    settings.put("hibernate.javax.cache.uri", config.toString());
    settings.put("hibernate.hbm2ddl.auto", "create"); // the schema outlives the factory
    String url = settings.get("jakarta.persistence.jdbc.url");

    SessionFactory first = SessionFactoryFixture.open(settings, new SqlCounter());
    CacheManager firstManager;
    try {
      first.inTransaction(s -> CODES.forEach(code -> s.persist(new Country(code, "name " + code))));
      first.getCache().evictAllRegions();
      for (String code : CODES) { // loaded from the database, put into the region
        first.inTransaction(
            s -> assertEquals("name " + code, s.find(Country.class, code).getName()));
      }
      firstManager = manager(config);
      assertEquals(CODES.size(), firstManager.getCache(REGION).unwrap(ByteStore.class).size());
    } finally {
      first.close();
    }
    assertTrue(firstManager.isClosed(), "Hibernate closed Cairn's manager with its factory");
    assertEquals(CODES.size(), deleteCountries(url), "the rows are gone from the database");

    settings.put("hibernate.hbm2ddl.auto", "none");
    SqlCounter sql = new SqlCounter();
    SessionFactory second = SessionFactoryFixture.open(settings, sql);
    try {
      Statistics statistics = second.getStatistics();
      statistics.clear();
      for (String code : CODES) {
        assertEquals(
            "name " + code,
            second.fromTransaction(s -> s.find(Country.class, code)).getName(),
            "from the persisted region");
      }
      assertEquals(0, sql.count(), () -> "statements issued: " + sql.statements());
      assertEquals(CODES.size(), statistics.getSecondLevelCacheHitCount());
      assertEquals(CODES.size(), statistics.getDomainDataRegionStatistics(REGION).getHitCount());
      assertEquals(0, statistics.getEntityLoadCount());

      assertNull(second.fromTransaction(s -> s.find(Country.class, "XX")), "never cached");
      assertEquals(1, sql.count(), "a miss goes to the (empty) table");
      try (Stream<Path> persisted = Files.list(dir.resolve("regions"))) {
        assertEquals(
            List.of(CachePersistence.fileName(REGION)),
            persisted.map(p -> p.getFileName().toString()).toList(),
            "regions created on the fly from the defaults are not persistent");
      }
    } finally {
      second.close();
    }
  }

  /** The manager Hibernate uses for {@code config}: Cairn keeps one per URI and class loader. */
  private static CacheManager manager(URI config) {
    return Caching.getCachingProvider(CairnCachingProvider.class.getName())
        .getCacheManager(config, null);
  }

  /** Deletes every country row with plain JDBC, behind Hibernate's back; returns how many. */
  private static int deleteCountries(String url) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url, "sa", "");
        Statement statement = connection.createStatement()) {
      int deleted = statement.executeUpdate("delete from Country");
      try (ResultSet rest = statement.executeQuery("select count(*) from Country")) {
        rest.next();
        assertEquals(0, rest.getInt(1));
      }
      return deleted;
    }
  }
}
