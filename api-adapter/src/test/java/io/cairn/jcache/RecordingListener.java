package io.cairn.jcache;

import java.io.Closeable;
import java.io.Serializable;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryExpiredListener;
import javax.cache.event.CacheEntryRemovedListener;
import javax.cache.event.CacheEntryUpdatedListener;
import javax.cache.event.EventType;

/**
 * A listener of every event type for tests: records each event it hears as {@code "TYPE key value
 * oldValue"}, where TYPE is that of the method called ({@code "MISMATCH"} is recorded too if the
 * event's own type differs), then throws {@link #failure} if set. Hand it out with {@code
 * FactoryBuilder.factoryOf(instance)} to read what it heard.
 *
 * @param <K> the type of keys
 * @param <V> the type of values
 */
public final class RecordingListener<K, V>
    implements CacheEntryCreatedListener<K, V>,
        CacheEntryUpdatedListener<K, V>,
        CacheEntryRemovedListener<K, V>,
        CacheEntryExpiredListener<K, V>,
        Closeable,
        Serializable {
  private static final long serialVersionUID = 1L;

  /** What was heard, in order (a concrete serializable type, for javac's serial lint). */
  public final CopyOnWriteArrayList<String> heard = new CopyOnWriteArrayList<>();

  /** Thrown, a RuntimeException or an Error, after recording each batch; null for none. */
  public volatile Throwable failure;

  /** Whether {@link #close()} was called. */
  public volatile boolean closed;

  private void hear(EventType type, Iterable<CacheEntryEvent<? extends K, ? extends V>> batch) {
    for (CacheEntryEvent<? extends K, ? extends V> e : batch) {
      if (e.getEventType() != type) {
        heard.add("MISMATCH " + e.getEventType() + " via " + type);
      }
      heard.add(type + " " + e.getKey() + " " + e.getValue() + " " + e.getOldValue());
    }
    Throwable toThrow = failure;
    if (toThrow instanceof RuntimeException runtime) {
      throw runtime;
    } else if (toThrow instanceof Error error) {
      throw error;
    }
  }

  @Override
  public void onCreated(Iterable<CacheEntryEvent<? extends K, ? extends V>> events) {
    hear(EventType.CREATED, events);
  }

  @Override
  public void onUpdated(Iterable<CacheEntryEvent<? extends K, ? extends V>> events) {
    hear(EventType.UPDATED, events);
  }

  @Override
  public void onRemoved(Iterable<CacheEntryEvent<? extends K, ? extends V>> events) {
    hear(EventType.REMOVED, events);
  }

  @Override
  public void onExpired(Iterable<CacheEntryEvent<? extends K, ? extends V>> events) {
    hear(EventType.EXPIRED, events);
  }

  @Override
  public void close() {
    closed = true;
  }
}
