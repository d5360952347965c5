package io.cairn.integration.hibernate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.engine.ByteStore;
import io.cairn.jcache.configuration.CairnConfiguration;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.cache.Cache;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/**
 * Settings from Cairn's configuration file ({@value SessionFactoryFixture#CONFIG_FILE}): the
 * defaults for regions Hibernate creates on the fly, and a section for one region whose name has
 * dots.
 */
class RegionSettingsTest extends SessionFactoryFixture {

  @Test
  void regionsCreatedOnTheFly_takeTheDefaultsOfTheFile() {
    Cache<Object, Object> authors = region(Author.class.getName());
    assertEquals(8L << 20, authors.unwrap(ByteStore.class).config().capacityBytes());
  }

  @Test
  void aRegionDeclaredInTheFile_takesItsSection() {
    Cache<Object, Object> quotes = region(Quote.REGION);
    @SuppressWarnings("unchecked")
    CairnConfiguration<Object, Object> configuration =
        quotes.getConfiguration(CairnConfiguration.class);
    assertEquals(2L << 20, configuration.getCapacityBytes());
    assertEquals(64 << 10, quotes.unwrap(ByteStore.class).config().segmentSize());
    assertTrue(configuration.isStatisticsEnabled());
  }

  @Test
  void aRegionDeclaredInTheFile_expiresEntriesAfterItsExpiry() throws Exception {
    inTransaction(s -> s.persist(new Quote(1, "CAIRN", 4200)));
    reset();
    assertEquals(4200, fromTransaction(s -> s.find(Quote.class, 1L)).getPriceCents());
    assertStatements(0);

    // The section says after-creation = 3s: long enough for the first read to come before it on a
    // loaded machine.
    Thread.sleep(3_200);
    reset();
    assertEquals(4200, fromTransaction(s -> s.find(Quote.class, 1L)).getPriceCents());
    assertStatements(1);
    assertEquals(1, statistics.getDomainDataRegionStatistics(Quote.REGION).getMissCount());
  }

  @Test
  void aRegionWithStatisticsInTheFile_countsHibernatesReadsInItsMxBean() throws Exception {
    inTransaction(s -> s.persist(new Quote(1, "CAIRN", 4200)));
    ObjectName name =
        new ObjectName(
            "javax.cache:type=CacheStatistics,CacheManager="
                + configUri().toString().replace(':', '.')
                + ",Cache="
                + Quote.REGION);
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    long hits = (Long) server.getAttribute(name, "CacheHits");
    long misses = (Long) server.getAttribute(name, "CacheMisses");

    fromTransaction(s -> s.find(Quote.class, 1L));
    fromTransaction(s -> s.find(Quote.class, 2L));
    assertEquals(hits + 1, server.getAttribute(name, "CacheHits"));
    assertEquals(misses + 1, server.getAttribute(name, "CacheMisses"));
  }

  @Test
  void aMisspeltKeyInTheFile_failsTheSessionFactoryNamingTheKey() {
    Map<String, String> settings = settings();
    settings.put("hibernate.javax.cache.uri", "cairn-hibernate-bad.conf");
    RuntimeException failure =
        assertThrows(RuntimeException.class, () -> open(settings, new SqlCounter()).close());
    List<String> messages = new ArrayList<>();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      messages.add(String.valueOf(t.getMessage()));
    }
    assertTrue(
        messages.stream().anyMatch(m -> m.contains("cairn.caches.\"com.example.Region\".capacty")),
        messages::toString);
  }
}
