package io.cairn.jcache.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Properties;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.configuration.OptionalFeature;
import javax.cache.spi.CachingProvider;
import org.junit.jupiter.api.Test;

class CairnCachingProviderTest {

  @Test
  void caching_nothingConfigured_findsCairn() {
    assertInstanceOf(CairnCachingProvider.class, Caching.getCachingProvider());
  }

  @Test
  void getCacheManager_sameUriAndLoader_returnsSameManager_untilClosed() {
    CachingProvider provider = new CairnCachingProvider();
    URI uri = URI.create("test:provider");
    CacheManager manager = provider.getCacheManager(uri, null);
    assertSame(manager, provider.getCacheManager(uri, provider.getDefaultClassLoader()));
    assertNotSame(manager, provider.getCacheManager(URI.create("test:other"), null));
    ClassLoader other = new ClassLoader(getClass().getClassLoader()) {};
    assertNotSame(manager, provider.getCacheManager(uri, other));
    manager.close();
    assertTrue(manager.isClosed());
    assertThrows(IllegalStateException.class, () -> manager.getCache("x"));
    CacheManager fresh = provider.getCacheManager(uri, null);
    assertNotSame(manager, fresh);
    provider.close();
    assertTrue(fresh.isClosed());
  }

  @Test
  void getCacheManager_nullUri_meansDefault_andKeepsProperties() {
    CachingProvider provider = new CairnCachingProvider();
    Properties properties = new Properties();
    properties.setProperty("a", "b");
    CacheManager manager = provider.getCacheManager(null, null, properties);
    assertEquals(provider.getDefaultURI(), manager.getURI());
    assertEquals("b", manager.getProperties().getProperty("a"));
    provider.close();
  }

  @Test
  void closeUri_closesOnlyThatManager_andItsCaches() {
    CachingProvider provider = new CairnCachingProvider();
    CacheManager one = provider.getCacheManager(URI.create("test:one"), null);
    CacheManager two = provider.getCacheManager(URI.create("test:two"), null);
    var cache = one.createCache("c", new MutableConfiguration<String, String>());
    provider.close(URI.create("test:one"), null);
    assertTrue(one.isClosed());
    assertTrue(cache.isClosed());
    assertFalse(two.isClosed());
    provider.close();
  }

  @Test
  void isSupported_storeByReference_true() {
    assertTrue(new CairnCachingProvider().isSupported(OptionalFeature.STORE_BY_REFERENCE));
  }
}
