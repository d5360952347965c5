package io.cairn.jcache;

import io.cairn.jcache.configuration.CairnConfiguration;
import io.cairn.jcache.spi.CairnCachingProvider;
import java.net.URI;
import java.util.Collection;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.Configuration;

/**
 * Cairn's {@link CacheManager}: the caches of one (URI, class loader) pair.
 *
 * <p>Cache names are opaque strings (Hibernate region names contain dots). A cache's configuration
 * is copied into a {@link CairnConfiguration} when it is created; a plain JCache configuration gets
 * Cairn's defaults. Every operation but the getters of the manager's identity throws {@link
 * IllegalStateException} once the manager is closed.
 *
 * <p>Threading: thread-safe; creation and destruction of caches are serialized on the manager.
 */
public final class CacheManagerImpl implements CacheManager {
  private final CairnCachingProvider provider;
  private final URI uri;
  private final ClassLoader classLoader;
  private final Properties properties;
  private final ConcurrentMap<String, CacheImpl<?, ?>> caches = new ConcurrentHashMap<>();
  private final AtomicBoolean closed = new AtomicBoolean();

  /** A manager; created by {@link CairnCachingProvider} only. */
  public CacheManagerImpl(
      CairnCachingProvider provider, URI uri, ClassLoader classLoader, Properties properties) {
    this.provider = provider;
    this.uri = uri;
    this.classLoader = classLoader;
    this.properties = properties;
  }

  @Override
  public CairnCachingProvider getCachingProvider() {
    return provider;
  }

  @Override
  public URI getURI() {
    return uri;
  }

  @Override
  public ClassLoader getClassLoader() {
    return classLoader;
  }

  @Override
  public Properties getProperties() {
    return properties;
  }

  @Override
  public synchronized <K, V, C extends Configuration<K, V>> Cache<K, V> createCache(
      String cacheName, C configuration) {
    requireOpen();
    Objects.requireNonNull(cacheName, "cacheName");
    Objects.requireNonNull(configuration, "configuration");
    if (caches.containsKey(cacheName)) {
      throw new CacheException("cache " + cacheName + " already exists");
    }
    CairnConfiguration<K, V> copy = copyOf(configuration);
    CacheImpl<K, V> cache = new CacheImpl<>(this, cacheName, copy, classLoader);
    caches.put(cacheName, cache);
    if (copy.isManagementEnabled()) {
      cache.enableManagement(true);
    }
    if (copy.isStatisticsEnabled()) {
      cache.enableStatistics(true);
    }
    return cache;
  }

  private static <K, V> CairnConfiguration<K, V> copyOf(Configuration<K, V> configuration) {
    if (configuration instanceof CompleteConfiguration<K, V> complete) {
      return new CairnConfiguration<>(complete);
    }
    CairnConfiguration<K, V> copy = new CairnConfiguration<>();
    copy.setTypes(configuration.getKeyType(), configuration.getValueType());
    copy.setStoreByValue(configuration.isStoreByValue());
    return copy;
  }

  @Override
  public <K, V> Cache<K, V> getCache(String cacheName, Class<K> keyType, Class<V> valueType) {
    requireOpen();
    Objects.requireNonNull(cacheName, "cacheName");
    Objects.requireNonNull(keyType, "keyType");
    Objects.requireNonNull(valueType, "valueType");
    CacheImpl<?, ?> cache = caches.get(cacheName);
    if (cache == null) {
      return null;
    }
    CompleteConfiguration<?, ?> configuration = cache.configuration();
    if (!keyType.equals(configuration.getKeyType())
        || !valueType.equals(configuration.getValueType())) {
      throw new ClassCastException(
          "cache "
              + cacheName
              + " has types "
              + configuration.getKeyType().getName()
              + " -> "
              + configuration.getValueType().getName()
              + ", not "
              + keyType.getName()
              + " -> "
              + valueType.getName());
    }
    @SuppressWarnings("unchecked")
    Cache<K, V> typed = (Cache<K, V>) cache;
    return typed;
  }

  @Override
  public <K, V> Cache<K, V> getCache(String cacheName) {
    requireOpen();
    Objects.requireNonNull(cacheName, "cacheName");
    @SuppressWarnings("unchecked")
    Cache<K, V> cache = (Cache<K, V>) caches.get(cacheName);
    return cache;
  }

  @Override
  public Iterable<String> getCacheNames() {
    requireOpen();
    return Set.copyOf(caches.keySet());
  }

  @Override
  public synchronized void destroyCache(String cacheName) {
    requireOpen();
    Objects.requireNonNull(cacheName, "cacheName");
    CacheImpl<?, ?> cache = caches.get(cacheName);
    if (cache != null) {
      cache.clear();
      cache.close();
    }
  }

  @Override
  public void enableManagement(String cacheName, boolean enabled) {
    requireOpen();
    Objects.requireNonNull(cacheName, "cacheName");
    CacheImpl<?, ?> cache = caches.get(cacheName);
    if (cache != null) {
      cache.enableManagement(enabled);
    }
  }

  @Override
  public void enableStatistics(String cacheName, boolean enabled) {
    requireOpen();
    Objects.requireNonNull(cacheName, "cacheName");
    CacheImpl<?, ?> cache = caches.get(cacheName);
    if (cache != null) {
      cache.enableStatistics(enabled);
    }
  }

  /** Forgets a cache that closed itself. */
  void release(CacheImpl<?, ?> cache) {
    caches.remove(cache.getName(), cache);
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    provider.release(this);
    Collection<CacheImpl<?, ?>> open = Set.copyOf(caches.values());
    for (CacheImpl<?, ?> cache : open) {
      cache.close();
    }
    caches.clear();
  }

  @Override
  public boolean isClosed() {
    return closed.get();
  }

  @Override
  public <T> T unwrap(Class<T> clazz) {
    return Unwrapping.unwrap(this, clazz);
  }

  private void requireOpen() {
    if (closed.get()) {
      throw new IllegalStateException("cache manager " + uri + " is closed");
    }
  }

  @Override
  public String toString() {
    return "CacheManagerImpl{" + uri + '}';
  }
}
