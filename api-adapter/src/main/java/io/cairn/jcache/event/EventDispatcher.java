package io.cairn.jcache.event;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.event.CacheEntryListenerException;
import javax.cache.event.EventType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers entry events to a cache's registered listeners.
 *
 * <p>Guarantees:
 *
 * <ul>
 *   <li>Synchronous listeners are called on the thread that made the change, before the cache
 *       operation returns ({@link #deliverSynchronous}); the first exception one throws reaches
 *       that caller, after every synchronous listener had its turn.
 *   <li>Asynchronous listeners are called on the executor. For one listener and one key, events
 *       arrive in the order {@link #enqueueAsynchronous} was called, one at a time; the cache
 *       queues while it holds the key, so that is the order of the changes. Events of different
 *       keys may arrive in any order and in parallel. An exception from an asynchronous listener is
 *       logged.
 *   <li>A listener is told only of the event types whose listener interface it implements, and only
 *       of the events its filter accepts.
 * </ul>
 *
 * <p>Threading: every method is thread-safe; registration is copy-on-write.
 *
 * @param <K> the type of keys
 * @param <V> the type of values
 */
public final class EventDispatcher<K, V> {
  private static final Logger LOG = LoggerFactory.getLogger(EventDispatcher.class);

  private final Executor executor;
  private final List<Registration<K, V>> registrations = new CopyOnWriteArrayList<>();
  private volatile boolean asynchronous;
  private volatile int wanted; // bit (1 << EventType.ordinal()) per type some listener wants

  /** A dispatcher running asynchronous listeners on {@code executor}. */
  public EventDispatcher(Executor executor) {
    this.executor = executor;
  }

  /**
   * Registers a listener.
   *
   * @throws IllegalArgumentException if an equal configuration is already registered
   */
  public synchronized void register(CacheEntryListenerConfiguration<K, V> configuration) {
    for (Registration<K, V> registration : registrations) {
      if (registration.listener.configuration().equals(configuration)) {
        throw new IllegalArgumentException("listener already registered: " + configuration);
      }
    }
    registrations.add(new Registration<>(new ListenerAdapter<>(configuration)));
    asynchronous |= !configuration.isSynchronous();
    wanted = wantedTypes();
  }

  /** Deregisters and closes a listener; returns whether it was registered. */
  public synchronized boolean deregister(CacheEntryListenerConfiguration<K, V> configuration) {
    for (Registration<K, V> registration : registrations) {
      if (registration.listener.configuration().equals(configuration)) {
        registrations.remove(registration);
        asynchronous = registrations.stream().anyMatch(r -> !r.listener.isSynchronous());
        wanted = wantedTypes();
        close(registration);
        return true;
      }
    }
    return false;
  }

  /** Whether any listener wants events of {@code type}: when none does, skip making events. */
  public boolean hasListenerFor(EventType type) {
    return (wanted & (1 << type.ordinal())) != 0;
  }

  /** Whether any listener is registered for any of {@code types}. */
  public boolean hasListenerFor(EventType first, EventType second) {
    return (wanted & ((1 << first.ordinal()) | (1 << second.ordinal()))) != 0;
  }

  // Called under this object's monitor, after a registration changed.
  private int wantedTypes() {
    int types = 0;
    for (Registration<K, V> registration : registrations) {
      for (EventType type : EventType.values()) {
        if (registration.listener.wants(type)) {
          types |= 1 << type.ordinal();
        }
      }
    }
    return types;
  }

  /** Whether an asynchronous listener is registered. */
  public boolean hasAsynchronous() {
    return asynchronous;
  }

  /** Adds {@code event} to {@code pending} if any listener wants it. */
  public void publish(EntryEventImpl<K, V> event, List<EntryEventImpl<K, V>> pending) {
    for (Registration<K, V> registration : registrations) {
      if (registration.listener.wants(event.getEventType())) {
        pending.add(event);
        return;
      }
    }
  }

  /**
   * Queues {@code events} for the asynchronous listeners. For each key, events reach a listener in
   * the order they were queued; the caller queues a key's events in the order of its changes.
   */
  public void enqueueAsynchronous(List<EntryEventImpl<K, V>> events) {
    for (EntryEventImpl<K, V> event : events) {
      for (Registration<K, V> registration : registrations) {
        ListenerAdapter<K, V> listener = registration.listener;
        if (!listener.isSynchronous() && listener.wants(event.getEventType())) {
          registration.enqueue(event, executor);
        }
      }
    }
  }

  /**
   * Delivers {@code events} to the synchronous listeners in order, on this thread.
   *
   * <p>Every synchronous listener has its turn, even after one failed, {@link Error} included.
   *
   * @throws CacheEntryListenerException the first exception a listener threw (others are logged),
   *     or the first {@link Error}, unchanged
   */
  public void deliverSynchronous(List<EntryEventImpl<K, V>> events) {
    Throwable failure = null;
    for (EntryEventImpl<K, V> event : events) {
      for (Registration<K, V> registration : registrations) {
        ListenerAdapter<K, V> listener = registration.listener;
        if (!listener.isSynchronous() || !listener.wants(event.getEventType())) {
          continue;
        }
        try {
          listener.deliver(event);
        } catch (RuntimeException | Error e) {
          if (failure == null) {
            failure = e;
          } else {
            LOG.warn("listener {} failed on {}", listener.configuration(), event, e);
          }
        }
      }
    }
    if (failure instanceof Error error) {
      throw error;
    } else if (failure != null) {
      throw (RuntimeException) failure;
    }
  }

  /** Deregisters and closes every listener. */
  public synchronized void close() {
    for (Registration<K, V> registration : registrations) {
      close(registration);
    }
    registrations.clear();
    asynchronous = false;
    wanted = 0;
  }

  private static void close(Registration<?, ?> registration) {
    try {
      registration.listener.close();
    } catch (IOException | RuntimeException e) {
      LOG.warn("closing listener {} failed", registration.listener.configuration(), e);
    }
  }

  /** A listener and, for an asynchronous one, the tail of each key's queue of deliveries. */
  private static final class Registration<K, V> {
    final ListenerAdapter<K, V> listener;
    final ConcurrentMap<K, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();

    Registration(ListenerAdapter<K, V> listener) {
      this.listener = listener;
    }

    void enqueue(EntryEventImpl<K, V> event, Executor executor) {
      K key = event.getKey();
      Runnable delivery =
          () -> {
            try {
              listener.deliver(event);
            } catch (RuntimeException | Error e) {
              // an Error too: it would complete the key's chain exceptionally and skip its rest
              LOG.warn("asynchronous listener {} failed on {}", listener.configuration(), event, e);
            }
          };
      CompletableFuture<Void> tail =
          tails.compute(
              key,
              (k, previous) ->
                  previous == null
                      ? CompletableFuture.runAsync(delivery, executor)
                      : previous.thenRunAsync(delivery, executor));
      // Drop the tail once it ran, unless a later event was chained to it meanwhile.
      tail.whenComplete((ignored, error) -> tails.remove(key, tail));
    }
  }
}
