package io.cairn.jcache;

import io.cairn.engine.ByteStore;
import io.cairn.jcache.configuration.CairnConfiguration;
import io.cairn.jcache.configuration.ClusterMode;
import io.cairn.jcache.event.EventDispatcher;
import io.cairn.jcache.expiry.ExpiryPolicyAdapter;
import io.cairn.jcache.integration.LoaderAdapter;
import io.cairn.jcache.integration.WriterAdapter;
import io.cairn.jcache.management.CacheMXBeanImpl;
import io.cairn.jcache.management.CacheStatisticsImpl;
import io.cairn.jcache.management.MBeans;
import io.cairn.jcache.processor.EntryProcessorEntry;
import io.cairn.jcache.spi.CacheExtension;
import io.cairn.jcache.spi.LocalCache;
import java.io.Closeable;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.cache.Cache;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.configuration.Configuration;
import javax.cache.integration.CompletionListener;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.EntryProcessorResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cairn's {@link Cache}: the JCache semantics (expiry policy, listeners, loader, writer,
 * statistics) over an {@link EntryStore}, off the heap for store-by-value caches.
 *
 * <p>This class is the API edge: every operation opens with the closed-state check and rejects null
 * keys and values with {@link NullPointerException}, and wrongly typed ones with {@link
 * ClassCastException}, before touching the store; then it hands over to {@link KeyOperations},
 * {@link BulkOperations}, {@link Invocations} or {@link CacheIterator}. Each single-key change is
 * one {@link Changes#apply}: prepared outside every store lock while the key alone is held, then
 * committed against the version read.
 *
 * <p>Exceptions, each translated at one place: loader and writer failures by {@link LoaderAdapter}
 * and {@link WriterAdapter}; entry processor failures by {@link EntryProcessorEntry#run};
 * serialization failures are {@link io.cairn.jcache.serialization.SerializationException}s; the
 * engine's refusal of a key or value too large becomes an {@link EntryTooLargeException} naming the
 * sizes, the limit and the setting to change, in {@link OffHeapStore}, and a put so refused is
 * thrown or skipped as the {@code oversized-values} setting says ({@link OversizedPuts}). Listener
 * failures reach the caller as {@code CacheEntryListenerException} after the change is made.
 *
 * <p>Threading: thread-safe. User callbacks (writer, expiry policy, entry processor, and the loader
 * inside {@link #invoke}) run holding their key only; one that calls this cache for the same key
 * gets an {@link IllegalStateException}, and one that closes the cache makes the operation fail
 * with one instead of hanging.
 *
 * @param <K> the type of keys
 * @param <V> the type of values
 */
public final class CacheImpl<K, V> implements Cache<K, V> {
  private static final Logger LOG = LoggerFactory.getLogger(CacheImpl.class);

  private final CacheManagerImpl manager;
  private final String name;
  private final CairnConfiguration<K, V> configuration;
  private final EntryStore<K, V> store;
  private final Changes<K, V> changes;
  private final KeyOperations<K, V> keys;
  private final BulkOperations<K, V> bulk;
  private final Invocations<K, V> invocations;
  private final ExpiryPolicyAdapter expiry;
  private final LoaderAdapter<K, V> loader;
  private final WriterAdapter<K, V> writer;
  private final EventDispatcher<K, V> dispatcher;
  private final CacheStatisticsImpl statistics = new CacheStatisticsImpl();

  /**
   * Runs asynchronous listeners and {@code loadAll}: the common pool, behind a method reference so
   * that {@code CompletableFuture} does not swap it for a thread per task, as it does for the pool
   * itself when its parallelism is 1 (on two cores).
   */
  private final Executor executor = ForkJoinPool.commonPool()::execute;

  private final AtomicBoolean closed = new AtomicBoolean();

  CacheImpl(
      CacheManagerImpl manager,
      String name,
      CairnConfiguration<K, V> configuration,
      ClassLoader classLoader) {
    this.manager = manager;
    this.name = name;
    this.configuration = configuration;
    this.expiry = new ExpiryPolicyAdapter(configuration.getExpiryPolicyFactory().create());
    this.loader =
        configuration.getCacheLoaderFactory() == null
            ? null
            : new LoaderAdapter<>(configuration.getCacheLoaderFactory().create());
    this.writer =
        configuration.isWriteThrough() && configuration.getCacheWriterFactory() != null
            ? new WriterAdapter<>(configuration.getCacheWriterFactory().create())
            : null;
    this.dispatcher = new EventDispatcher<>(executor);
    for (CacheEntryListenerConfiguration<K, V> listener :
        configuration.getCacheEntryListenerConfigurations()) {
      dispatcher.register(listener);
    }
    this.changes =
        new Changes<>(
            this,
            expiry,
            writer,
            dispatcher,
            new OversizedPuts(name, configuration.getOversizedValues(), statistics),
            expirations ->
                configuration.isStoreByValue()
                    ? OffHeapStore.open(
                        name,
                        configuration,
                        classLoader,
                        manager.sharedCapacity(),
                        manager.inCluster(),
                        expirations)
                    : new HeapStore<>(System::currentTimeMillis, expirations));
    this.store = changes.store();
    LoaderAdapter<K, V> readThrough = configuration.isReadThrough() ? loader : null;
    this.keys = new KeyOperations<>(changes, statistics, readThrough);
    this.bulk = new BulkOperations<>(keys, changes, loader, statistics, executor);
    this.invocations = new Invocations<>(changes, statistics, readThrough);
    statistics.setEnabled(configuration.isStatisticsEnabled());
    ByteStore engine = engine();
    if (engine != null) {
      statistics.evictionsFrom(() -> engine.isClosed() ? 0 : engine.stats().evictions());
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Reads

  @Override
  public V get(K key) {
    requireOpen();
    requireKey(key);
    return keys.get(key);
  }

  @Override
  public Map<K, V> getAll(Set<? extends K> keys) {
    requireOpen();
    requireKeys(keys);
    return bulk.getAll(keys);
  }

  @Override
  public boolean containsKey(K key) {
    requireOpen();
    requireKey(key);
    return store.containsKey(store.key(key));
  }

  @Override
  public void loadAll(
      Set<? extends K> keys, boolean replaceExistingValues, CompletionListener listener) {
    requireOpen();
    requireKeys(keys);
    bulk.loadAll(keys, replaceExistingValues, listener);
  }

  // ---------------------------------------------------------------------------------------------
  // Writes

  @Override
  public void put(K key, V value) {
    requireOpen();
    requireEntry(key, value);
    keys.put(key, value);
  }

  @Override
  public V getAndPut(K key, V value) {
    requireOpen();
    requireEntry(key, value);
    return keys.getAndPut(key, value);
  }

  @Override
  public void putAll(Map<? extends K, ? extends V> map) {
    requireOpen();
    Objects.requireNonNull(map, "map");
    for (Map.Entry<? extends K, ? extends V> entry : map.entrySet()) {
      requireEntry(entry.getKey(), entry.getValue());
    }
    bulk.putAll(map);
  }

  @Override
  public boolean putIfAbsent(K key, V value) {
    requireOpen();
    requireEntry(key, value);
    return keys.putIfAbsent(key, value);
  }

  @Override
  public boolean replace(K key, V oldValue, V newValue) {
    requireOpen();
    requireEntry(key, newValue);
    Objects.requireNonNull(oldValue, "oldValue");
    return keys.replace(key, oldValue, newValue);
  }

  @Override
  public boolean replace(K key, V value) {
    requireOpen();
    requireEntry(key, value);
    return keys.replace(key, value);
  }

  @Override
  public V getAndReplace(K key, V value) {
    requireOpen();
    requireEntry(key, value);
    return keys.getAndReplace(key, value);
  }

  // ---------------------------------------------------------------------------------------------
  // Removals

  @Override
  public boolean remove(K key) {
    requireOpen();
    requireKey(key);
    return keys.remove(key);
  }

  @Override
  public boolean remove(K key, V oldValue) {
    requireOpen();
    requireEntry(key, oldValue);
    return keys.remove(key, oldValue);
  }

  @Override
  public V getAndRemove(K key) {
    requireOpen();
    requireKey(key);
    return keys.getAndRemove(key);
  }

  @Override
  public void removeAll(Set<? extends K> keys) {
    requireOpen();
    requireKeys(keys);
    bulk.removeAll(new LinkedHashSet<K>(keys));
  }

  @Override
  public void removeAll() {
    requireOpen();
    Set<K> keys = new LinkedHashSet<>();
    for (Iterator<EntryStore.Listed<K, V>> it = store.iterator(); it.hasNext(); ) {
      keys.add(it.next().key().key());
    }
    bulk.removeAll(keys);
    changes.cleared(); // the other members' copies include keys this one does not hold
  }

  @Override
  public void clear() {
    requireOpen();
    store.clear();
    changes.cleared();
  }

  // ---------------------------------------------------------------------------------------------
  // Entry processors

  @Override
  public <T> T invoke(K key, EntryProcessor<K, V, T> processor, Object... arguments) {
    requireOpen();
    requireKey(key);
    Objects.requireNonNull(processor, "processor");
    return invocations.invoke(store.key(key), processor, arguments);
  }

  @Override
  public <T> Map<K, EntryProcessorResult<T>> invokeAll(
      Set<? extends K> keys, EntryProcessor<K, V, T> processor, Object... arguments) {
    requireOpen();
    requireKeys(keys);
    Objects.requireNonNull(processor, "processor");
    return invocations.invokeAll(keys, processor, arguments);
  }

  // ---------------------------------------------------------------------------------------------
  // Iteration

  @Override
  public Iterator<Cache.Entry<K, V>> iterator() {
    requireOpen();
    return new CacheIterator<>(this, changes, statistics);
  }

  // ---------------------------------------------------------------------------------------------
  // Listeners, configuration, management, life cycle

  @Override
  public void registerCacheEntryListener(CacheEntryListenerConfiguration<K, V> listener) {
    requireOpen();
    Objects.requireNonNull(listener, "listener");
    configuration.addCacheEntryListenerConfiguration(listener);
    try {
      dispatcher.register(listener);
    } catch (RuntimeException e) {
      configuration.removeCacheEntryListenerConfiguration(listener);
      throw e;
    }
  }

  @Override
  public void deregisterCacheEntryListener(CacheEntryListenerConfiguration<K, V> listener) {
    requireOpen();
    Objects.requireNonNull(listener, "listener");
    configuration.removeCacheEntryListenerConfiguration(listener);
    dispatcher.deregister(listener);
  }

  @Override
  public <C extends Configuration<K, V>> C getConfiguration(Class<C> clazz) {
    CairnConfiguration<K, V> copy = new CairnConfiguration<>(configuration);
    if (clazz.isInstance(copy)) {
      return clazz.cast(copy);
    }
    throw new IllegalArgumentException("the configuration is not a " + clazz.getName());
  }

  /** The live configuration, not a copy: for the manager's type checks. */
  CairnConfiguration<K, V> configuration() {
    return configuration;
  }

  @Override
  public String getName() {
    return name;
  }

  @Override
  public CacheManagerImpl getCacheManager() {
    return manager;
  }

  /** The statistics MXBean (recording only while statistics are enabled). */
  public CacheStatisticsImpl statistics() {
    return statistics;
  }

  void enableStatistics(boolean enabled) {
    configuration.setStatisticsEnabled(enabled);
    statistics.setEnabled(enabled);
    register(MBeans.Type.CacheStatistics, statistics, enabled);
  }

  void enableManagement(boolean enabled) {
    configuration.setManagementEnabled(enabled);
    register(MBeans.Type.CacheConfiguration, new CacheMXBeanImpl(configuration), enabled);
  }

  private void register(MBeans.Type type, Object bean, boolean enabled) {
    var objectName = MBeans.name(type, manager.getURI().toString(), name);
    if (enabled) {
      String description =
          "cache "
              + name
              + " of manager "
              + manager.getURI()
              + " ("
              + manager.getClassLoader()
              + ")";
      MBeans.register(objectName, bean, this, description);
    } else {
      MBeans.unregister(objectName, this);
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>Besides this cache: the engine under a store-by-value cache ({@code ByteStore}), and the
   * cache's statistics ({@link io.cairn.jcache.management.CairnStatisticsMXBean}), which are kept
   * whether or not they are registered.
   */
  @Override
  public <T> T unwrap(Class<T> clazz) {
    if (clazz.isInstance(this)) {
      return clazz.cast(this);
    }
    ByteStore engine = engine();
    if (engine != null && clazz.isInstance(engine)) {
      return clazz.cast(engine);
    }
    return clazz.isInstance(statistics) ? clazz.cast(statistics) : Unwrapping.unwrap(this, clazz);
  }

  /** The engine under a store-by-value cache, or {@code null} for a store-by-reference one. */
  ByteStore engine() {
    return store instanceof OffHeapStore<K, V> offHeap ? offHeap.engine() : null;
  }

  /**
   * Hooks {@code extension} into this cache's changes; called by the manager once, before the cache
   * is handed out.
   */
  void extend(CacheExtension extension) {
    changes.extend(extension);
  }

  /** What an extension may do to this cache ({@link LocalCache}). */
  LocalCache local() {
    return new Local();
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    manager.release(this);
    CacheExtension extension = changes.extension();
    if (extension != null) {
      try {
        extension.closed();
      } catch (RuntimeException e) {
        LOG.warn("the extension of cache {} failed to close", name, e);
      }
    }
    register(MBeans.Type.CacheStatistics, statistics, false);
    register(MBeans.Type.CacheConfiguration, null, false);
    dispatcher.close();
    closeQuietly(expiry);
    closeQuietly(loader);
    closeQuietly(writer);
    store.close();
  }

  private static void closeQuietly(Closeable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (IOException | RuntimeException e) {
      LOG.warn("closing {} failed", closeable, e);
    }
  }

  @Override
  public boolean isClosed() {
    return closed.get();
  }

  @Override
  public String toString() {
    return "CacheImpl{" + name + '}';
  }

  /** The view of this cache an extension gets; only store-by-value caches are extended. */
  private final class Local implements LocalCache {
    @Override
    public String name() {
      return name;
    }

    @Override
    public ClusterMode clusterMode() {
      return configuration.getClusterMode();
    }

    @Override
    public void invalidate(byte[] key) {
      if (!closed.get()) {
        changes.invalidate(StoreKey.ofBytes(null, key));
      }
    }

    @Override
    public void invalidateAll() {
      if (!closed.get()) {
        changes.invalidateAll();
      }
    }

    @Override
    public boolean isClosed() {
      return closed.get();
    }

    @Override
    public String toString() {
      return "LocalCache{" + name + '}';
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers

  /** The closed-state check that opens every operation. */
  void requireOpen() {
    if (closed.get()) {
      throw new IllegalStateException("cache " + name + " is closed");
    }
  }

  private void requireKey(K key) {
    Objects.requireNonNull(key, "key");
    Class<K> type = configuration.getKeyType();
    if (type != Object.class && !type.isInstance(key)) {
      throw new ClassCastException("key " + key.getClass().getName() + " is not a " + type);
    }
  }

  private void requireEntry(K key, V value) {
    requireKey(key);
    Objects.requireNonNull(value, "value");
    Class<V> type = configuration.getValueType();
    if (type != Object.class && !type.isInstance(value)) {
      throw new ClassCastException("value " + value.getClass().getName() + " is not a " + type);
    }
  }

  private void requireKeys(Set<? extends K> keys) {
    Objects.requireNonNull(keys, "keys");
    for (K key : keys) {
      Objects.requireNonNull(key, "keys contains null");
    }
  }
}
