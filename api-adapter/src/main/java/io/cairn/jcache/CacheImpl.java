package io.cairn.jcache;

import io.cairn.engine.ByteStore;
import io.cairn.jcache.configuration.CairnConfiguration;
import io.cairn.jcache.event.EntryEventImpl;
import io.cairn.jcache.event.EventDispatcher;
import io.cairn.jcache.expiry.ExpiryPolicyAdapter;
import io.cairn.jcache.integration.LoaderAdapter;
import io.cairn.jcache.integration.WriterAdapter;
import io.cairn.jcache.management.CacheMXBeanImpl;
import io.cairn.jcache.management.CacheStatisticsImpl;
import io.cairn.jcache.management.MBeans;
import io.cairn.jcache.processor.EntryProcessorEntry;
import io.cairn.jcache.processor.EntryProcessorResultImpl;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Predicate;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.configuration.Configuration;
import javax.cache.integration.CacheLoaderException;
import javax.cache.integration.CompletionListener;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.EntryProcessorException;
import javax.cache.processor.EntryProcessorResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cairn's {@link Cache}: the JCache semantics (expiry policy, listeners, loader, writer,
 * statistics) over an {@link EntryStore}, off the heap for store-by-value caches.
 *
 * <p>Every operation opens with the closed-state check and rejects null keys and values with {@link
 * NullPointerException} before touching the store. Each single-key change runs inside one {@link
 * EntryStore#compute}, so it is atomic for its key: the writer, the expiry policy and the change
 * happen together, and events are queued for asynchronous listeners in the key's order. Synchronous
 * listeners run after the key is released, before the operation returns.
 *
 * <p>Exceptions, each translated at one place: loader and writer failures by {@link LoaderAdapter}
 * and {@link WriterAdapter}; entry processor failures by {@link EntryProcessorEntry#run};
 * serialization failures are {@link io.cairn.jcache.serialization.SerializationException}s; the
 * engine's refusal of a key or value too large for a segment becomes a {@link CacheException} in
 * {@link OffHeapStore}. Listener failures reach the caller as {@code CacheEntryListenerException}
 * after the change is made.
 *
 * <p>Threading: thread-safe. User callbacks (writer, expiry policy, entry processor, and the loader
 * inside {@link #invoke}) run while the key is held and must not call this cache.
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
  private final EntryChanges<K, V> changes;
  private final ExpiryPolicyAdapter expiry;
  private final LoaderAdapter<K, V> loader;
  private final WriterAdapter<K, V> writer;
  private final EventDispatcher<K, V> dispatcher;
  private final CacheStatisticsImpl statistics = new CacheStatisticsImpl();
  private final Executor executor = ForkJoinPool.commonPool();
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
        new EntryChanges<>(
            this,
            expiry,
            writer,
            dispatcher,
            statistics,
            expirations ->
                configuration.isStoreByValue()
                    ? OffHeapStore.open(
                        name, configuration, classLoader, manager.sharedCapacity(), expirations)
                    : new HeapStore<>(System::currentTimeMillis, expirations));
    this.store = changes.store();
    statistics.setEnabled(configuration.isStatisticsEnabled());
  }

  // ---------------------------------------------------------------------------------------------
  // Reads

  @Override
  public V get(K key) {
    requireOpen();
    requireKey(key);
    long start = statistics.start();
    V value = store.get(key);
    if (value == null) {
      statistics.misses(1);
      if (configuration.isReadThrough() && loader != null) {
        value = loadAndStore(key, loader.load(key));
      }
    } else {
      statistics.hits(1);
      changes.accessed(key);
    }
    statistics.getTime(start);
    return value;
  }

  @Override
  public Map<K, V> getAll(Set<? extends K> keys) {
    requireOpen();
    requireKeys(keys);
    long start = statistics.start();
    Map<K, V> result = new LinkedHashMap<>(keys.size() * 2);
    List<K> missing = new ArrayList<>();
    for (K key : keys) {
      V value = store.get(key);
      if (value == null) {
        missing.add(key);
      } else {
        changes.accessed(key);
        result.put(key, value);
      }
    }
    statistics.hits(result.size());
    statistics.misses(missing.size());
    if (!missing.isEmpty() && configuration.isReadThrough() && loader != null) {
      Map<K, V> loaded = loader.loadAll(missing);
      for (K key : missing) { // only the keys asked for: a loader may return more
        V value = loaded.get(key);
        if (value != null) {
          result.put(key, loadAndStore(key, value));
        }
      }
    }
    statistics.getTime(start);
    return result;
  }

  @Override
  public boolean containsKey(K key) {
    requireOpen();
    requireKey(key);
    return store.containsKey(key);
  }

  /** Stores a loaded value unless a live one appeared meanwhile; returns the value to return. */
  private V loadAndStore(K key, V loaded) {
    if (loaded == null) {
      return null;
    }
    List<EntryEventImpl<K, V>> events = new ArrayList<>(0);
    V value =
        changes.compute(
            key,
            events,
            slot -> {
              V current = slot.value();
              if (current != null) {
                return current;
              }
              changes.create(slot, key, loaded, events);
              return loaded;
            });
    dispatcher.deliverSynchronous(events);
    return value;
  }

  @Override
  public void loadAll(
      Set<? extends K> keys, boolean replaceExistingValues, CompletionListener listener) {
    requireOpen();
    requireKeys(keys);
    CompletionListener completion = listener == null ? NoCompletion.INSTANCE : listener;
    if (loader == null) {
      completion.onCompletion();
      return;
    }
    List<K> toLoad = new ArrayList<>(keys);
    executor.execute(() -> loadAllNow(toLoad, replaceExistingValues, completion));
  }

  private void loadAllNow(List<K> keys, boolean replace, CompletionListener completion) {
    try {
      if (!replace) {
        keys.removeIf(store::containsKey);
      }
      if (!keys.isEmpty()) {
        List<EntryEventImpl<K, V>> events = new ArrayList<>(0);
        for (Map.Entry<K, V> loaded : loader.loadAll(keys).entrySet()) {
          K key = loaded.getKey();
          V value = loaded.getValue();
          if (key == null || value == null) {
            continue;
          }
          changes.compute(
              key,
              events,
              slot -> {
                if (slot.value() == null) {
                  changes.create(slot, key, value, events);
                } else if (replace) {
                  changes.update(slot, key, value, events);
                }
                return null;
              });
        }
        dispatcher.deliverSynchronous(events);
      }
      completion.onCompletion();
    } catch (RuntimeException e) {
      completion.onException(
          e instanceof CacheLoaderException ? e : new CacheLoaderException(e.toString(), e));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Writes

  @Override
  public void put(K key, V value) {
    requireOpen();
    requireEntry(key, value);
    long start = statistics.start();
    List<EntryEventImpl<K, V>> events = new ArrayList<>(0);
    boolean stored =
        changes.compute(key, events, slot -> changes.write(slot, key, value, true, events));
    statistics.put(stored ? 1 : 0, start);
    dispatcher.deliverSynchronous(events);
  }

  @Override
  public V getAndPut(K key, V value) {
    requireOpen();
    requireEntry(key, value);
    long start = statistics.start();
    List<EntryEventImpl<K, V>> events = new ArrayList<>(0);
    Object[] previous = new Object[1];
    boolean stored =
        changes.compute(
            key,
            events,
            slot -> {
              previous[0] = slot.value();
              return changes.write(slot, key, value, true, events);
            });
    @SuppressWarnings("unchecked")
    V old = (V) previous[0];
    statistics.got(old != null, start);
    statistics.put(stored ? 1 : 0, start);
    dispatcher.deliverSynchronous(events);
    return old;
  }

  @Override
  public void putAll(Map<? extends K, ? extends V> map) {
    requireOpen();
    Objects.requireNonNull(map, "map");
    Map<K, V> toStore = new LinkedHashMap<>(map.size() * 2);
    for (Map.Entry<? extends K, ? extends V> entry : map.entrySet()) {
      requireEntry(entry.getKey(), entry.getValue());
      toStore.put(entry.getKey(), entry.getValue());
    }
    long start = statistics.start();
    CacheException failure = null;
    if (writer != null && !toStore.isEmpty()) {
      List<Cache.Entry<? extends K, ? extends V>> unwritten = new ArrayList<>(toStore.size());
      toStore.forEach((k, v) -> unwritten.add(new EntryImpl<>(k, v)));
      failure = writer.writeAll(unwritten);
      for (Cache.Entry<? extends K, ? extends V> entry : unwritten) {
        toStore.remove(entry.getKey());
      }
    }
    List<EntryEventImpl<K, V>> events = new ArrayList<>(0);
    int puts = 0;
    for (Map.Entry<K, V> entry : toStore.entrySet()) {
      K key = entry.getKey();
      V value = entry.getValue();
      if (changes.compute(key, events, slot -> changes.write(slot, key, value, false, events))) {
        puts++;
      }
    }
    statistics.put(puts, start);
    dispatcher.deliverSynchronous(events);
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public boolean putIfAbsent(K key, V value) {
    requireOpen();
    requireEntry(key, value);
    long start = statistics.start();
    List<EntryEventImpl<K, V>> events = new ArrayList<>(0);
    boolean[] existed = new boolean[1];
    boolean stored =
        changes.compute(
            key,
            events,
            slot -> {
              existed[0] = slot.value() != null;
              return !existed[0] && changes.write(slot, key, value, true, events);
            });
    statistics.got(existed[0], start);
    statistics.put(stored ? 1 : 0, start);
    dispatcher.deliverSynchronous(events);
    return stored;
  }

  @Override
  public boolean replace(K key, V oldValue, V newValue) {
    requireOpen();
    requireEntry(key, newValue);
    Objects.requireNonNull(oldValue, "oldValue");
    long start = statistics.start();
    List<EntryEventImpl<K, V>> events = new ArrayList<>(0);
    boolean replaced =
        ifEquals(key, oldValue, start, events, s -> changes.write(s, key, newValue, true, events));
    statistics.put(replaced ? 1 : 0, start);
    dispatcher.deliverSynchronous(events);
    return replaced;
  }

  /**
   * Runs {@code change} on the live entry of {@code key} if its value equals {@code expected};
   * otherwise, if there is one, counts an access. Counts a hit or a miss; returns the change's
   * result, or false if it did not run.
   */
  private boolean ifEquals(
      K key,
      V expected,
      long start,
      List<EntryEventImpl<K, V>> events,
      Predicate<EntryStore.Slot<V>> change) {
    boolean[] existed = new boolean[1];
    boolean changed =
        changes.compute(
            key,
            events,
            slot -> {
              V current = slot.value();
              existed[0] = current != null;
              if (current == null) {
                return false;
              } else if (!current.equals(expected)) {
                changes.accessed(slot);
                return false;
              }
              return change.test(slot);
            });
    statistics.got(existed[0], start);
    return changed;
  }

  @Override
  public boolean replace(K key, V value) {
    return getAndReplace(key, value) != null;
  }

  @Override
  public V getAndReplace(K key, V value) {
    requireOpen();
    requireEntry(key, value);
    long start = statistics.start();
    List<EntryEventImpl<K, V>> events = new ArrayList<>(0);
    V old =
        changes.compute(
            key,
            events,
            slot -> {
              V current = slot.value();
              if (current != null) {
                changes.write(slot, key, value, true, events);
              }
              return current;
            });
    statistics.got(old != null, start);
    statistics.put(old != null ? 1 : 0, start);
    dispatcher.deliverSynchronous(events);
    return old;
  }

  // ---------------------------------------------------------------------------------------------
  // Removals

  @Override
  public boolean remove(K key) {
    return removeReturningOld(key, false) != null;
  }

  @Override
  public boolean remove(K key, V oldValue) {
    requireOpen();
    requireEntry(key, oldValue);
    long start = statistics.start();
    List<EntryEventImpl<K, V>> events = new ArrayList<>(0);
    boolean removed =
        ifEquals(key, oldValue, start, events, s -> changes.delete(s, key, true, events) != null);
    statistics.removed(removed ? 1 : 0, start);
    dispatcher.deliverSynchronous(events);
    return removed;
  }

  @Override
  public V getAndRemove(K key) {
    return removeReturningOld(key, true);
  }

  /** Removes {@code key}'s entry and returns the value it had; {@code asGet} also counts a get. */
  private V removeReturningOld(K key, boolean asGet) {
    requireOpen();
    requireKey(key);
    long start = statistics.start();
    List<EntryEventImpl<K, V>> events = new ArrayList<>(0);
    V old = changes.compute(key, events, slot -> changes.delete(slot, key, true, events));
    if (asGet) {
      statistics.got(old != null, start);
    }
    statistics.removed(old != null ? 1 : 0, start);
    dispatcher.deliverSynchronous(events);
    return old;
  }

  @Override
  public void removeAll(Set<? extends K> keys) {
    requireOpen();
    requireKeys(keys);
    removeKeys(new LinkedHashSet<K>(keys));
  }

  @Override
  public void removeAll() {
    requireOpen();
    Set<K> keys = new LinkedHashSet<>();
    for (Iterator<EntryImpl<K, V>> it = store.iterator(); it.hasNext(); ) {
      keys.add(it.next().getKey());
    }
    removeKeys(keys);
  }

  private void removeKeys(Set<K> keys) {
    long start = statistics.start();
    CacheException failure = null;
    if (writer != null && !keys.isEmpty()) {
      List<K> undeleted = new ArrayList<>(keys);
      failure = writer.deleteAll(undeleted);
      keys.removeAll(undeleted);
    }
    List<EntryEventImpl<K, V>> events = new ArrayList<>(0);
    int removals = 0;
    for (K key : keys) {
      if (changes.compute(key, events, slot -> changes.delete(slot, key, false, events)) != null) {
        removals++;
      }
    }
    statistics.removed(removals, start);
    dispatcher.deliverSynchronous(events);
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public void clear() {
    requireOpen();
    store.clear();
  }

  // ---------------------------------------------------------------------------------------------
  // Entry processors

  @Override
  public <T> T invoke(K key, EntryProcessor<K, V, T> processor, Object... arguments) {
    requireOpen();
    requireKey(key);
    Objects.requireNonNull(processor, "processor");
    long start = statistics.start();
    Function<K, V> load = configuration.isReadThrough() && loader != null ? loader::load : null;
    List<EntryEventImpl<K, V>> events = new ArrayList<>(0);
    T result =
        changes.compute(
            key,
            events,
            slot -> {
              EntryProcessorEntry<K, V> entry = new EntryProcessorEntry<>(key, slot.value(), load);
              statistics.got(entry.existed(), start);
              T value = entry.run(processor, arguments);
              apply(slot, entry, start, events);
              return value;
            });
    dispatcher.deliverSynchronous(events);
    return result;
  }

  /** Applies the net action of a processor, while the key is still held. */
  private void apply(
      EntryStore.Slot<V> slot,
      EntryProcessorEntry<K, V> entry,
      long start,
      List<EntryEventImpl<K, V>> events) {
    K key = entry.getKey();
    switch (entry.action()) {
      case NONE -> {}
      case READ -> changes.accessed(slot);
      case LOADED -> changes.create(slot, key, entry.value(), events);
      case CREATED, UPDATED -> {
        statistics.put(changes.write(slot, key, entry.value(), true, events) ? 1 : 0, start);
      }
      case DELETED -> {
        statistics.removed(changes.delete(slot, key, true, events) != null ? 1 : 0, start);
      }
    }
  }

  @Override
  public <T> Map<K, EntryProcessorResult<T>> invokeAll(
      Set<? extends K> keys, EntryProcessor<K, V, T> processor, Object... arguments) {
    requireOpen();
    requireKeys(keys);
    Objects.requireNonNull(processor, "processor");
    Map<K, EntryProcessorResult<T>> results = new HashMap<>(keys.size() * 2);
    for (K key : keys) {
      try {
        T result = invoke(key, processor, arguments);
        if (result != null) {
          results.put(key, EntryProcessorResultImpl.of(result));
        }
      } catch (EntryProcessorException e) {
        results.put(key, EntryProcessorResultImpl.failed(e));
      } catch (RuntimeException e) {
        results.put(key, EntryProcessorResultImpl.failed(new EntryProcessorException(e)));
      }
    }
    return results;
  }

  // ---------------------------------------------------------------------------------------------
  // Iteration

  @Override
  public Iterator<Cache.Entry<K, V>> iterator() {
    requireOpen();
    Iterator<EntryImpl<K, V>> entries = store.iterator();
    return new Iterator<>() {
      private EntryImpl<K, V> last;

      @Override
      public boolean hasNext() {
        requireOpen();
        return entries.hasNext();
      }

      @Override
      public Cache.Entry<K, V> next() {
        requireOpen();
        long start = statistics.start();
        EntryImpl<K, V> entry = entries.next();
        last = entry;
        changes.accessed(entry.getKey());
        statistics.got(true, start);
        return entry;
      }

      @Override
      public void remove() {
        requireOpen();
        if (last == null) {
          throw new IllegalStateException("next() was not called, or remove() was already");
        }
        K key = last.getKey();
        last = null;
        CacheImpl.this.remove(key);
      }
    };
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

  @Override
  public <T> T unwrap(Class<T> clazz) {
    ByteStore engine = engine();
    return engine != null && clazz.isInstance(engine) && !clazz.isInstance(this)
        ? clazz.cast(engine)
        : Unwrapping.unwrap(this, clazz);
  }

  /** The engine under a store-by-value cache, or {@code null} for a store-by-reference one. */
  ByteStore engine() {
    return store instanceof OffHeapStore<K, V> offHeap ? offHeap.engine() : null;
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    manager.release(this);
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

  // ---------------------------------------------------------------------------------------------
  // Helpers

  /** The closed-state check that opens every operation. */
  private void requireOpen() {
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

  /** The completion listener of a {@code loadAll} called without one. */
  private enum NoCompletion implements CompletionListener {
    INSTANCE;

    @Override
    public void onCompletion() {}

    @Override
    public void onException(Exception e) {
      LOG.warn("loadAll failed", e);
    }
  }
}
