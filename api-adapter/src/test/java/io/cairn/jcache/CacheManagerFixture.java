package io.cairn.jcache;

import java.net.URI;
import javax.cache.CacheManager;
import javax.cache.Caching;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A fresh Cairn cache manager per test, named after the test class, closed afterwards. */
public abstract class CacheManagerFixture {
  /** The manager of the running test. */
  protected CacheManager manager;

  @BeforeEach
  void openManager() {
    manager =
        Caching.getCachingProvider()
            .getCacheManager(URI.create("test:" + getClass().getName()), null);
  }

  @AfterEach
  void closeManager() {
    manager.close();
  }
}
