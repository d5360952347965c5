package io.cairn.benchmarks.peers;

import io.cairn.engine.ByteStore;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.Configuration;

/**
 * A cache reached only through {@code javax.cache}: its provider picked by class name with {@link
 * Caching#getCachingProvider(String)}, so that several providers share one classpath, and a cache
 * manager of its own that {@link #close} closes.
 */
final class JCacheUnderTest implements CacheUnderTest {

  private final CacheManager manager;
  private final Cache<Long, Object> cache;
  private final ByteStore engine; // Cairn's, for its own byte count; null for the peers

  JCacheUnderTest(String providerClass, Configuration<Long, Object> configuration) {
    this.manager = Caching.getCachingProvider(providerClass).getCacheManager();
    this.cache = manager.createCache("peers", configuration);
    this.engine = providerClass.startsWith("io.cairn.") ? cache.unwrap(ByteStore.class) : null;
  }

  @Override
  public Object get(Long key) {
    return cache.get(key);
  }

  @Override
  public void put(Long key, Object value) {
    cache.put(key, value);
  }

  @Override
  public long nativeBytes() {
    return engine == null ? -1 : engine.stats().committedBytes();
  }

  @Override
  public boolean needsRebuild() {
    return engine != null && EngineUnderTest.overHalfFull(engine);
  }

  @Override
  public void close() {
    manager.close();
  }
}
