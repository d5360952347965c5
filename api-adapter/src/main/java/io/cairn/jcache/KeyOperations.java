package io.cairn.jcache;

import static io.cairn.jcache.expiry.ExpiryPolicyAdapter.UNCHANGED;

import io.cairn.jcache.integration.LoaderAdapter;
import io.cairn.jcache.management.CacheStatisticsImpl;
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
        long token = changes.loadStarts(stored);
        value = loadAndStore(stored, loader.load(key), token, null);
      }
    } else {
      statistics.hits(1);
    }
    statistics.getTime(start);
    return value;
  }

  /**
   * Stores a loaded value unless a live one appeared meanwhile, or an invalidation from another
   * member arrived since the load began; returns the value to return.
   *
   * @param token what {@link Changes#loadStarts} returned before the loader was called
   * @param pending where to add the events and the changed key, or {@code null} to report now
   */
  V loadAndStore(StoreKey<K> key, V loaded, long token, Pending<K, V> pending) {
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
          if (changes.mayStore(key, token)) {
            change.createLoaded(value);
          }
          return loaded;
        },
        pending);
  }

  /**
   * The skeleton of a write of {@code value}: the value is serialized before the key is held, and
   * {@code body} runs as the change, given the prepared value and the operation's start.
   */
  private <R> R writing(K key, V value, boolean withValue, WriteBody<K, V, R> body) {
    long start = statistics.start();
    StoreValue<V> stored = store.value(value);
    return changes.apply(store.key(key), withValue, change -> body.apply(change, stored, start));
  }

  /** The body of {@link #writing}. */
  @FunctionalInterface
  private interface WriteBody<K, V, R> {
    R apply(Change<K, V> change, StoreValue<V> value, long start);
  }

  /** Writes through and counts the put; returns whether an entry is stored. */
  private boolean put(Change<K, V> change, StoreValue<V> value, long start) {
    boolean written = change.write(value, true);
    statistics.put(written ? 1 : 0, start);
    return written;
  }

  void put(K key, V value) {
    if (changes.blindPuts()) {
      long start = statistics.start();
      long now = store.now();
      long at = changes.expiry().anyWrite(now);
      if (at != UNCHANGED && at > now) { // else a zero duration: the full path says what it means
        StoreValue<V> stored = store.value(value);
        try {
          changes.put(store.key(key), stored, at);
          statistics.put(1, start);
          return;
        } catch (EntryTooLargeException e) {
          // Refused and nothing changed: the full path throws it or skips it, removing the older
          // value, as the cache's oversized-values setting says.
        }
      }
    }
    writing(key, value, changes.wants(EventType.UPDATED), this::put);
  }

  V getAndPut(K key, V value) {
    return writing(
        key,
        value,
        true,
        (change, stored, start) -> {
          V old = change.value();
          put(change, stored, start);
          statistics.got(old != null, start);
          return old;
        });
  }

  boolean putIfAbsent(K key, V value) {
    return writing(
        key,
        value,
        false,
        (change, stored, start) -> {
          boolean existed = change.exists();
          boolean written = !existed && put(change, stored, start);
          statistics.got(existed, start);
          return written;
        });
  }

  boolean replace(K key, V oldValue, V newValue) {
    long start = statistics.start();
    StoreValue<V> stored = store.value(newValue);
    return ifEquals(key, oldValue, start, change -> put(change, stored, start));
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
    return writing(
        key,
        value,
        withOld || changes.wants(EventType.UPDATED),
        (change, stored, start) -> {
          boolean existed = change.exists();
          V old = withOld ? change.value() : null;
          boolean written = existed && put(change, stored, start);
          statistics.got(existed, start);
          return new Outcome<>(written, old);
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
