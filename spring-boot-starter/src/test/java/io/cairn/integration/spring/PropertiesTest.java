package io.cairn.integration.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.engine.ByteStore;
import io.cairn.engine.EvictionPolicy;
import io.cairn.engine.StoreConfig;
import io.cairn.jcache.configuration.CairnConfiguration;
import io.cairn.jcache.configuration.OversizedValues;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.expiry.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code cairn.*} in application.yml ({@code cairn-properties/application.yml}) over the HOCON file
 * {@code cairn-spring.conf}: per key, the property wins and the file's other keys stay; without a
 * file, the properties alone configure the caches; a bad value fails startup naming the key.
 */
class PropertiesTest {
  private static final long MIB = 1L << 20;

  private static void withContext(Consumer<CacheManager> test, String... extra) {
    String[] args = new String[extra.length + 2];
    args[0] = "--spring.main.banner-mode=off";
    args[1] = "--spring.config.location=classpath:cairn-properties/application.yml";
    System.arraycopy(extra, 0, args, 2, extra.length);
    try (ConfigurableApplicationContext context =
        new SpringApplicationBuilder(CachingApplication.class).run(args)) {
      test.accept(context.getBean(CacheManager.class));
    }
  }

  private static CairnConfiguration<?, ?> configuration(Cache<Object, Object> cache) {
    @SuppressWarnings("unchecked")
    CairnConfiguration<Object, Object> c = cache.getConfiguration(CairnConfiguration.class);
    return c;
  }

  private static StoreConfig engine(Cache<Object, Object> cache) {
    return cache.unwrap(ByteStore.class).config();
  }

  @Test
  void propertiesWinOverTheFilePerKey_andTheFilesOtherKeysStay() {
    withContext(
        manager -> {
          Cache<Object, Object> books = manager.getCache("books");
          assertEquals(2 * MIB, engine(books).capacityBytes(), "the property, not the file's 4MiB");
          assertEquals(EvictionPolicy.S3FIFO, engine(books).evictionPolicy(), "cairn.defaults");
          assertEquals(
              new Duration(TimeUnit.MILLISECONDS, TimeUnit.MINUTES.toMillis(10)),
              configuration(books).getExpiryPolicyFactory().create().getExpiryForCreation());
          assertEquals(256 * MIB, engine(books).sharedCapacity().capacityBytes());

          Cache<Object, Object> quotes = manager.getCache("quotes.latest");
          assertEquals(3 * MIB, engine(quotes).capacityBytes());
          assertTrue(configuration(quotes).isStatisticsEnabled(), "the file's key stays");

          Cache<Object, Object> prices = manager.getCache("prices");
          assertEquals(16 * MIB, engine(prices).capacityBytes(), "the file's defaults");
          assertEquals(EvictionPolicy.S3FIFO, engine(prices).evictionPolicy());

          Cache<Object, Object> manuscripts = manager.getCache("manuscripts");
          assertEquals(64 * 1024, engine(manuscripts).capacityBytes(), "declared in the file only");
        });
  }

  @Test
  void aCacheDeclaredOnlyInProperties_isCreatedFromThemOnFirstUse() {
    withContext(
        manager -> {
          List<String> names = new ArrayList<>();
          manager.getCacheNames().forEach(names::add);
          assertFalse(names.contains("orders"), "created on first use, not at startup");
          Cache<Object, Object> orders = manager.getCache("orders");
          assertEquals(5 * MIB, engine(orders).capacityBytes());
          assertEquals(OversizedValues.FAIL, configuration(orders).getOversizedValues());
          assertEquals(
              List.of("io.cairn.integration.**", "java.base/*"),
              configuration(orders).getDeserializationFilter().allowedClasses());
        });
  }

  @Test
  void withoutAFile_thePropertiesAloneConfigureTheCaches() {
    withContext(
        manager -> {
          assertEquals(null, manager.getURI().getScheme(), manager.getURI().toString());
          Cache<Object, Object> books = manager.getCache("books");
          assertEquals(2 * MIB, engine(books).capacityBytes());
          Cache<Object, Object> prices = manager.getCache("prices");
          assertEquals(64 * MIB, engine(prices).capacityBytes(), "Cairn's built-in default");
          assertEquals(EvictionPolicy.S3FIFO, engine(prices).evictionPolicy());
        },
        "--spring.cache.jcache.config=");
  }

  @Test
  void aMisspeltKey_failsStartupNamingIt() {
    Throwable e =
        Startup.failure(
            "--spring.main.banner-mode=off",
            "--spring.config.location=classpath:cairn-properties/application.yml",
            "--cairn.caches.books.capcity=5MB");
    assertTrue(e.getMessage().contains("cairn.caches.books.capcity"), e::toString);
  }

  @Test
  void aBadValue_failsStartupNamingTheKeyAndTheProperties() {
    Throwable e =
        Startup.failure(
            "--spring.main.banner-mode=off",
            "--spring.config.location=classpath:cairn-properties/application.yml",
            "--cairn.caches.books.shards=3");
    assertTrue(e.getMessage().contains("cairn.* properties over"), e.getMessage());
    assertTrue(e.getMessage().contains("cairn.caches.books.shards must be"), e.getMessage());
  }
}
