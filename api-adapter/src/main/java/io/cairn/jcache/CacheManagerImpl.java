package io.cairn.jcache;

import io.cairn.engine.Persistence;
import io.cairn.engine.SharedCapacity;
import io.cairn.jcache.configuration.CachePersistence;
import io.cairn.jcache.configuration.CairnConfiguration;
import io.cairn.jcache.configuration.ClusterMode;
import io.cairn.jcache.configuration.ManagerConfiguration;
import io.cairn.jcache.configuration.SectionUse;
import io.cairn.jcache.spi.CacheExtension;
import io.cairn.jcache.spi.CairnCachingProvider;
import io.cairn.jcache.spi.LocalCache;
import io.cairn.jcache.spi.ManagerExtension;
import io.cairn.jcache.spi.ManagerExtensionFactory;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cairn's {@link CacheManager}: the caches of one (URI, class loader) pair.
 *
 * <p>Cache names are opaque strings (Hibernate region names contain dots). The manager's {@link
 * ManagerConfiguration}, read from the file its URI names (or the built-in defaults), decides:
 *
 * <ul>
 *   <li>{@link #getCache} of a name declared in the file and not yet created creates it from the
 *       file (its defaults with the cache's section on top);
 *   <li>{@link #createCache} with a {@link CairnConfiguration} takes it as given; with any other
 *       JCache configuration it takes the JCache settings from it and Cairn's (capacity, segment
 *       size, shards, eviction, serializers) from the file;
 *   <li>with {@code cairn.total-capacity}, the off-heap caches of the manager share one bound, a
 *       {@link SharedCapacity}, on top of their own;
 *   <li>a cache whose {@code cluster-mode} is not {@code local} is hooked into the manager's
 *       extension ({@link ManagerExtensionFactory}, found by the service loader: the cluster
 *       module), which sees its changes and may drop its entries;
 *   <li>a cache with persistence ({@link CachePersistence}) restores what it persisted when it is
 *       created, flushes when it is closed, and has its files deleted by {@link #destroyCache};
 *   <li>a cache created without a section while a section's name looks like a misspelling of its
 *       own, and sections no cache used by the time the manager closes, are logged ({@link
 *       SectionUse}).
 * </ul>
 *
 * <p>Every operation but the getters of the manager's identity throws {@link IllegalStateException}
 * once the manager is closed.
 *
 * <p>Threading: thread-safe; creation and destruction of caches and the start of {@link #close} are
 * serialized on the manager's monitor, so no cache is created once close has begun. The map of
 * caches is concurrent, for lookups without the monitor.
 */
public final class CacheManagerImpl implements CacheManager {
  private static final Logger LOG = LoggerFactory.getLogger(CacheManagerImpl.class);

  private final CairnCachingProvider provider;
  private final URI uri;
  private final ClassLoader classLoader;
  private final Properties properties;
  private final ManagerConfiguration file;
  private final SharedCapacity sharedCapacity; // null without cairn.total-capacity
  private final SectionUse sections;
  // written under this; read without it
  private final ConcurrentMap<String, CacheImpl<?, ?>> caches = new ConcurrentHashMap<>();
  private final AtomicBoolean closed = new AtomicBoolean(); // set under this
  private final List<Consumer<? super Cache<?, ?>>> creationListeners =
      new CopyOnWriteArrayList<>();
  private final List<ManagerExtension> extensions;

  /** A manager configured by {@code file}; created by {@link CairnCachingProvider} only. */
  public CacheManagerImpl(
      CairnCachingProvider provider,
      URI uri,
      ClassLoader classLoader,
      Properties properties,
      ManagerConfiguration file) {
    this.provider = provider;
    this.uri = uri;
    this.classLoader = classLoader;
    this.properties = properties;
    this.file = file;
    this.sharedCapacity =
        file.totalCapacityBytes() > 0 ? new SharedCapacity(file.totalCapacityBytes()) : null;
    this.sections = new SectionUse(file);
    this.extensions = extensions(file, classLoader);
  }

  /**
   * The extensions the {@link ManagerExtensionFactory} services in {@code classLoader} attach to a
   * manager configured by {@code file}; a {@code cairn.cluster} section that none takes is an
   * error.
   */
  private static List<ManagerExtension> extensions(
      ManagerConfiguration file, ClassLoader classLoader) {
    List<ManagerExtension> attached = new ArrayList<>(0);
    try {
      for (ManagerExtensionFactory factory :
          ServiceLoader.load(ManagerExtensionFactory.class, classLoader)) {
        ManagerExtension extension = factory.attach(file);
        if (extension != null) {
          attached.add(extension);
        }
      }
    } catch (RuntimeException | ServiceConfigurationError e) {
      attached.forEach(ManagerExtension::close);
      throw e instanceof CacheException cache
          ? cache
          : new CacheException("cannot start an extension of " + file.label() + ": " + e, e);
    }
    if (attached.isEmpty() && file.clusterSection() != null) {
      throw new CacheException(
          "cairn.cluster in "
              + file.label()
              + " needs io.cairn:cairn-cluster on the class path (it is not)");
    }
    return List.copyOf(attached);
  }

  /**
   * Hooks the extension that takes {@code cache} into it, for a cache whose cluster mode is not
   * {@code local}; fails naming the setting if none does.
   */
  private void extend(CacheImpl<?, ?> cache, CairnConfiguration<?, ?> configuration) {
    String mode = "cluster-mode = " + configuration.getClusterMode().key();
    if (!configuration.isStoreByValue()) {
      throw new CacheException(
          "cache " + cache.getName() + " stores by reference, which " + mode + " does not support");
    }
    LocalCache local = cache.local();
    for (ManagerExtension extension : extensions) {
      CacheExtension hooks = extension.opened(local);
      if (hooks != null) {
        cache.extend(hooks);
        return;
      }
    }
    throw new CacheException(
        "cache "
            + cache.getName()
            + " has "
            + mode
            + " but its manager has no cluster: add a cairn.cluster section to "
            + file.label()
            + " and io.cairn:cairn-cluster to the class path");
  }

  /** The bound all off-heap caches of this manager share, or {@code null} if there is none. */
  SharedCapacity sharedCapacity() {
    return sharedCapacity;
  }

  /**
   * Whether the manager is a member of a cluster (its file has a {@code cairn.cluster} section):
   * then even its local caches may be kept coherent by others (Hibernate's {@code
   * CairnRegionFactory}), so a persistent one does not restore unless told ({@link
   * CachePersistence}).
   */
  boolean inCluster() {
    return file.clusterSection() != null;
  }

  /**
   * Calls {@code listener} with every cache this manager creates from now on, by {@link
   * #createCache} or by {@link #getCache} of a name the file declares, once it is open and
   * registered (caches that exist already are in {@link #getCacheNames()}). Meant for observers
   * such as metrics binders: the call runs on the creating thread while it holds the manager's
   * monitor, so the listener must be quick and must not create or destroy caches; what it throws is
   * logged and ignored.
   */
  public void onCacheCreated(Consumer<? super Cache<?, ?>> listener) {
    creationListeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /** What the manager's configuration file declares. */
  public ManagerConfiguration fileConfiguration() {
    return file;
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
      throw new CacheException(
          "cache "
              + cacheName
              + " already exists in cache manager "
              + uri
              + ": JCache keeps one manager per URI and class loader, so everyone who opens this"
              + " URI shares its caches (two application contexts on one configuration file, for"
              + " instance). Give each its own URI: another file, or the same file with a"
              + " fragment, such as "
              + uri.toString().split("#", 2)[0]
              + "#second, which Cairn ignores when it reads the file");
    }
    return open(cacheName, copyOf(cacheName, configuration));
  }

  /** Creates and registers the cache; the caller holds the manager's monitor. */
  private <K, V> CacheImpl<K, V> open(String cacheName, CairnConfiguration<K, V> copy) {
    CachePersistence persistence = copy.getPersistence();
    if (persistence != null && !copy.isStoreByValue()) {
      throw new CacheException(
          "cache "
              + cacheName
              + " stores by reference, which persistence (in "
              + persistence.directory()
              + ") does not support: its entries live on the Java heap");
    }
    CacheImpl<K, V> cache;
    try {
      cache = new CacheImpl<>(this, cacheName, copy, classLoader);
    } catch (IllegalStateException | UncheckedIOException e) {
      throw refusedToOpen(cacheName, copy, e);
    }
    try {
      if (copy.getClusterMode() != ClusterMode.LOCAL) {
        extend(cache, copy);
      }
      if (copy.isManagementEnabled()) {
        cache.enableManagement(true);
      }
      if (copy.isStatisticsEnabled()) {
        cache.enableStatistics(true);
      }
    } catch (RuntimeException e) {
      cache.close(); // unregisters what it registered and frees its memory
      throw e;
    }
    caches.put(cacheName, cache);
    sections.created(cacheName);
    for (Consumer<? super Cache<?, ?>> listener : creationListeners) {
      try {
        listener.accept(cache);
      } catch (RuntimeException e) { // the cache exists: a failing observer must not undo that
        LOG.warn("a listener of cache creation in manager {} failed for {}", uri, cacheName, e);
      }
    }
    return cache;
  }

  /**
   * The one translation of the engine's refusal to open a store: the shared bound cannot hold the
   * cache's minimum, or its persistence directory is in use by another store or cannot be read or
   * written. Either becomes a {@link CacheException} naming the cache, and its directory or the
   * bound, around the engine's message; anything else passes as it is.
   */
  private RuntimeException refusedToOpen(
      String cacheName, CairnConfiguration<?, ?> copy, RuntimeException e) {
    CachePersistence persistence = copy.getPersistence();
    if (!copy.isStoreByValue() || (sharedCapacity == null && persistence == null)) {
      return e;
    }
    StringBuilder message = new StringBuilder("cannot create cache ").append(cacheName);
    if (persistence != null) {
      message.append(" persisted in ").append(persistence.directoryOf(cacheName));
    }
    if (sharedCapacity != null) {
      message.append(" within cairn.total-capacity of ").append(file.source());
    }
    return new CacheException(message.append(": ").append(e.getMessage()).toString(), e);
  }

  private <K, V> CairnConfiguration<K, V> copyOf(
      String cacheName, Configuration<K, V> configuration) {
    if (configuration instanceof CairnConfiguration<K, V> cairn) {
      return new CairnConfiguration<>(cairn);
    }
    CairnConfiguration<K, V> copy;
    if (configuration instanceof CompleteConfiguration<K, V> complete) {
      copy = new CairnConfiguration<>(complete);
    } else {
      copy = new CairnConfiguration<>();
      copy.setTypes(configuration.getKeyType(), configuration.getValueType());
      copy.setStoreByValue(configuration.isStoreByValue());
    }
    return file.withFileSettings(cacheName, copy);
  }

  /** The cache, created from the file if it declares it and it does not exist yet; or null. */
  private CacheImpl<?, ?> existingOrDeclared(
      String cacheName, Class<?> keyType, Class<?> valueType) {
    CacheImpl<?, ?> cache = caches.get(cacheName);
    if (cache != null || !file.declares(cacheName)) {
      return cache;
    }
    synchronized (this) {
      requireOpen();
      cache = caches.get(cacheName);
      if (cache == null) {
        CairnConfiguration<Object, Object> declared = file.configurationFor(cacheName);
        @SuppressWarnings({"unchecked", "rawtypes"})
        CairnConfiguration<Object, Object> typed =
            declared.setTypes((Class) keyType, (Class) valueType);
        cache = open(cacheName, typed);
      }
      return cache;
    }
  }

  @Override
  public <K, V> Cache<K, V> getCache(String cacheName, Class<K> keyType, Class<V> valueType) {
    requireOpen();
    Objects.requireNonNull(cacheName, "cacheName");
    Objects.requireNonNull(keyType, "keyType");
    Objects.requireNonNull(valueType, "valueType");
    CacheImpl<?, ?> cache = existingOrDeclared(cacheName, keyType, valueType);
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
    Cache<K, V> cache = (Cache<K, V>) existingOrDeclared(cacheName, Object.class, Object.class);
    return cache;
  }

  @Override
  public Iterable<String> getCacheNames() {
    requireOpen();
    return Set.copyOf(caches.keySet());
  }

  /**
   * {@inheritDoc}
   *
   * <p>A persistent cache's files are deleted too, once it is closed; also when the cache is not
   * open in this manager but the file's section for {@code cacheName} configures persistence.
   *
   * @throws CacheException if the files cannot be deleted, or another manager has the cache open on
   *     the same directory
   */
  @Override
  public synchronized void destroyCache(String cacheName) {
    requireOpen();
    Objects.requireNonNull(cacheName, "cacheName");
    CacheImpl<?, ?> cache = caches.get(cacheName);
    CachePersistence persistence;
    if (cache != null) {
      persistence = cache.configuration().getPersistence();
      cache.clear();
      cache.close();
    } else {
      persistence =
          file.declares(cacheName) ? file.configurationFor(cacheName).getPersistence() : null;
    }
    if (persistence != null) {
      Path directory = persistence.directoryOf(cacheName);
      try {
        Persistence.delete(directory);
      } catch (IllegalStateException | UncheckedIOException e) {
        throw new CacheException(
            "cannot delete the persisted files of cache "
                + cacheName
                + " in "
                + directory
                + ": "
                + e.getMessage(),
            e);
      }
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

  /**
   * Closes the manager and every cache it holds. Atomic with respect to {@link #createCache} and
   * the creation in {@link #getCache}: the closed flag is set and the caches are collected under
   * the manager's monitor, which a creation holds from its closed check to its registration. So a
   * creation either completes first and its cache is closed here, or it finds the manager closed
   * and throws {@link IllegalStateException} before building anything. The caches are closed
   * outside the monitor, so that a cache's listeners finishing may call the manager.
   */
  @Override
  public void close() {
    Collection<CacheImpl<?, ?>> open;
    synchronized (this) {
      if (!closed.compareAndSet(false, true)) {
        return;
      }
      open = Set.copyOf(caches.values());
      caches.clear();
    }
    provider.release(this);
    for (CacheImpl<?, ?> cache : open) {
      try {
        cache.close(); // a persistent cache flushes
      } catch (RuntimeException e) { // the others still close and flush
        LOG.warn("cache {} of cache manager {} failed to close", cache.getName(), uri, e);
      }
    }
    for (ManagerExtension extension : extensions) {
      try {
        extension.close();
      } catch (RuntimeException e) {
        LOG.warn("an extension of cache manager {} failed to close", uri, e);
      }
    }
    sections.closed();
  }

  @Override
  public boolean isClosed() {
    return closed.get();
  }

  /**
   * {@inheritDoc}
   *
   * <p>Besides this manager: its extensions ({@link ManagerExtension}), such as the cluster
   * module's node.
   */
  @Override
  public <T> T unwrap(Class<T> clazz) {
    for (ManagerExtension extension : extensions) {
      if (clazz.isInstance(extension)) {
        return clazz.cast(extension);
      }
    }
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
