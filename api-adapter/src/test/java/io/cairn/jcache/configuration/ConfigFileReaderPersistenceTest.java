package io.cairn.jcache.configuration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import javax.cache.CacheException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code persistence} section of a cache in the configuration file ({@link ConfigFileReader}).
 */
class ConfigFileReaderPersistenceTest {

  private static final ClassLoader LOADER = ConfigFileReaderPersistenceTest.class.getClassLoader();

  @TempDir Path dir;

  private URI write(String hocon) throws IOException {
    Path file = dir.resolve("cairn.conf");
    Files.writeString(file, hocon, StandardCharsets.UTF_8);
    return file.toUri();
  }

  /**
   * The configuration of a file whose cache {@code orders} has {@code persistence { settings }}.
   */
  private ManagerConfiguration orders(String settings) throws IOException {
    return ConfigFileReader.read(
        write("cairn { caches { orders { persistence { " + settings + " } } } }"), LOADER);
  }

  /** The message of reading {@code hocon}, which must fail naming the file and {@code keyPath}. */
  private String failure(String hocon, String keyPath) throws IOException {
    URI uri = write(hocon);
    CacheException e = assertThrows(CacheException.class, () -> ConfigFileReader.read(uri, LOADER));
    assertTrue(e.getMessage().contains(uri.toString()), "names the file: " + e.getMessage());
    assertTrue(e.getMessage().contains(keyPath), "names " + keyPath + ": " + e.getMessage());
    return e.getMessage();
  }

  private String persistenceFailure(String settings, String key) throws IOException {
    return failure(
        "cairn { caches { orders { persistence { " + settings + " } } } }",
        "cairn.caches.orders.persistence" + key);
  }

  @Test
  void read_persistenceSection_setsDirectoryFlushIntervalAndRestoreClustered() throws IOException {
    Path data = dir.resolve("data");
    CachePersistence persistence =
        orders(
                "directory = \"%s\", flush-interval = 250ms, restore-clustered = true"
                    .formatted(data.toString().replace("\\", "\\\\")))
            .configurationFor("orders")
            .getPersistence();
    assertEquals(data, persistence.directory());
    assertEquals(250, persistence.flushIntervalMillis());
    assertTrue(persistence.restoreClustered());
  }

  @Test
  void read_persistenceWithTheDirectoryAlone_takesTheDefaults() throws IOException {
    CachePersistence persistence =
        orders("directory = cache-data").configurationFor("orders").getPersistence();
    assertEquals(Path.of("cache-data").toAbsolutePath(), persistence.directory());
    assertEquals(CachePersistence.DEFAULT_FLUSH_INTERVAL_MILLIS, persistence.flushIntervalMillis());
    assertFalse(persistence.restoreClustered());
  }

  @Test
  void read_flushIntervalUnits_areDurationsAndANumberIsMilliseconds() throws IOException {
    assertEquals(
        1_500,
        orders("directory = d, flush-interval = 1.5s")
            .configurationFor("orders")
            .getPersistence()
            .flushIntervalMillis());
    assertEquals(
        60_000,
        orders("directory = d, flush-interval = 1m")
            .configurationFor("orders")
            .getPersistence()
            .flushIntervalMillis());
    assertEquals(
        20,
        orders("directory = d, flush-interval = 20")
            .configurationFor("orders")
            .getPersistence()
            .flushIntervalMillis());
  }

  @Test
  void read_persistence_isOnlyTheDeclaringCachesAndNeverTheDefaults() throws IOException {
    ManagerConfiguration file =
        ConfigFileReader.read(
            write(
                "cairn { defaults { capacity = 8MiB }\n"
                    + " caches { orders { persistence { directory = d } }, books {} } }"),
            LOADER);
    assertNull(file.configurationFor("books").getPersistence());
    assertNull(file.configurationFor("created.on.the.fly").getPersistence());
    assertNull(
        file.withFileSettings("a.hibernate.Region", new CairnConfiguration<>()).getPersistence());
  }

  @Test
  void read_persistenceInTheDefaults_isRefusedSayingWhy() throws IOException {
    String message =
        failure(
            "cairn { defaults { capacity = 8MiB, persistence { directory = d } } }",
            "cairn.defaults.persistence");
    assertTrue(message.contains("per cache"), message);
    assertTrue(message.contains("Hibernate"), message);
  }

  @Test
  void read_persistenceInTheDefaultsByAProperty_isRefused() throws IOException {
    URI uri = write("cairn { defaults { capacity = 8MiB } }");
    Properties properties = new Properties();
    properties.setProperty("cairn.defaults.persistence.directory", dir.toString());
    CacheException e =
        assertThrows(CacheException.class, () -> ConfigFileReader.read(uri, LOADER, properties));
    assertTrue(e.getMessage().contains("cairn.defaults.persistence"), e.getMessage());
  }

  @Test
  void read_persistenceByAPropertyOfACache_isTaken() throws IOException {
    URI uri = write("cairn { caches { orders { capacity = 8MiB } } }");
    Properties properties = new Properties();
    properties.setProperty("cairn.caches.orders.persistence.directory", dir.toString());
    properties.setProperty("cairn.caches.orders.persistence.flush-interval", "2s");
    CachePersistence persistence =
        ConfigFileReader.read(uri, LOADER, properties).configurationFor("orders").getPersistence();
    assertEquals(dir, persistence.directory());
    assertEquals(2_000, persistence.flushIntervalMillis());
  }

  @Test
  void read_persistenceWithoutADirectory_failsNamingTheSection() throws IOException {
    String message = persistenceFailure("flush-interval = 1s", "");
    assertTrue(message.contains("directory"), message);
  }

  @Test
  void read_unknownPersistenceKey_failsNamingItAndTheAllowedOnes() throws IOException {
    String message = persistenceFailure("directory = d, flush-intervall = 1s", ".flush-intervall");
    assertTrue(message.contains("directory, flush-interval, restore-clustered"), message);
  }

  @Test
  void read_badFlushInterval_failsNamingTheKeyAndValue() throws IOException {
    for (String bad : new String[] {"0", "-1s", "fast", "0.5ms", "true", "[1]"}) {
      String message =
          persistenceFailure("directory = d, flush-interval = " + bad, ".flush-interval");
      assertTrue(message.contains("duration"), message);
    }
  }

  @Test
  void read_badRestoreClustered_failsNamingTheKey() throws IOException {
    persistenceFailure("directory = d, restore-clustered = sometimes", ".restore-clustered");
  }

  @Test
  void read_badDirectory_failsNamingTheKey() throws IOException {
    persistenceFailure("directory = \"  \"", ".directory");
    persistenceFailure("directory = [a, b]", ".directory");
    persistenceFailure("directory = \"a\\u0000b\"", ".directory");
  }

  @Test
  void read_persistenceThatIsNoSection_failsNamingTheKey() throws IOException {
    failure(
        "cairn { caches { orders { persistence = \"/var/cache\" } } }",
        "cairn.caches.orders.persistence");
  }

  @Test
  void read_persistenceOfACacheStoredByReference_failsNamingTheKey() throws IOException {
    String message =
        failure(
            "cairn { caches { orders { store-by-value = false, persistence { directory = d } } } }",
            "cairn.caches.orders.persistence");
    assertTrue(message.contains("store-by-value"), message);
  }
}
