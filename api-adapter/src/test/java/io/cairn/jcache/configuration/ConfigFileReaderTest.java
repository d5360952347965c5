package io.cairn.jcache.configuration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.cairn.engine.EvictionPolicy;
import io.cairn.jcache.serialization.DeserializationFilter;
import io.cairn.jcache.serialization.ObjectSerializer;
import io.cairn.jcache.serialization.RenamedObjectSerializer;
import io.cairn.jcache.serialization.Serializer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.cache.CacheException;
import javax.cache.expiry.Duration;
import javax.cache.expiry.EternalExpiryPolicy;
import javax.cache.expiry.ExpiryPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileReaderTest {

  private static final long MIB = 1L << 20;
  private static final ClassLoader LOADER = ConfigFileReaderTest.class.getClassLoader();

  @TempDir Path dir;

  /** A serializer without a no-argument constructor. */
  public static final class NeedsArgumentSerializer implements Serializer<Object> {
    public NeedsArgumentSerializer(String unused) {}

    @Override
    public byte[] serialize(Object object) {
      return new byte[0];
    }

    @Override
    public Object deserialize(byte[] bytes, ClassLoader classLoader) {
      return null;
    }
  }

  private URI write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content, StandardCharsets.UTF_8);
    return file.toUri();
  }

  private ManagerConfiguration read(String hocon) throws IOException {
    return ConfigFileReader.read(write("cairn.conf", hocon), LOADER);
  }

  /** Reading {@code hocon} fails with a message naming the file and {@code keyPath}. */
  private String failure(String hocon, String keyPath) throws IOException {
    URI uri = write("bad.conf", hocon);
    CacheException e = assertThrows(CacheException.class, () -> ConfigFileReader.read(uri, LOADER));
    assertTrue(e.getMessage().contains(uri.toString()), "names the file: " + e.getMessage());
    assertTrue(e.getMessage().contains(keyPath), "names " + keyPath + ": " + e.getMessage());
    return e.getMessage();
  }

  private static Duration minutes(long n) {
    return new Duration(TimeUnit.MILLISECONDS, TimeUnit.MINUTES.toMillis(n));
  }

  // ------------------------------------------------------------- properties over the file

  private static java.util.Properties properties(Object... keysAndValues) {
    java.util.Properties properties = new java.util.Properties();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      properties.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return properties;
  }

  @Test
  void read_propertiesWinOverTheFilePerKey_andTheRestOfTheFileStays() throws IOException {
    URI file =
        write(
            "cairn.conf",
            "cairn { defaults { capacity = 8MiB, statistics = true }\n"
                + " caches { books { capacity = 4MiB, eviction { policy = fifo } } } }");
    ManagerConfiguration c =
        ConfigFileReader.read(
            file,
            LOADER,
            properties(
                "cairn.caches.books.capacity", "2MiB",
                "cairn.caches.\"quotes.latest\".expiry.after-creation", "10m",
                "cairn.caches.orders.deserialization.allowed-classes", List.of("com.example.**"),
                "spring.cache.type", "jcache"));
    CairnConfiguration<Object, Object> books = c.configurationFor("books");
    assertEquals(2 * MIB, books.getCapacityBytes(), "the property wins");
    assertEquals(EvictionPolicy.FIFO, books.getEvictionPolicy(), "the file's other key stays");
    assertTrue(books.isStatisticsEnabled(), "the file's defaults stay");
    assertEquals(
        minutes(10),
        c.configurationFor("quotes.latest")
            .getExpiryPolicyFactory()
            .create()
            .getExpiryForCreation());
    assertEquals(
        List.of("com.example.**"),
        c.configurationFor("orders").getDeserializationFilter().allowedClasses());
    assertEquals(file, c.source());
  }

  @Test
  void read_propertiesWithoutAFile_configureAnOpaqueManager() {
    URI opaque = URI.create("urn:cairn:tests");
    ManagerConfiguration c =
        ConfigFileReader.read(opaque, LOADER, properties("cairn.defaults.capacity", "3MiB"));
    assertEquals(3 * MIB, c.configurationFor("any").getCapacityBytes());
    assertSame(ManagerConfiguration.BUILT_IN, ConfigFileReader.read(opaque, LOADER, properties()));
  }

  @Test
  void read_aBadProperty_failsNamingThePropertiesAndTheKey() {
    CacheException e =
        assertThrows(
            CacheException.class,
            () ->
                ConfigFileReader.read(
                    URI.create("urn:cairn:tests"),
                    LOADER,
                    properties("cairn.caches.books.capcity", "3MiB")));
    assertTrue(e.getMessage().contains("cairn.* properties"), e.getMessage());
    assertTrue(e.getMessage().contains("unknown key cairn.caches.books.capcity"), e.getMessage());
  }

  @Test
  void read_aFragment_isNotPartOfTheFilesName() throws IOException {
    URI file = write("cairn.conf", "cairn { defaults { capacity = 5MiB } }");
    URI withFragment = URI.create(file + "#context-2");
    ManagerConfiguration c = ConfigFileReader.read(withFragment, LOADER);
    assertEquals(5 * MIB, c.configurationFor("any").getCapacityBytes());
    assertEquals(withFragment, c.source());
  }

  @Test
  void read_aYamlFile_isRefusedSayingWhatIsRead() throws IOException {
    for (String name : List.of("application.yml", "cairn.YAML")) {
      URI yaml = write(name, "cairn:\n  defaults:\n    capacity: 5MiB\n");
      CacheException e =
          assertThrows(CacheException.class, () -> ConfigFileReader.read(yaml, LOADER));
      assertTrue(e.getMessage().contains("names a YAML file"), e.getMessage());
      assertTrue(e.getMessage().contains("HOCON (.conf)"), e.getMessage());
    }
  }

  // ---------------------------------------------------------------------------- good files

  @Test
  void read_everyKey_setsEverySetting() throws IOException {
    String serializer = RenamedObjectSerializer.class.getName();
    ManagerConfiguration file =
        read(
            """
            cairn {
              total-capacity = 1GiB
              defaults {
                capacity = 32MiB
                segment-size = 256KiB
                shards = 4
                eviction {
                  policy = MERGE
                  merge-segments = 3
                  merge-target-ratio = 0.3
                  merge-stop-ratio = 0.8
                  s3fifo-admission-ratio = 0.2
                  s3fifo-promotion-threshold = 2
                  frequency-bits = 4
                  tinylfu-window-ratio = 0.05
                }
                expiry { after-creation = 10m, after-update = 5m, after-access = 2m }
                store-by-value = false
                statistics = true
                management = true
                key-serializer = "%s"
                value-serializer = "%s"
              }
            }
            """
                .formatted(serializer, serializer));
    assertEquals(1L << 30, file.totalCapacityBytes());
    CairnConfiguration<Object, Object> c = file.configurationFor("anything");
    assertEquals(32 * MIB, c.getCapacityBytes());
    assertEquals(256 << 10, c.getSegmentSize());
    assertEquals(4, c.getShards());
    assertEquals(EvictionPolicy.MERGE, c.getEvictionPolicy());
    assertEquals(new EvictionParameters(3, 0.3, 0.8, 0.2, 2, 4, 0.05), c.getEvictionParameters());
    ExpiryPolicy expiry = c.getExpiryPolicyFactory().create();
    assertEquals(minutes(10), expiry.getExpiryForCreation());
    assertEquals(minutes(5), expiry.getExpiryForUpdate());
    assertEquals(minutes(2), expiry.getExpiryForAccess());
    assertFalse(c.isStoreByValue());
    assertTrue(c.isStatisticsEnabled());
    assertTrue(c.isManagementEnabled());
    assertInstanceOf(RenamedObjectSerializer.class, c.getKeySerializer());
    assertInstanceOf(RenamedObjectSerializer.class, c.getValueSerializer());
  }

  @Test
  void read_clusterMode_setsItPerCacheOverTheDefaults() throws IOException {
    ManagerConfiguration file =
        read(
            """
            cairn {
              cluster { name = shop, anything = 1 }
              defaults { cluster-mode = invalidate-async }
              caches { orders { cluster-mode = INVALIDATE-SYNC } }
            }
            """);
    assertEquals(ClusterMode.INVALIDATE_ASYNC, file.configurationFor("other").getClusterMode());
    assertEquals(ClusterMode.INVALIDATE_SYNC, file.configurationFor("orders").getClusterMode());
    assertEquals("shop", file.clusterSection().getString("name"));
    assertEquals(ClusterMode.LOCAL, read("cairn {}").configurationFor("x").getClusterMode());
    assertEquals(null, read("cairn {}").clusterSection());
  }

  @Test
  void read_unknownClusterMode_failsNamingTheKeyAndTheModes() throws IOException {
    String message =
        failure(
            "cairn { caches { orders { cluster-mode = replicate } } }",
            "cairn.caches.orders.cluster-mode");
    assertTrue(message.contains("invalidate-sync"), message);
  }

  @Test
  void read_clusterThatIsNoSection_failsNamingTheKey() throws IOException {
    failure("cairn { cluster = yes }", "cairn.cluster");
  }

  @Test
  void read_emptyCairnSection_givesBuiltInDefaults() throws IOException {
    ManagerConfiguration file = read("cairn {}");
    assertEquals(new CairnConfiguration<>(), file.configurationFor("x"));
    assertEquals(0, file.totalCapacityBytes());
    assertTrue(file.cacheNames().isEmpty());
  }

  @Test
  void read_cacheSection_overridesDefaultsKeyByKeyAndInheritsTheRest() throws IOException {
    ManagerConfiguration file =
        read(
            """
            cairn {
              defaults {
                capacity = 16MiB
                statistics = true
                eviction.policy = UTIL
                expiry.after-access = 2m
              }
              caches {
                orders { capacity = 4MiB, expiry.after-creation = 1h }
                plain {}
              }
            }
            """);
    CairnConfiguration<Object, Object> orders = file.configurationFor("orders");
    assertEquals(4 * MIB, orders.getCapacityBytes());
    assertTrue(orders.isStatisticsEnabled());
    assertEquals(EvictionPolicy.UTIL, orders.getEvictionPolicy());
    ExpiryPolicy expiry = orders.getExpiryPolicyFactory().create();
    assertEquals(minutes(60), expiry.getExpiryForCreation());
    assertEquals(minutes(2), expiry.getExpiryForAccess(), "inherited from the defaults");
    assertEquals(file.configurationFor("undeclared"), file.configurationFor("plain"));
    assertEquals(16 * MIB, file.configurationFor("undeclared").getCapacityBytes());
    assertEquals(List.of("orders", "plain"), List.copyOf(file.cacheNames()));
  }

  @Test
  void read_expiryNull_resetsInheritedExpiryToEternal() throws IOException {
    ManagerConfiguration file =
        read(
            """
            cairn {
              defaults.expiry.after-creation = 1m
              caches { forever { expiry = null } }
            }
            """);
    assertEquals(
        Duration.ETERNAL,
        file.configurationFor("forever").getExpiryPolicyFactory().create().getExpiryForCreation());
  }

  @Test
  void read_noExpiry_isEternal() throws IOException {
    CairnConfiguration<Object, Object> c =
        read("cairn.defaults.capacity = 8MiB").configurationFor("x");
    assertInstanceOf(EternalExpiryPolicy.class, c.getExpiryPolicyFactory().create());
  }

  @Test
  void read_quotedDottedNames_areOneCacheEach() throws IOException {
    ManagerConfiguration file =
        read(
            """
            cairn.caches {
              "com.example.Person" { capacity = 4MiB }
              "com.example.Person.addresses" { capacity = 2MiB }
            }
            """);
    assertEquals(
        List.of("com.example.Person", "com.example.Person.addresses"),
        List.copyOf(file.cacheNames()));
    assertEquals(4 * MIB, file.configurationFor("com.example.Person").getCapacityBytes());
    assertEquals(2 * MIB, file.configurationFor("com.example.Person.addresses").getCapacityBytes());
    assertFalse(file.declares("com"));
  }

  @Test
  void read_policyInAnyCase_isAccepted() throws IOException {
    for (String name : new String[] {"s3fifo", "S3Fifo", " fifo "}) {
      EvictionPolicy expected =
          name.trim().equalsIgnoreCase("fifo") ? EvictionPolicy.FIFO : EvictionPolicy.S3FIFO;
      assertEquals(
          expected,
          read("cairn.defaults.eviction.policy = \"" + name + "\"")
              .configurationFor("x")
              .getEvictionPolicy());
    }
  }

  @Test
  void read_auto_letsTheEngineChoose() throws IOException {
    CairnConfiguration<Object, Object> c =
        read("""
                cairn {
                  defaults { segment-size = 64KiB, shards = 2 }
                  caches.x { segment-size = auto, shards = AUTO }
                }
                """)
            .configurationFor("x");
    assertEquals(0, c.getSegmentSize());
    assertEquals(0, c.getShards());
  }

  @Test
  void read_sizeUnits_areBinaryAndDecimalAsHoconSays() throws IOException {
    assertEquals(
        64 * MIB, read("cairn.defaults.capacity = 64MiB").configurationFor("x").getCapacityBytes());
    assertEquals(
        64 * MIB, read("cairn.defaults.capacity = 64M").configurationFor("x").getCapacityBytes());
    assertEquals(
        64_000_000L,
        read("cairn.defaults.capacity = 64MB").configurationFor("x").getCapacityBytes());
    assertEquals(
        1_048_576L,
        read("cairn.defaults.capacity = 1048576").configurationFor("x").getCapacityBytes());
  }

  @Test
  void read_propertiesAndJsonFiles_areReadByTheirSyntax() throws IOException {
    URI properties =
        write("cairn.properties", "cairn.defaults.capacity=4MiB\ncairn.caches.orders.shards=2\n");
    ManagerConfiguration fromProperties = ConfigFileReader.read(properties, LOADER);
    assertEquals(4 * MIB, fromProperties.configurationFor("orders").getCapacityBytes());
    assertEquals(2, fromProperties.configurationFor("orders").getShards());

    URI json =
        write("cairn.json", "{\"cairn\": {\"caches\": {\"a.b\": {\"capacity\": \"2MiB\"}}}}");
    assertEquals(
        2 * MIB, ConfigFileReader.read(json, LOADER).configurationFor("a.b").getCapacityBytes());
  }

  // ---------------------------------------------------------------------------- URIs

  @Test
  void read_classpathUri_findsTheResourceWithTheLoader() {
    ManagerConfiguration file =
        ConfigFileReader.read(
            URI.create("classpath:io/cairn/jcache/configuration/cairn-test.conf"), LOADER);
    assertEquals(4 * MIB, file.configurationFor("com.example.Person").getCapacityBytes());
    assertEquals(
        EvictionPolicy.S3FIFO, file.configurationFor("com.example.Person").getEvictionPolicy());
    assertTrue(file.declares("com.example.Person.addresses"));
    assertEquals(8 * MIB, file.configurationFor("other").getCapacityBytes());
    ManagerConfiguration leadingSlash =
        ConfigFileReader.read(
            URI.create("classpath:/io/cairn/jcache/configuration/cairn-test.conf"), LOADER);
    assertEquals(file.cacheNames(), leadingSlash.cacheNames());
  }

  @Test
  void read_bareNameEndingInConf_isLookedUpOnTheClassPath() {
    ManagerConfiguration file =
        ConfigFileReader.read(URI.create("io/cairn/jcache/configuration/cairn-test.conf"), LOADER);
    assertTrue(file.declares("com.example.Person"));
  }

  @Test
  void read_jarUri_readsTheEntry() throws IOException {
    Path jar = dir.resolve("conf.jar");
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream jarOut = new JarOutputStream(out)) {
      jarOut.putNextEntry(new JarEntry("config/cairn.conf"));
      jarOut.write("cairn.caches.\"a.b\".capacity = 2MiB".getBytes(StandardCharsets.UTF_8));
      jarOut.closeEntry();
    }
    URI uri = URI.create("jar:" + jar.toUri() + "!/config/cairn.conf");
    assertEquals(
        2 * MIB, ConfigFileReader.read(uri, LOADER).configurationFor("a.b").getCapacityBytes());
  }

  @Test
  void read_opaqueUri_givesBuiltInDefaults() {
    assertSame(
        ManagerConfiguration.BUILT_IN,
        ConfigFileReader.read(URI.create("io.cairn.jcache.spi.CairnCachingProvider"), LOADER));
    assertSame(
        ManagerConfiguration.BUILT_IN, ConfigFileReader.read(URI.create("test:some.name"), LOADER));
  }

  /**
   * Finding 12 of issue 11: only classpath:, file: and jar: URIs and scheme-less names are read;
   * before, any URI ending in .conf was fetched as a URL, http: and ftp: included.
   */
  @Test
  void read_networkUrisWithAConfigExtension_areRefusedWithoutAFetch() throws IOException {
    AtomicInteger requests = new AtomicInteger();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          requests.incrementAndGet();
          byte[] body = "cairn.defaults.capacity = 1MiB".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    try {
      String host = "127.0.0.1:" + server.getAddress().getPort();
      for (String uri :
          new String[] {
            "http://" + host + "/cairn.conf",
            "HTTP://" + host + "/cairn.JSON",
            "ftp://" + host + "/cairn.properties",
            "jar:http://" + host + "/app.jar!/cairn.conf",
            "file://" + host + "/etc/cairn.conf"
          }) {
        CacheException e =
            assertThrows(
                CacheException.class, () -> ConfigFileReader.read(URI.create(uri), LOADER), uri);
        assertTrue(e.getMessage().contains(uri), e.getMessage());
        assertTrue(e.getMessage().contains("refused"), e.getMessage());
      }
      assertSame(
          ManagerConfiguration.BUILT_IN,
          ConfigFileReader.read(URI.create("http://" + host + "/cache"), LOADER),
          "without a config extension, an http: URI is an opaque name");
    } finally {
      server.stop(0);
    }
    assertEquals(0, requests.get(), "nothing was fetched");
  }

  @Test
  void read_missingFiles_failNamingTheUri() {
    for (String uri :
        new String[] {
          "classpath:no-such.conf",
          dir.resolve("no-such.conf").toUri().toString(),
          "no-such.conf",
          "jar:" + dir.resolve("no.jar").toUri() + "!/cairn.conf"
        }) {
      CacheException e =
          assertThrows(
              CacheException.class, () -> ConfigFileReader.read(URI.create(uri), LOADER), uri);
      assertTrue(e.getMessage().contains(uri), e.getMessage());
    }
  }

  @Test
  void read_syntaxError_failsNamingTheFile() throws IOException {
    URI uri = write("broken.conf", "cairn { defaults { capacity = 1MiB ");
    CacheException e = assertThrows(CacheException.class, () -> ConfigFileReader.read(uri, LOADER));
    assertTrue(e.getMessage().contains(uri.toString()), e.getMessage());
  }

  // ---------------------------------------------------------------------------- unknown keys

  @Test
  void read_unknownKeys_failNamingTheFullPath() throws IOException {
    failure("cairn { total-capacityy = 1GiB }", "cairn.total-capacityy");
    failure("cairn.defaults.capacty = 1MiB", "cairn.defaults.capacty");
    failure(
        "cairn.caches.\"com.example.Person\".capacty = 1MiB",
        "cairn.caches.\"com.example.Person\".capacty");
    failure("cairn.defaults.eviction.polcy = FIFO", "cairn.defaults.eviction.polcy");
    failure("cairn.caches.x.expiry.after-write = 1m", "cairn.caches.x.expiry.after-write");
    String message = failure("cairn.defaults.capacty = 1MiB", "cairn.defaults.capacty");
    assertTrue(
        message.contains("capacity, cluster-mode, deserialization, eviction, expiry"),
        "lists the allowed keys: " + message);
  }

  @Test
  void read_unquotedDottedName_failsWithAHintToQuote() throws IOException {
    String message =
        failure(
            "cairn.caches { com.example.Person { capacity = 4MiB } }", "cairn.caches.com.example");
    assertTrue(message.contains("\"com.example.Person\""), message);
    assertTrue(message.contains("quoted"), message);
  }

  @Test
  void read_noCairnSection_fails() throws IOException {
    URI uri = write("other.conf", "defaults.capacity = 1MiB");
    CacheException e = assertThrows(CacheException.class, () -> ConfigFileReader.read(uri, LOADER));
    assertTrue(e.getMessage().contains("no cairn section"), e.getMessage());
  }

  // ---------------------------------------------------------------------------- bad values

  @Test
  void read_badSizes_failNamingTheKey() throws IOException {
    failure("cairn.defaults.capacity = lots", "cairn.defaults.capacity");
    failure("cairn.defaults.capacity = 0", "cairn.defaults.capacity");
    failure("cairn.defaults.capacity = -1MiB", "cairn.defaults.capacity");
    failure("cairn.caches.\"a.b\".capacity = 12 parsecs", "cairn.caches.\"a.b\".capacity");
    failure("cairn.total-capacity = yes", "cairn.total-capacity");
    failure("cairn.defaults.segment-size = 100", "cairn.defaults.segment-size");
    failure("cairn.defaults.segment-size = 16MiB", "cairn.defaults.segment-size");
    failure("cairn.defaults.segment-size = 4100", "cairn.defaults.segment-size");
  }

  /**
   * Finding 11 of issue 11: before, Typesafe Config's getters truncated fractions and saturated
   * numbers too large for a long, so these were accepted as other values.
   */
  @Test
  void read_fractionsAndOverflows_failNamingTheKeyAndValue() throws IOException {
    String[][] cases = {
      {"cairn.defaults.shards = 1.5", "cairn.defaults.shards", "1.5"},
      {"cairn.defaults.shards = \"2.5\"", "cairn.defaults.shards", "2.5"},
      {"cairn.defaults.shards = NaN", "cairn.defaults.shards", "NaN"},
      {"cairn.defaults.shards = 4294967298", "cairn.defaults.shards", "4294967298"},
      {
        "cairn.defaults.capacity = 12345678901234567890123",
        "cairn.defaults.capacity",
        "12345678901234567890123"
      },
      {"cairn.total-capacity = 12345678901234567890123B", "cairn.total-capacity", "123456789"},
      {"cairn.defaults.capacity = 1.5", "cairn.defaults.capacity", "1.5"},
      {"cairn.defaults.capacity = \"1000.5B\"", "cairn.defaults.capacity", "1000.5B"},
      {"cairn.defaults.segment-size = 4096.5", "cairn.defaults.segment-size", "4096.5"},
      {"cairn.defaults.expiry.after-access = 1.5ms", "cairn.defaults.expiry.after-access", "1.5"},
      {"cairn.defaults.expiry.after-access = 1500us", "cairn.defaults.expiry.after-access", "1500"},
      {
        "cairn.defaults.expiry.after-update = 123456789012345678901234567",
        "cairn.defaults.expiry.after-update",
        "123456789012345678901234567"
      },
      {
        "cairn.defaults.eviction.merge-segments = 3000000000",
        "cairn.defaults.eviction.merge-segments",
        "3000000000"
      },
      {
        "cairn.defaults.eviction.frequency-bits = 4294967299",
        "cairn.defaults.eviction.frequency-bits",
        "4294967299"
      },
      {
        "cairn.defaults.eviction.merge-stop-ratio = NaN",
        "cairn.defaults.eviction.merge-stop-ratio",
        "NaN"
      },
    };
    for (String[] c : cases) {
      String message = failure(c[0], c[1]);
      assertTrue(message.contains(c[2]), "names the value " + c[2] + ": " + message);
    }
  }

  @Test
  void read_exactFractionsAndWholeNumbersWritten_areAccepted() throws IOException {
    ManagerConfiguration file =
        read(
            """
            cairn.defaults {
              capacity = 1.5MiB
              segment-size = "4.0KiB"
              shards = 2.0
              expiry.after-access = 1.5s
              eviction.merge-segments = "3"
            }
            """);
    CairnConfiguration<Object, Object> c = file.configurationFor("x");
    assertEquals(3 * MIB / 2, c.getCapacityBytes());
    assertEquals(4096, c.getSegmentSize());
    assertEquals(2, c.getShards());
    assertEquals(3, c.getEvictionParameters().mergeSegments());
    assertEquals(
        new Duration(TimeUnit.MILLISECONDS, 1500),
        c.getExpiryPolicyFactory().create().getExpiryForAccess());
  }

  @Test
  void read_deserializationSection_setsTheFilterKeyByKey() throws IOException {
    ManagerConfiguration file =
        read(
            """
            cairn {
              defaults.deserialization { max-depth = 50, allowed-classes = ["java.lang.*"] }
              caches.x.deserialization.allowed-classes = ["com.example.**", "java.base/*"]
            }
            """);
    DeserializationFilter x = file.configurationFor("x").getDeserializationFilter();
    assertEquals(List.of("com.example.**", "java.base/*"), x.allowedClasses());
    assertEquals(50, x.maxDepth(), "inherited from the defaults");
    assertEquals(DeserializationFilter.DEFAULT_MAX_ARRAY_LENGTH, x.maxArrayLength());
    assertEquals(
        file.configurationFor("other").getDeserializationFilter(),
        new DeserializationFilter(
            List.of("java.lang.*"),
            50,
            DeserializationFilter.DEFAULT_MAX_ARRAY_LENGTH,
            DeserializationFilter.DEFAULT_MAX_REFERENCES));
    ObjectSerializer serializer =
        (ObjectSerializer) file.configurationFor("x").getValueSerializer();
    assertEquals(x, serializer.filter(), "the default serializer deserializes within it");
  }

  @Test
  void read_badDeserializationSettings_failNamingTheKey() throws IOException {
    failure(
        "cairn.defaults.deserialization.max-depth = 0", "cairn.defaults.deserialization.max-depth");
    failure(
        "cairn.defaults.deserialization.max-references = 1.5",
        "cairn.defaults.deserialization.max-references");
    failure(
        "cairn.defaults.deserialization.max-array-length = -1",
        "cairn.defaults.deserialization.max-array-length");
    String message =
        failure(
            "cairn.defaults.deserialization.allowed-classes = [\"!*\"]",
            "cairn.defaults.deserialization.allowed-classes");
    assertTrue(message.contains("!*"), message);
    failure(
        "cairn.defaults.deserialization.allowed-classes = com.example",
        "cairn.defaults.deserialization.allowed-classes");
    failure(
        "cairn.defaults.deserialization.allowed = []", "cairn.defaults.deserialization.allowed");
  }

  @Test
  void read_oversizedValues_inAnyCaseAndPerSection() throws IOException {
    ManagerConfiguration file =
        read(
            """
            cairn {
              defaults.oversized-values = Skip
              caches { strict { oversized-values = fail }, inherits {} }
            }
            """);
    assertEquals(OversizedValues.SKIP, file.configurationFor("other").getOversizedValues());
    assertEquals(OversizedValues.SKIP, file.configurationFor("inherits").getOversizedValues());
    assertEquals(OversizedValues.FAIL, file.configurationFor("strict").getOversizedValues());
    assertEquals(
        OversizedValues.AUTO,
        read("cairn {}").configurationFor("any").getOversizedValues(),
        "the built-in default");
  }

  @Test
  void read_badOversizedValues_failListingTheAllowedOnes() throws IOException {
    String message =
        failure("cairn.caches.c.oversized-values = ignore", "cairn.caches.c.oversized-values");
    assertTrue(message.contains("must be fail, skip or auto, not \"ignore\""), message);
    failure("cairn.defaults.oversized-values = 3", "cairn.defaults.oversized-values");
    failure("cairn.defaults.oversized-values { }", "cairn.defaults.oversized-values");
  }

  @Test
  void read_badShards_failNamingTheKey() throws IOException {
    failure("cairn.defaults.shards = 3", "cairn.defaults.shards");
    failure("cairn.defaults.shards = many", "cairn.defaults.shards");
    failure("cairn.caches.x.shards = 512", "cairn.caches.x.shards");
  }

  @Test
  void read_unknownPolicy_failsListingTheAllowedOnes() throws IOException {
    String message =
        failure("cairn.defaults.eviction.policy = LRU", "cairn.defaults.eviction.policy");
    for (EvictionPolicy policy : EvictionPolicy.values()) {
      assertTrue(message.contains(policy.name()), message);
    }
  }

  @Test
  void read_badEvictionParameters_failNamingTheKey() throws IOException {
    failure(
        "cairn.defaults.eviction.merge-target-ratio = 1.5",
        "cairn.defaults.eviction.merge-target-ratio");
    failure(
        "cairn.caches.\"a.b\".eviction.s3fifo-admission-ratio = 1",
        "cairn.caches.\"a.b\".eviction.s3fifo-admission-ratio");
    failure(
        "cairn.defaults.eviction.merge-segments = 2.5", "cairn.defaults.eviction.merge-segments");
    failure(
        "cairn.defaults.eviction.merge-segments = many", "cairn.defaults.eviction.merge-segments");
    failure("cairn.defaults.eviction.frequency-bits = 9", "cairn.defaults.eviction.frequency-bits");
    failure(
        "cairn.defaults.eviction.tinylfu-window-ratio = 0",
        "cairn.defaults.eviction.tinylfu-window-ratio");
    String message =
        failure(
            "cairn.defaults.eviction { frequency-bits = 2, s3fifo-promotion-threshold = 4 }",
            "cairn.defaults.eviction.s3fifo-promotion-threshold");
    assertTrue(message.contains("frequencyBits=2"), message);
  }

  @Test
  void read_evictionParametersInASection_inheritTheOthersFromDefaults() throws IOException {
    ManagerConfiguration file =
        read(
            """
            cairn {
              defaults.eviction { policy = S3FIFO, s3fifo-admission-ratio = 0.2 }
              caches.x.eviction.frequency-bits = 5
            }
            """);
    EvictionParameters x = file.configurationFor("x").getEvictionParameters();
    assertEquals(0.2, x.s3fifoAdmissionRatio());
    assertEquals(5, x.frequencyBits());
    assertEquals(EvictionParameters.DEFAULTS.mergeSegments(), x.mergeSegments());
    assertEquals(EvictionPolicy.S3FIFO, file.configurationFor("x").getEvictionPolicy());
  }

  @Test
  void read_badDurations_failNamingTheKey() throws IOException {
    failure("cairn.defaults.expiry.after-access = soon", "cairn.defaults.expiry.after-access");
    failure("cairn.defaults.expiry.after-creation = 0s", "cairn.defaults.expiry.after-creation");
    failure("cairn.caches.x.expiry.after-update = -5m", "cairn.caches.x.expiry.after-update");
  }

  @Test
  void read_badBooleans_failNamingTheKey() throws IOException {
    failure("cairn.defaults.statistics = maybe", "cairn.defaults.statistics");
    failure("cairn.caches.x.store-by-value = 3", "cairn.caches.x.store-by-value");
  }

  @Test
  void read_badSerializers_failNamingTheKey() throws IOException {
    failure("cairn.defaults.key-serializer = com.example.Missing", "cairn.defaults.key-serializer");
    failure(
        "cairn.defaults.value-serializer = java.lang.String", "cairn.defaults.value-serializer");
    failure(
        "cairn.defaults.value-serializer = \"" + NeedsArgumentSerializer.class.getName() + "\"",
        "cairn.defaults.value-serializer");
  }

  @Test
  void read_sectionsOfTheWrongKind_failNamingTheKey() throws IOException {
    failure("cairn.caches.orders = 4MiB", "cairn.caches.orders");
    failure("cairn.defaults = 4MiB", "cairn.defaults");
    failure("cairn.defaults.eviction = FIFO", "cairn.defaults.eviction");
  }

  @Test
  void read_settingsThatDoNotFitTogether_failNamingTheSection() throws IOException {
    failure(
        "cairn.caches.\"com.example.Tiny\" { capacity = 64KiB, segment-size = 64KiB }",
        "cairn.caches.\"com.example.Tiny\"");
    String message =
        failure(
            "cairn { total-capacity = 1MiB, defaults { capacity = 64MiB, segment-size = 1MiB, shards = 2 } }",
            "cairn.defaults");
    assertTrue(message.contains("cairn.total-capacity cannot hold"), message);
  }
}
