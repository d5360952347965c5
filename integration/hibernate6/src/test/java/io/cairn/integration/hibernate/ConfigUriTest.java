package io.cairn.integration.hibernate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.engine.ByteStore;
import io.cairn.jcache.spi.CairnCachingProvider;
import java.net.URI;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.cache.Caching;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.Test;

/**
 * The forms of {@code hibernate.javax.cache.uri} that docs/hibernate.md and docs/configuration.md
 * document, one test each. Hibernate resolves the value itself, as a URL or else as a class path
 * resource, before it asks the provider for a manager: so a resource name and a {@code file:} URL
 * work, and Cairn's own {@code classpath:} scheme, which Hibernate does not know, fails at startup.
 */
class ConfigUriTest {
  /** Sets every region Hibernate creates to 3 MiB, so a test can tell that the file was read. */
  private static final String FILE = "cairn-hibernate-uri.conf";

  private static final long FILE_CAPACITY = 3L << 20;

  private static URL resource() {
    URL url = ConfigUriTest.class.getClassLoader().getResource(FILE);
    if (url == null) {
      throw new AssertionError(FILE + " is not on the class path");
    }
    return url;
  }

  /**
   * The capacity of the author region of a session factory started with the property {@code uri}.
   */
  private static long authorRegionCapacity(String uri) throws Exception {
    Map<String, String> settings = SessionFactoryFixture.settings();
    settings.put("hibernate.javax.cache.uri", uri);
    SessionFactory sessionFactory = SessionFactoryFixture.open(settings, new SqlCounter());
    try {
      URI manager = resource().toURI(); // what Hibernate hands to Cairn in both forms
      return Caching.getCachingProvider(CairnCachingProvider.class.getName())
          .getCacheManager(manager, null)
          .getCache(Author.class.getName())
          .unwrap(ByteStore.class)
          .config()
          .capacityBytes();
    } finally {
      sessionFactory.close();
    }
  }

  @Test
  void aClassPathResourceName_isReadFromTheClassPath() throws Exception {
    assertEquals(FILE_CAPACITY, authorRegionCapacity(FILE));
  }

  @Test
  void aFileUrl_isRead() throws Exception {
    assertTrue(resource().toString().startsWith("file:"), resource().toString());
    assertEquals(FILE_CAPACITY, authorRegionCapacity(resource().toString()));
  }

  @Test
  void aClasspathUri_isRefusedByHibernateAtStartup() {
    Map<String, String> settings = SessionFactoryFixture.settings();
    settings.put("hibernate.javax.cache.uri", "classpath:" + FILE);
    RuntimeException failure =
        assertThrows(
            RuntimeException.class,
            () -> SessionFactoryFixture.open(settings, new SqlCounter()).close());
    List<String> messages = new ArrayList<>();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      messages.add(String.valueOf(t.getMessage()));
    }
    assertTrue(
        messages.stream().anyMatch(m -> m.contains("Couldn't load URI from classpath:" + FILE)),
        messages::toString);
  }
}
