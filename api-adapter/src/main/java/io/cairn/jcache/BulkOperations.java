package io.cairn.jcache;

import io.cairn.jcache.integration.LoaderAdapter;
import io.cairn.jcache.integration.WriterAdapter;
import io.cairn.jcache.management.CacheStatisticsImpl;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import javax.cache.Cache;
import javax.cache.event.EventType;
import javax.cache.integration.CacheLoaderException;
import javax.cache.integration.CompletionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cache's operations on many keys: each key changes on its own ({@link Changes#apply}), the
 * writer or loader is called once for all of them, and the synchronous listeners hear of every
 * change made even when a later key fails: events are delivered in a {@code finally}, before the
 * failure is thrown.
 *
 * <p>Threading: thread-safe. No key is held while the writer or loader runs for the whole batch.
 *
 * @param <K> the type of keys
 * @param <V> the type of values
 */
final class BulkOperations<K, V> {
  private static final Logger LOG = LoggerFactory.getLogger(BulkOperations.class);

  private final KeyOperations<K, V> single;
  private final Changes<K, V> changes;
  private final EntryStore<K, V> store;
  private final LoaderAdapter<K, V> loader;
  private final WriterAdapter<K, V> writer;
  private final CacheStatisticsImpl statistics;
  private final Executor executor;

  BulkOperations(
      KeyOperations<K, V> single,
      Changes<K, V> changes,
      LoaderAdapter<K, V> loader,
      CacheStatisticsImpl statistics,
      Executor executor) {
    this.single = single;
    this.changes = changes;
    this.store = changes.store();
    this.loader = loader;
    this.writer = changes.writer();
    this.statistics = statistics;
    this.executor = executor;
  }

  Map<K, V> getAll(Set<? extends K> keys) {
    long start = statistics.start();
    Map<K, V> result = new LinkedHashMap<>(keys.size() * 2);
    Map<K, Missing<K>> missing = new LinkedHashMap<>();
    for (K key : keys) {
      StoreKey<K> stored = store.key(key);
      V value = changes.readAccessed(stored);
      if (value == null) {
        missing.put(key, new Missing<>(stored, changes.loadStarts(stored)));
      } else {
        result.put(key, value);
      }
    }
    statistics.hits(result.size());
    statistics.misses(missing.size());
    if (!missing.isEmpty() && single.readThrough()) {
      Map<K, V> loaded = loader.loadAll(missing.keySet());
      Pending<K, V> pending = new Pending<>();
      RuntimeException failure = null;
      try {
        for (Map.Entry<K, Missing<K>> key : missing.entrySet()) { // a loader may return more
          Missing<K> miss = key.getValue();
          V value =
              single.loadAndStore(miss.key(), loaded.get(key.getKey()), miss.token(), pending);
          if (value != null) {
            result.put(key.getKey(), value);
          }
        }
      } catch (RuntimeException e) {
        failure = e;
      }
      changes.deliver(pending, failure);
    }
    statistics.getTime(start);
    return result;
  }

  /** A key a read missed, and the token its load began with ({@link Changes#loadStarts}). */
  private record Missing<K>(StoreKey<K> key, long token) {}

  void loadAll(Set<? extends K> keys, boolean replace, CompletionListener listener) {
    CompletionListener completion = listener == null ? NoCompletion.INSTANCE : listener;
    if (loader == null) {
      completion.onCompletion();
      return;
    }
    List<K> toLoad = new ArrayList<>(keys);
    executor.execute(() -> loadAllNow(toLoad, replace, completion));
  }

  private void loadAllNow(List<K> keys, boolean replace, CompletionListener completion) {
    try {
      if (!replace) {
        keys.removeIf(key -> store.containsKey(store.key(key)));
      }
      if (!keys.isEmpty()) {
        Map<K, Long> tokens = new LinkedHashMap<>(keys.size() * 2);
        keys.forEach(key -> tokens.put(key, changes.loadStarts(store.key(key))));
        storeLoaded(loader.loadAll(keys), tokens, replace);
      }
      completion.onCompletion();
    } catch (RuntimeException e) {
      completion.onException(
          e instanceof CacheLoaderException ? e : new CacheLoaderException(e.toString(), e));
    }
  }

