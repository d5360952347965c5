package io.cairn.jcache;

import static io.cairn.jcache.expiry.ExpiryPolicyAdapter.UNCHANGED;

import io.cairn.jcache.event.EntryEventImpl;
import io.cairn.jcache.event.EventDispatcher;
import io.cairn.jcache.expiry.ExpiryPolicyAdapter;
import io.cairn.jcache.integration.WriterAdapter;
import io.cairn.jcache.spi.CacheExtension;
import java.util.List;
import java.util.function.Function;
import javax.cache.Cache;
import javax.cache.event.EventType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The skeleton every single-key change of a cache follows, prepare outside, commit inside:
 *
 * <ol>
 *   <li>take the key's exact lock ({@link KeyLocks}): other keys are never delayed;
 *   <li>read the live entry and its version ({@link EntryStore#read});
 *   <li>run the operation's body, which calls the writer, the expiry policy, the entry processor or
 *       the loader and prepares one store change ({@link Change}), holding no store lock;
 *   <li>commit that change against the version read ({@link Change#commit});
 *   <li>queue the events for asynchronous listeners, still holding the key, so that they reach each
 *       listener in the order of the key's changes;
 *   <li>release the key: removal reports of other keys that arrived meanwhile are delivered now
 *       ({@link KeyLocks#afterRelease}), then the operation's own events go to the synchronous
 *       listeners, whose first failure reaches the caller after the change is made;
 *   <li>a change that stored or removed the entry is reported to the cache's extension, if it has
 *       one ({@link CacheExtension#written}: a cluster's invalidation), before those listeners and
 *       holding no key, since it may wait for other members.
 * </ol>
 *
 * <p>Invalidations from other members ({@link #invalidate}) remove an entry holding its key and
 * fence the loads of that key in flight ({@link LoadFence}), so a value loaded before the change
 * that caused the invalidation is not stored after it.
 *
 * <p>If the body throws, nothing is committed and no event is raised; expirations the read found
 * were reported by the store already, so they are not lost.
 *
 * <p>Threading: thread-safe.
 *
 * @param <K> the type of keys
 * @param <V> the type of values
 */
final class Changes<K, V> {
  private static final Logger LOG = LoggerFactory.getLogger(Changes.class);

  private final Cache<K, V> source;
  private final EntryStore<K, V> store;
  private final ExpiryPolicyAdapter expiry;
  private final WriterAdapter<K, V> writer;
  private final EventDispatcher<K, V> dispatcher;
  private final OversizedPuts oversized;
  private final KeyLocks<StoreKey<K>> locks = new KeyLocks<>();
  private final LoadFence fence = new LoadFence();
  private volatile CacheExtension extension; // null: a local cache

  /**
   * Changes of the entries of {@code source}.
   *
   * @param writer the writer, or {@code null} without write-through
   * @param oversized what a write the store refuses as too large does
   * @param stores opens the store, given the callback for its expirations
   */
  Changes(
      Cache<K, V> source,
      ExpiryPolicyAdapter expiry,
      WriterAdapter<K, V> writer,
      EventDispatcher<K, V> dispatcher,
      OversizedPuts oversized,
      Function<EntryStore.Expirations<K, V>, EntryStore<K, V>> stores) {
    this.source = source;
    this.expiry = expiry;
    this.writer = writer;
    this.dispatcher = dispatcher;
    this.oversized = oversized;
    this.store = stores.apply(new Expirations());
  }

  /**
   * Runs {@code body} on the entry of {@code key} as one atomic change, then delivers its events to
   * the synchronous listeners.
   *
   * @param withValue whether the body needs the current value (else it may ask only whether one
   *     exists)
   */
  <R> R apply(StoreKey<K> key, boolean withValue, Function<Change<K, V>, R> body) {
    return apply(key, withValue, body, null);
  }

  /**
   * As {@link #apply(StoreKey, boolean, Function)}, but adds the events for synchronous listeners
   * and the changed key to {@code pending} instead of reporting them, unless it is {@code null}:
   * for bulk operations, which report once for all their keys ({@link #deliver}).
   */
  <R> R apply(
      StoreKey<K> key, boolean withValue, Function<Change<K, V>, R> body, Pending<K, V> pending) {
    List<EntryEventImpl<K, V>> events;
    boolean changed;
    R result;
    KeyLocks.Owner owner = locks.lock(key);
    try {
      Change<K, V> change = new Change<>(this, key, store.read(key, withValue), store.now());
      result = body.apply(change);
      change.commit(store);
      changed = change.changesEntry();
      events = change.events();
      dispatcher.enqueueAsynchronous(events);
    } finally {
      locks.unlock(key, owner);
    }
    if (pending != null) {
      pending.events.addAll(events);
      if (changed && extension != null) {
        pending.written.add(key.bytes());
      }
    } else {
      RuntimeException failure = changed ? written(key) : null;
      if (!events.isEmpty()) {
        dispatcher.deliverSynchronous(events);
      }
      if (failure != null) {
        throw failure;
      }
    }
    return result;
  }

  /** As {@link #written(List)} for one key; allocates nothing without an extension. */
  private RuntimeException written(StoreKey<K> key) {
    return extension == null ? null : written(List.of(key.bytes()));
  }

  /** Tells the extension, if any, of changed keys; returns its failure instead of throwing it. */
  private RuntimeException written(List<byte[]> keys) {
    CacheExtension hook = extension;
    if (hook == null || keys.isEmpty()) {
      return null;
    }
    try {
      hook.written(keys);
      return null;
    } catch (RuntimeException e) {
      return e;
    }
  }

  /** Tells the extension, if any, that every entry was removed. */
  void cleared() {
    CacheExtension hook = extension;
    if (hook != null) {
      hook.cleared();
    }
  }

  /** Hooks {@code extension} into every later change; set once, before the cache is handed out. */
  void extend(CacheExtension extension) {
    this.extension = extension;
  }

  /** The cache's extension, or {@code null}. */
  CacheExtension extension() {
    return extension;
  }

  /** The token of a load of {@code key} about to call the loader ({@link LoadFence}). */
  long loadStarts(StoreKey<K> key) {
    return fence.loadStarts(key);
  }

  /** Whether a load that began with {@code token} may store; asked holding the key. */
  boolean mayStore(StoreKey<K> key, long token) {
    return fence.mayStore(key, token);
  }

  /**
   * Drops the entry of {@code key} as another member asks: fences the key's loads in flight, then
   * removes the entry holding the key, raising nothing.
   */
  void invalidate(StoreKey<K> key) {
    fence.invalidated(key);
    KeyLocks.Owner owner = locks.lock(key);
    try {
      for (Current<V> current = store.read(key, false);
          current != null && !store.commit(key, current.version(), null, 0);
          current = store.read(key, false)) {
        // moved by the store itself meanwhile (a compaction): remove it where it is now
      }
    } finally {
      locks.unlock(key, owner);
    }
  }

  /** Drops every entry as another member asks, fencing every load in flight. */
  void invalidateAll() {
    fence.invalidatedAll();
    store.clear();
  }

  /**
   * Whether a put needs nothing of the entry it replaces and may skip reading it ({@link #put}): no
   * writer to call, no listener to tell of a creation or an update. The expiry must not depend on
   * the entry either ({@link ExpiryPolicyAdapter#anyWrite}). A listener registered meanwhile misses
   * the put as it would had it registered a moment later.
   */
  boolean blindPuts() {
    return writer == null && !dispatcher.hasListenerFor(EventType.CREATED, EventType.UPDATED);
  }

  /**
   * Stores {@code value} until {@code expireAt} holding the key, without reading the entry first:
   * one engine operation instead of a read and a commit. Holding the key keeps it atomic with the
   * cache's other changes of that key.
   */
  void put(StoreKey<K> key, StoreValue<V> value, long expireAt) {
    KeyLocks.Owner owner = locks.lock(key);
    try {
      store.put(key, value, expireAt);
    } finally {
      locks.unlock(key, owner);
    }
    RuntimeException failure = written(key);
    if (failure != null) {
      throw failure;
    }
  }

  /**
   * Reports what a bulk operation collected: the changed keys to the extension, then the events to
   * the synchronous listeners. If the operation failed ({@code failure} non-null), a later failure
   * is logged and {@code failure} thrown, else the first later one is thrown.
   */
  void deliver(Pending<K, V> pending, RuntimeException failure) {
    RuntimeException invalidation = written(pending.written);
    if (invalidation != null) {
      if (failure == null) {
        failure = invalidation;
      } else {
        failure.addSuppressed(invalidation);
      }
    }
    try {
      dispatcher.deliverSynchronous(pending.events);
    } catch (RuntimeException e) {
      if (failure == null) {
        throw e;
      }
      LOG.warn("a listener of cache {} failed after the operation failed", source.getName(), e);
    }
    if (failure != null) {
      throw failure;
    }
  }

  /**
   * Reads the live value of {@code key} as an access: the policy's new expiry is set only on the
   * entry read (a versioned touch), never on one written after the read.
   */
  V readAccessed(StoreKey<K> key) {
    if (expiry.accessNeverChanges()) {
      return store.get(key);
    }
    Current<V> current = store.read(key, true);
    if (current == null) {
      return null;
    }
    V value = current.value();
    accessed(key, current);
    return value;
  }

  /** Applies the access expiry to the entry {@code current} of {@code key}, if still that one. */
  void accessed(StoreKey<K> key, Current<V> current) {
    long at = expiry.access(store.now());
    if (at != UNCHANGED) {
      store.touch(key, current.version(), at);
    }
  }

  boolean wants(EventType type) {
    return dispatcher.hasListenerFor(type);
  }

  EntryStore<K, V> store() {
    return store;
  }

  ExpiryPolicyAdapter expiry() {
    return expiry;
  }

  WriterAdapter<K, V> writer() {
    return writer;
  }

  OversizedPuts oversized() {
    return oversized;
  }

  Cache<K, V> source() {
    return source;
  }

  /**
   * Hears from the store of entries that expired. The event is queued for asynchronous listeners at
   * once (queueing never blocks); synchronous listeners hear of it once this thread holds no key,
   * and their failures, {@link Error} included, are logged, never thrown into the store.
   */
  private final class Expirations implements EntryStore.Expirations<K, V> {
    @Override
    public boolean wanted() {
      return dispatcher.hasListenerFor(EventType.EXPIRED);
    }

    @Override
    public void expired(K key, V value) {
      if (!wanted()) {
        return;
      }
      List<EntryEventImpl<K, V>> events =
          List.of(new EntryEventImpl<>(source, EventType.EXPIRED, key, value, value));
      dispatcher.enqueueAsynchronous(events);
      KeyLocks.afterRelease(
          () -> {
            try {
              dispatcher.deliverSynchronous(events);
            } catch (RuntimeException | Error e) {
              LOG.warn("a listener failed on the expiry of a key in cache {}", source.getName(), e);
            }
          });
    }
  }
}
