package io.cairn.jcache.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.jcache.CacheManagerFixture;
import java.io.Closeable;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.cache.Cache;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryEventFilter;
import javax.cache.event.CacheEntryListenerException;
import javax.cache.event.EventType;
import org.junit.jupiter.api.Test;

class EventDispatcherTest extends CacheManagerFixture {

  /** Hears only creations; records keys; remembers being closed. */
  static final class Created
      implements CacheEntryCreatedListener<String, String>, Closeable, Serializable {
    private static final long serialVersionUID = 1L;
    final CopyOnWriteArrayList<String> keys = new CopyOnWriteArrayList<>(); // serializable type
    volatile boolean closed;

    @Override
    public void onCreated(Iterable<CacheEntryEvent<? extends String, ? extends String>> events) {
      events.forEach(e -> keys.add(e.getKey()));
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  /** Accepts keys starting with "a"; throws for keys starting with "x". */
  public static final class StartsWithA
      implements CacheEntryEventFilter<String, String>, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public boolean evaluate(CacheEntryEvent<? extends String, ? extends String> event) {
      if (event.getKey().startsWith("x")) {
        throw new IllegalArgumentException("filter fails");
      }
      return event.getKey().startsWith("a");
    }
  }

  private Cache<String, String> source() {
    return manager.createCache("source", new MutableConfiguration<>());
  }

  private static EntryEventImpl<String, String> event(
      Cache<String, String> source, EventType type, String key) {
    return new EntryEventImpl<>(source, type, key, "v", type == EventType.CREATED ? null : "v");
  }

  @Test
  void publish_filteredListener_deliversOnlyAcceptedEventsOfItsTypes() {
    Cache<String, String> source = source();
    Created listener = new Created();
    EventDispatcher<String, String> dispatcher = new EventDispatcher<>(Runnable::run);
    dispatcher.register(
        new MutableCacheEntryListenerConfiguration<>(
            FactoryBuilder.factoryOf(listener),
            FactoryBuilder.factoryOf(StartsWithA.class),
            false,
            true));
    assertTrue(dispatcher.hasListenerFor(EventType.CREATED));
    assertFalse(dispatcher.hasListenerFor(EventType.UPDATED));
    List<EntryEventImpl<String, String>> pending = new ArrayList<>();
    dispatcher.publish(event(source, EventType.CREATED, "apple"), pending);
    dispatcher.publish(event(source, EventType.CREATED, "banana"), pending);
    dispatcher.publish(event(source, EventType.UPDATED, "avocado"), pending);
    assertEquals(2, pending.size()); // nobody wants the update
    dispatcher.deliverSynchronous(pending);
    assertEquals(List.of("apple"), listener.keys);
  }

  @Test
  void deliverSynchronous_failingFilter_throwsListenerException() {
    Cache<String, String> source = source();
    EventDispatcher<String, String> dispatcher = new EventDispatcher<>(Runnable::run);
    dispatcher.register(
        new MutableCacheEntryListenerConfiguration<>(
            FactoryBuilder.factoryOf(new Created()),
            FactoryBuilder.factoryOf(StartsWithA.class),
            false,
            true));
    List<EntryEventImpl<String, String>> pending = new ArrayList<>();
    dispatcher.publish(event(source, EventType.CREATED, "xylophone"), pending);
    CacheEntryListenerException e =
        assertThrows(
            CacheEntryListenerException.class, () -> dispatcher.deliverSynchronous(pending));
    assertInstanceOf(IllegalArgumentException.class, e.getCause());
  }

  @Test
  void hasListenerFor_followsRegistrationsDeregistrationsAndClose() {
    var created =
        new MutableCacheEntryListenerConfiguration<String, String>(
            FactoryBuilder.factoryOf(new Created()), null, false, true);
    EventDispatcher<String, String> dispatcher = new EventDispatcher<>(Runnable::run);
    assertFalse(dispatcher.hasListenerFor(EventType.CREATED));
    dispatcher.register(created);
    assertTrue(dispatcher.hasListenerFor(EventType.CREATED));
    assertFalse(dispatcher.hasListenerFor(EventType.UPDATED));
    assertTrue(dispatcher.hasListenerFor(EventType.UPDATED, EventType.CREATED));
    assertFalse(dispatcher.hasListenerFor(EventType.UPDATED, EventType.REMOVED));
    assertTrue(dispatcher.deregister(created));
    assertFalse(dispatcher.hasListenerFor(EventType.CREATED));
    dispatcher.register(created);
    dispatcher.close();
    assertFalse(dispatcher.hasListenerFor(EventType.CREATED));
  }

  @Test
  void register_twice_throws_andDeregisterClosesTheListener() {
    Created listener = new Created();
    var configuration =
        new MutableCacheEntryListenerConfiguration<String, String>(
            FactoryBuilder.factoryOf(listener), null, false, false);
    EventDispatcher<String, String> dispatcher = new EventDispatcher<>(Runnable::run);
    dispatcher.register(configuration);
    assertTrue(dispatcher.hasAsynchronous());
    assertThrows(IllegalArgumentException.class, () -> dispatcher.register(configuration));
    assertTrue(dispatcher.deregister(configuration));
    assertTrue(listener.closed);
    assertFalse(dispatcher.hasAsynchronous());
    assertFalse(dispatcher.deregister(configuration));
  }

  @Test
  void enqueueAsynchronous_asyncListener_runsOnTheExecutor() {
    Cache<String, String> source = source();
    Created listener = new Created();
    List<Runnable> queued = new ArrayList<>();
    EventDispatcher<String, String> dispatcher = new EventDispatcher<>(queued::add);
    dispatcher.register(
        new MutableCacheEntryListenerConfiguration<>(
            FactoryBuilder.factoryOf(listener), null, false, false));
    List<EntryEventImpl<String, String>> pending = new ArrayList<>();
    dispatcher.publish(event(source, EventType.CREATED, "a"), pending);
    dispatcher.enqueueAsynchronous(pending);
    dispatcher.deliverSynchronous(pending); // no synchronous listener: nothing happens here
    assertTrue(listener.keys.isEmpty());
    queued.forEach(Runnable::run);
    assertEquals(List.of("a"), listener.keys);
  }
}