  /**
   * Stores what {@code loadAll} loaded; a key whose load began with a token (in {@code tokens}) is
   * stored only if no invalidation fenced it meanwhile.
   */
  private void storeLoaded(Map<K, V> loaded, Map<K, Long> tokens, boolean replace) {
    Pending<K, V> pending = new Pending<>();
    RuntimeException failure = null;
    try {
      for (Map.Entry<K, V> entry : loaded.entrySet()) {
        if (entry.getKey() == null || entry.getValue() == null) {
          continue;
        }
        StoreValue<V> value = store.value(entry.getValue());
        StoreKey<K> key = store.key(entry.getKey());
        Long token = tokens.get(entry.getKey());
        changes.apply(
            key,
            replace && changes.wants(EventType.UPDATED),
            change -> {
              if (token != null && !changes.mayStore(key, token)) {
                return null; // invalidated since the load began: what it read may be older
              }
              if (!change.exists()) {
                change.createLoaded(value);
              } else if (replace) {
                change.update(value);
              }
              return null;
            },
            pending);
      }
    } catch (RuntimeException e) {
      failure = e;
    }
    changes.deliver(pending, failure);
  }

  void putAll(Map<? extends K, ? extends V> map) {
    // Prepared first: a key or value that cannot be serialized fails before the writer is called.
    Map<K, Prepared<K, V>> toStore = new LinkedHashMap<>(map.size() * 2);
    map.forEach((k, v) -> toStore.put(k, new Prepared<>(store.key(k), store.value(v))));
    long start = statistics.start();
    RuntimeException failure = null;
    if (writer != null && !toStore.isEmpty()) {
      List<Cache.Entry<? extends K, ? extends V>> unwritten = new ArrayList<>(toStore.size());
      map.forEach((k, v) -> unwritten.add(new EntryImpl<>(k, v)));
      failure = writer.writeAll(unwritten);
      for (Cache.Entry<? extends K, ? extends V> entry : unwritten) {
        toStore.remove(entry.getKey());
      }
    }
    Pending<K, V> pending = new Pending<>();
    int puts = 0;
    try {
      boolean withValue = changes.wants(EventType.UPDATED);
      for (Prepared<K, V> entry : toStore.values()) {
        if (changes.apply(entry.key(), withValue, c -> c.write(entry.value(), false), pending)) {
          puts++;
        }
      }
    } catch (RuntimeException e) {
      failure = first(failure, e);
    } finally {
      statistics.put(puts, start);
    }
    changes.deliver(pending, failure);
  }

  /** A key and value serialized for the store. */
  private record Prepared<K, V>(StoreKey<K> key, StoreValue<V> value) {}

  void removeAll(Set<K> keys) {
    Map<K, StoreKey<K>> toRemove = new LinkedHashMap<>(keys.size() * 2);
    keys.forEach(k -> toRemove.put(k, store.key(k)));
    long start = statistics.start();
    RuntimeException failure = null;
    if (writer != null && !keys.isEmpty()) {
      List<K> undeleted = new ArrayList<>(keys);
      failure = writer.deleteAll(undeleted);
      toRemove.keySet().removeAll(undeleted);
    }
    Pending<K, V> pending = new Pending<>();
    int removals = 0;
    try {
      boolean withValue = changes.wants(EventType.REMOVED);
      for (StoreKey<K> key : toRemove.values()) {
        if (changes.apply(key, withValue, change -> change.delete(false), pending)) {
          removals++;
        }
      }
    } catch (RuntimeException e) {
      failure = first(failure, e);
    } finally {
      statistics.removed(removals, start);
    }
    changes.deliver(pending, failure);
  }

  /** The failure to throw: the writer's, if it failed first, with the later one suppressed. */
  private static RuntimeException first(RuntimeException earlier, RuntimeException later) {
    if (earlier == null) {
      return later;
    }
    earlier.addSuppressed(later);
    return earlier;
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
