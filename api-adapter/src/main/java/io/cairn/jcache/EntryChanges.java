package io.cairn.jcache;

import static io.cairn.jcache.expiry.ExpiryPolicyAdapter.UNCHANGED;

import io.cairn.jcache.event.EntryEventImpl;
import io.cairn.jcache.event.EventDispatcher;
import io.cairn.jcache.expiry.ExpiryPolicyAdapter;
import io.cairn.jcache.integration.WriterAdapter;
import io.cairn.jcache.management.CacheStatisticsImpl;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import javax.cache.Cache;
import javax.cache.event.EventType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How one entry of a cache changes: the writer first, then the expiry policy, then the store, with
 * the events each change raises. {@link CacheImpl} builds every operation from these steps; the
 * steps that take a {@link EntryStore.Slot} run inside {@link #compute}, while the key is held.
 *
 * <p>Events are collected in a list the caller passes in. {@link #compute} queues the new ones for
 * asynchronous listeners before it returns; the caller delivers them to synchronous listeners once
 * it has recorded its statistics. Expirations and evictions the store reports are handled here too.
 *
 * <p>Threading: thread-safe. Asynchronous events of one key are queued in the order of its changes:
 * while asynchronous listeners are registered, {@link #compute} runs under the key's lock stripe,
 * and so does the queueing of the expirations the store reports.
 *
 * @param <K> the type of keys
 * @param <V> the type of values
 */
final class EntryChanges<K, V> {
  private static final Logger LOG = LoggerFactory.getLogger(EntryChanges.class);

  /** Lock stripes ordering the asynchronous events of a key; a power of two. */
  private static final int STRIPES = 32;

  private final Cache<K, V> source;
  private final ExpiryPolicyAdapter expiry;
  private final WriterAdapter<K, V> writer;
  private final EventDispatcher<K, V> dispatcher;
  private final CacheStatisticsImpl statistics;
  private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];
  private final EntryStore<K, V> store;

  /**
   * Steps for the entries of {@code source}.
   *
   * @param writer the writer, or {@code null} without write-through
   * @param stores opens the store, given the callback for its expirations and evictions
   */
  EntryChanges(
      Cache<K, V> source,
      ExpiryPolicyAdapter expiry,
      WriterAdapter<K, V> writer,
      EventDispatcher<K, V> dispatcher,
      CacheStatisticsImpl statistics,
      Function<EntryStore.Expirations<K, V>, EntryStore<K, V>> stores) {
    this.source = source;
    this.expiry = expiry;
    this.writer = writer;
    this.dispatcher = dispatcher;
    this.statistics = statistics;
    for (int i = 0; i < STRIPES; i++) {
      stripes[i] = new ReentrantLock();
    }
    this.store = stores.apply(new Expirations());
  }

  /** The store the steps work on. */
  EntryStore<K, V> store() {
    return store;
  }

  /** Consults the policy for an access of a live entry and applies a changed instant. */
  void accessed(K key) {
    if (expiry.accessNeverChanges()) {
      return;
    }
    long expireAt = expiry.access(store.now());
    if (expireAt != UNCHANGED) {
      store.touch(key, expireAt);
    }
  }

  /**
   * Writes {@code value} into {@code slot} as a creation or an update: through the writer first if
   * asked, then with the policy's expiry. Returns whether an entry is stored (a put).
   */
  boolean write(
      EntryStore.Slot<V> slot,
      K key,
      V value,
      boolean writeThrough,
      List<EntryEventImpl<K, V>> ev) {
    if (writeThrough && writer != null) {
      writer.write(key, value);
    }
    return slot.exists() ? update(slot, key, value, ev) : create(slot, key, value, ev);
  }

  boolean create(EntryStore.Slot<V> slot, K key, V value, List<EntryEventImpl<K, V>> events) {
    long now = slot.now();
    long expireAt = expiry.creation(now);
    if (expireAt <= now) {
      return false; // expired on arrival: never stored, never announced
    }
    slot.set(value, expireAt);
    publish(events, EventType.CREATED, key, value, null);
    return true;
  }

  boolean update(EntryStore.Slot<V> slot, K key, V value, List<EntryEventImpl<K, V>> events) {
    // The old value only for a listener that hears of updates: off the heap it costs a copy and a
    // deserialization.
    V old = dispatcher.hasListenerFor(EventType.UPDATED) ? slot.value() : null;
    long now = slot.now();
    long expireAt = expiry.update(now);
    if (expireAt != UNCHANGED && expireAt <= now) {
      // Updated and expired at once: the new value is announced, then its expiry, in that order
      // (letting the store expire it would announce the old value's expiry, before the update).
      slot.remove();
      publish(events, EventType.UPDATED, key, value, old);
      publish(events, EventType.EXPIRED, key, value, value);
      return true;
    }
    slot.set(value, expireAt == UNCHANGED ? slot.expireAt() : expireAt);
    publish(events, EventType.UPDATED, key, value, old);
    return true;
  }

  void accessed(EntryStore.Slot<V> slot) {
    long expireAt = expiry.access(slot.now());
    if (expireAt != UNCHANGED) {
      slot.setExpireAt(expireAt);
    }
  }

  /** Deletes through the writer if asked, then removes the live entry; returns its value. */
  V delete(
      EntryStore.Slot<V> slot, K key, boolean writeThrough, List<EntryEventImpl<K, V>> events) {
    if (writeThrough && writer != null) {
      writer.delete(key);
    }
    V old = slot.value();
    if (old != null) {
      slot.remove();
      publish(events, EventType.REMOVED, key, old, old);
    }
    return old;
  }

  void publish(List<EntryEventImpl<K, V>> events, EventType type, K key, V value, V oldValue) {
    if (dispatcher.hasListenerFor(type)) {
      dispatcher.publish(new EntryEventImpl<>(source, type, key, value, oldValue), events);
    }
  }

  /**
   * Runs {@code function} on the entry of {@code key} in the store and queues the events it
   * published for the asynchronous listeners.
   *
   * <p>While asynchronous listeners are registered, this runs under the key's lock stripe, and so
   * does the queueing of expirations the store reports: the store reports an expiry it finds during
   * a computation only after the computation, so without the stripe an async listener could hear of
   * a new entry before the expiry of the one it replaced.
   */
  <R> R compute(K key, List<EntryEventImpl<K, V>> events, EntryStore.Computation<V, R> function) {
    if (!dispatcher.hasAsynchronous()) {
      return store.compute(key, function);
    }
    int from = events.size();
    ReentrantLock stripe = stripe(key);
    stripe.lock();
    try {
      R result = store.compute(key, function);
      dispatcher.enqueueAsynchronous(events.subList(from, events.size()));
      return result;
    } finally {
      stripe.unlock();
    }
  }

  private ReentrantLock stripe(K key) {
    int h = key.hashCode();
    return stripes[(h ^ (h >>> 16)) & (STRIPES - 1)];
  }

  /** Hears from the store of entries that expired or were evicted. */
  private final class Expirations implements EntryStore.Expirations<K, V> {
    @Override
    public void expired(K key, V value) {
      if (!dispatcher.hasListenerFor(EventType.EXPIRED)) {
        return;
      }
      List<EntryEventImpl<K, V>> events = new ArrayList<>(1);
      publish(events, EventType.EXPIRED, key, value, value);
      if (dispatcher.hasAsynchronous()) {
        ReentrantLock stripe = stripe(key);
        stripe.lock();
        try {
          dispatcher.enqueueAsynchronous(events);
        } finally {
          stripe.unlock();
        }
      }
      try {
        dispatcher.deliverSynchronous(events);
      } catch (RuntimeException e) {
        LOG.warn("a listener failed on the expiry of a key in cache {}", source.getName(), e);
      }
    }

    @Override
    public void evicted(K key, V value) {
      statistics.evictions(1);
    }
  }
}
