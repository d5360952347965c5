package io.cairn.jcache.spi;

import io.cairn.jcache.CacheManagerImpl;
import io.cairn.jcache.configuration.ConfigFileReader;
import io.cairn.jcache.configuration.ManagerConfiguration;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.WeakHashMap;
import javax.cache.CacheManager;
import javax.cache.configuration.OptionalFeature;
import javax.cache.spi.CachingProvider;

/**
 * Cairn's {@link CachingProvider}, found by {@link javax.cache.Caching} through {@code
 * META-INF/services/javax.cache.spi.CachingProvider}.
 *
 * <p>It keeps one {@link CacheManager} per (URI, class loader); a {@code null} URI or loader means
 * the default one. A closed manager is forgotten, so asking again gives a new one. The default URI
 * is this class's name. Store-by-reference is supported, by on-heap caches.
 *
 * <p>A URI that names a configuration file ({@code classpath:cairn.conf}, a {@code file:} or {@code
 * jar:} URI, see {@link ConfigFileReader}) is read when its manager is created; a file that is
 * missing or invalid fails {@code getCacheManager} with a {@link javax.cache.CacheException} naming
 * the file and the key. A URI of another scheme ending in a configuration file's extension ({@code
 * http://host/cairn.conf}) is refused: nothing is fetched over a network. Other URIs are opaque
 * names and give Cairn's built-in defaults.
 *
 * <p>Threading: thread-safe; the registry of managers is guarded by this provider's monitor.
 * Managers are closed outside it.
 */
public final class CairnCachingProvider implements CachingProvider {
  // guarded by this
  private final Map<ClassLoader, Map<URI, CacheManagerImpl>> managers = new WeakHashMap<>();

  @Override
  public CacheManager getCacheManager(URI uri, ClassLoader classLoader, Properties properties) {
    URI managerUri = uri == null ? getDefaultURI() : uri;
    ClassLoader loader = classLoader == null ? getDefaultClassLoader() : classLoader;
    Properties props = new Properties();
    if (properties != null) {
      props.putAll(properties);
    }
    synchronized (this) {
      Map<URI, CacheManagerImpl> byUri = managers.computeIfAbsent(loader, k -> new HashMap<>());
      CacheManagerImpl manager = byUri.get(managerUri);
      if (manager == null || manager.isClosed()) {
        ManagerConfiguration file = ConfigFileReader.read(managerUri, loader, props);
        manager = new CacheManagerImpl(this, managerUri, loader, props, file);
        byUri.put(managerUri, manager);
      }
      return manager;
    }
  }

  @Override
  public CacheManager getCacheManager(URI uri, ClassLoader classLoader) {
    return getCacheManager(uri, classLoader, getDefaultProperties());
  }

  @Override
  public CacheManager getCacheManager() {
    return getCacheManager(getDefaultURI(), getDefaultClassLoader());
  }

  @Override
  public ClassLoader getDefaultClassLoader() {
    return getClass().getClassLoader();
  }

  @Override
  public URI getDefaultURI() {
    return URI.create(getClass().getName());
  }

  @Override
  public Properties getDefaultProperties() {
    return new Properties();
  }

  @Override
  public void close() {
    List<CacheManagerImpl> toClose = new ArrayList<>();
    synchronized (this) {
      managers.values().forEach(byUri -> toClose.addAll(byUri.values()));
      managers.clear();
    }
    toClose.forEach(CacheManagerImpl::close);
  }

  @Override
  public void close(ClassLoader classLoader) {
    ClassLoader loader = classLoader == null ? getDefaultClassLoader() : classLoader;
    Map<URI, CacheManagerImpl> byUri;
    synchronized (this) {
      byUri = managers.remove(loader);
    }
    if (byUri != null) {
      byUri.values().forEach(CacheManagerImpl::close);
    }
  }

  @Override
  public void close(URI uri, ClassLoader classLoader) {
    URI managerUri = uri == null ? getDefaultURI() : uri;
    ClassLoader loader = classLoader == null ? getDefaultClassLoader() : classLoader;
    CacheManagerImpl manager = null;
    synchronized (this) {
      Map<URI, CacheManagerImpl> byUri = managers.get(loader);
      if (byUri != null) {
        manager = byUri.remove(managerUri);
        if (byUri.isEmpty()) {
          managers.remove(loader);
        }
      }
    }
    if (manager != null) {
      manager.close();
    }
  }

  /** Forgets {@code manager}, which closed itself; called by the manager. */
  public void release(CacheManagerImpl manager) {
    synchronized (this) {
      Map<URI, CacheManagerImpl> byUri = managers.get(manager.getClassLoader());
      if (byUri != null && byUri.get(manager.getURI()) == manager) {
        byUri.remove(manager.getURI());
        if (byUri.isEmpty()) {
          managers.remove(manager.getClassLoader());
        }
      }
    }
  }

  @Override
  public boolean isSupported(OptionalFeature feature) {
    return feature == OptionalFeature.STORE_BY_REFERENCE;
  }
}
