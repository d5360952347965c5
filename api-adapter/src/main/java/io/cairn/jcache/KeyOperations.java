package io.cairn.jcache;

import io.cairn.jcache.event.EntryEventImpl;
import io.cairn.jcache.integration.LoaderAdapter;
import io.cairn.jcache.management.CacheStatisticsImpl;
import java.util.List;
import java.util.function.Function;
import javax.cache.event.EventType;

/**
 * A cache's operations on one key, each one atomic change ({@link Changes#apply}) whose body says
 * what the JCache method means: which value it needs, what it writes or deletes, what it counts.
 * {@link CacheImpl} checks the arguments and the closed state first.
 *
 * <p>Statistics: a get counts a hit or a miss; the write and removal counts are made inside the
 * change, once the writer accepted it.
 *
 * <p>Threading: thread-safe.
 *
 * @param <K> the type of keys
 * @param <V> the type of values
 */
final class KeyOperations<K, V> {
  private final Changes<K, V> changes;
  private final EntryStore<K, V> store;
  private final CacheStatisticsImpl statistics;
  private final LoaderAdapter<K, V> loader;

  /**
   * Operations over {@code changes}.
   *
   * @param loader the loader a get reads through, or {@code null} without read-through
   */
  KeyOperations(Changes<K, V> changes, CacheStatisticsImpl statistics, LoaderAdapter<K, V> loader) {
    this.changes = changes;
    this.store = changes.store();
    this.statistics = statistics;
    this.loader = loader;
  }

  /** Whether a missing value is loaded. */
  boolean readThrough() {
    return loader != null;
  }

  V get(K key) {
    long start = statistics.start();
    StoreKey<K> stored = store.key(key);
    V value = changes.readAccessed(stored);
    if (value == null) {
      statistics.misses(1);
      if (loader != null) {
        value = loadAndStore(stored, loader.load(key), null);
      }
    } else {
      statistics.hits(1);
    }
    statistics.getTime(start);
    return value;
  }

  /**
   * Stores a loaded value unless a live one appeared meanwhile; returns the value to return.
   *
   * @param pending where to add the events, or {@code null} to deliver them now
   */
  V loadAndStore(StoreKey<K> key, V loaded, List<EntryEventImpl<K, V>> pending) {
    if (loaded == null) {
      return null;
    }
    StoreValue<V> value = store.value(loaded);
    return changes.apply(
        key,
        true,
        change -> {
          if (change.exists()) {
            return change.value();
          }
          change.create(value);
          return loaded;
        },
        pending);
  }

  void put(K key, V value) {
    long start = statistics.start();
    StoreValue<V> stored = store.value(value);
    changes.apply(
        store.key(key),
        changes.wants(EventType.UPDATED),
        change -> {
          statistics.put(change.write(stored, true) ? 1 : 0, start);
          return null;
        });
  }

  V getAndPut(K key, V value) {
    long start = statistics.start();
    StoreValue<V> stored = store.value(value);
    return changes.apply(
        store.key(key),
        true,
        change -> {
          V old = change.value();
          boolean written = change.write(stored, true);
          statistics.got(old != null, start);
          statistics.put(written ? 1 : 0, start);
          return old;
        });
  }

  boolean putIfAbsent(K key, V value) {
    long start = statistics.start();
    StoreValue<V> stored = store.value(value);
    return changes.apply(
        store.key(key),
        false,
        change -> {
          boolean existed = change.exists();
          boolean written = !existed && change.write(stored, true);
          statistics.got(existed, start);
          statistics.put(written ? 1 : 0, start);
          return written;
        });
  }

  boolean replace(K key, V oldValue, V newValue) {
    long start = statistics.start();
    StoreValue<V> stored = store.value(newValue);
    return ifEquals(
        key,
        oldValue,
        start,
        change -> {
          boolean written = change.write(stored, true);
          statistics.put(written ? 1 : 0, start);
          return written;
        });
  }

  /**
   * Runs {@code action} on the live entry of {@code key} if its value equals {@code expected};
   * otherwise, if there is one, counts an access. Counts a hit or a miss; returns the action's
   * result, or false if it did not run.
   */
  private boolean ifEquals(K key, V expected, long start, Function<Change<K, V>, Boolean> action) {
    return changes.apply(
        store.key(key),
        true,
        change -> {
          V current = change.value();
          statistics.got(current != null, start);
          if (current == null) {
            return false;
          } else if (!current.equals(expected)) {
            change.accessed();
            return false;
          }
          return action.apply(change);
        });
  }

  boolean replace(K key, V value) {
    return replaceReturningOld(key, value, false).happened();
  }

  V getAndReplace(K key, V value) {
    return replaceReturningOld(key, value, true).old();
  }

  /** Replaces the value of a live entry; with {@code withOld}, the outcome holds the old value. */
  private Outcome<V> replaceReturningOld(K key, V value, boolean withOld) {
    long start = statistics.start();
    StoreValue<V> stored = store.value(value);
    return changes.apply(
        store.key(key),
        withOld || changes.wants(EventType.UPDATED),
        change -> {
          boolean existed = change.exists();
          V old = withOld ? change.value() : null;
          if (existed) {
            change.write(stored, true);
          }
          statistics.got(existed, start);
          statistics.put(existed ? 1 : 0, start);
          return new Outcome<>(existed, old);
        });
  }

  /** Whether an operation's change happened, and the value it replaced or removed if asked. */
  private record Outcome<V>(boolean happened, V old) {}

  boolean remove(K key) {
    return removeReturningOld(key, false).happened();
  }

  boolean remove(K key, V oldValue) {
    long start = statistics.start();
    return ifEquals(
        key,
        oldValue,
        start,
        change -> {
          boolean removed = change.delete(true);
          statistics.removed(removed ? 1 : 0, start);
          return removed;
        });
  }

  V getAndRemove(K key) {
    return removeReturningOld(key, true).old();
  }

  /** Removes {@code key}'s entry; {@code asGet} also counts a get and returns the old value. */
  private Outcome<V> removeReturningOld(K key, boolean asGet) {
    long start = statistics.start();
    return changes.apply(
        store.key(key),
        asGet || changes.wants(EventType.REMOVED),
        change -> {
          V old = asGet ? change.value() : null;
          boolean removed = change.delete(true);
          if (asGet) {
            statistics.got(removed, start);
          }
          statistics.removed(removed ? 1 : 0, start);
          return new Outcome<>(removed, old);
        });
  }
}
