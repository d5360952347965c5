package io.cairn.jcache.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.jcache.CacheManagerFixture;
import io.cairn.jcache.RecordingListener;
import java.io.Closeable;
import java.io.Serializable;
import java.util.List;
import javax.cache.Cache;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryEventFilter;
import javax.cache.event.CacheEntryExpiredListener;
import javax.cache.event.CacheEntryListener;
import javax.cache.event.CacheEntryListenerException;
import javax.cache.event.CacheEntryUpdatedListener;
import javax.cache.event.EventType;
import org.junit.jupiter.api.Test;

class ListenerAdapterTest extends CacheManagerFixture {

  /** Hears only updates and expiries. */
  static final class UpdatesAndExpiries
      implements CacheEntryUpdatedListener<String, String>,
          CacheEntryExpiredListener<String, String>,
          Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public void onUpdated(Iterable<CacheEntryEvent<? extends String, ? extends String>> e) {}

    @Override
    public void onExpired(Iterable<CacheEntryEvent<? extends String, ? extends String>> e) {}
  }

  /** Passes keys starting with "a"; remembers being closed. */
  static final class StartsWithA
      implements CacheEntryEventFilter<String, String>, Closeable, Serializable {
    private static final long serialVersionUID = 1L;
    volatile boolean closed;

    @Override
    public boolean evaluate(CacheEntryEvent<? extends String, ? extends String> event) {
      if (event.getKey().startsWith("x")) {
        throw new UnsupportedOperationException("filter fails");
      }
      return event.getKey().startsWith("a");
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  private static <L extends CacheEntryListener<String, String> & Serializable>
      ListenerAdapter<String, String> adapter(L listener, StartsWithA filter, boolean sync) {
    return new ListenerAdapter<>(
        new MutableCacheEntryListenerConfiguration<>(
            FactoryBuilder.factoryOf(listener),
            filter == null ? null : FactoryBuilder.factoryOf(filter),
            false,
            sync));
  }

  private Cache<String, String> source() {
    return manager.createCache("source", new MutableConfiguration<>());
  }

  @Test
  void wants_listenerOfSomeTypes_wantsExactlyThoseTypes() {
    ListenerAdapter<String, String> adapter = adapter(new UpdatesAndExpiries(), null, true);
    assertFalse(adapter.wants(EventType.CREATED));
    assertTrue(adapter.wants(EventType.UPDATED));
    assertFalse(adapter.wants(EventType.REMOVED));
    assertTrue(adapter.wants(EventType.EXPIRED));
  }

  @Test
  void isSynchronous_andConfiguration_reflectTheRegistration() {
    ListenerAdapter<String, String> sync =
        adapter(new RecordingListener<String, String>(), null, true);
    ListenerAdapter<String, String> async =
        adapter(new RecordingListener<String, String>(), null, false);
    assertTrue(sync.isSynchronous());
    assertFalse(async.isSynchronous());
    assertFalse(async.configuration().isSynchronous());
  }

  @Test
  void deliver_eachType_callsTheMatchingMethodWithTheEvent() {
    RecordingListener<String, String> listener = new RecordingListener<>();
    ListenerAdapter<String, String> adapter = adapter(listener, null, true);
    Cache<String, String> source = source();
    adapter.deliver(new EntryEventImpl<>(source, EventType.CREATED, "k", "1", null));
    adapter.deliver(new EntryEventImpl<>(source, EventType.UPDATED, "k", "2", "1"));
    adapter.deliver(new EntryEventImpl<>(source, EventType.REMOVED, "k", "2", "2"));
    adapter.deliver(new EntryEventImpl<>(source, EventType.EXPIRED, "j", "3", "3"));
    assertEquals(
        List.of("CREATED k 1 null", "UPDATED k 2 1", "REMOVED k 2 2", "EXPIRED j 3 3"),
        listener.heard);
  }

  @Test
  void deliver_filterRejects_doesNotCallTheListener() {
    RecordingListener<String, String> listener = new RecordingListener<>();
    ListenerAdapter<String, String> adapter = adapter(listener, new StartsWithA(), true);
    Cache<String, String> source = source();
    adapter.deliver(new EntryEventImpl<>(source, EventType.CREATED, "b", "1", null));
    adapter.deliver(new EntryEventImpl<>(source, EventType.CREATED, "a", "1", null));
    assertEquals(List.of("CREATED a 1 null"), listener.heard);
  }

  @Test
  void deliver_filterThrows_throwsListenerExceptionAndSkipsTheListener() {
    RecordingListener<String, String> listener = new RecordingListener<>();
    ListenerAdapter<String, String> adapter = adapter(listener, new StartsWithA(), true);
    var event = new EntryEventImpl<>(source(), EventType.CREATED, "x", "1", null);
    CacheEntryListenerException e =
        assertThrows(CacheEntryListenerException.class, () -> adapter.deliver(event));
    assertTrue(e.getCause() instanceof UnsupportedOperationException, String.valueOf(e));
    assertTrue(listener.heard.isEmpty());
  }

  @Test
  void deliver_listenerThrowsRuntimeException_wrapsInListenerException() {
    RecordingListener<String, String> listener = new RecordingListener<>();
    listener.failure = new IllegalStateException("listener fails");
    ListenerAdapter<String, String> adapter = adapter(listener, null, true);
    var event = new EntryEventImpl<>(source(), EventType.UPDATED, "k", "2", "1");
    CacheEntryListenerException e =
        assertThrows(CacheEntryListenerException.class, () -> adapter.deliver(event));
    assertTrue(e.getCause() instanceof IllegalStateException, String.valueOf(e));
  }

  @Test
  void deliver_listenerThrowsListenerException_passesItThrough() {
    RecordingListener<String, String> listener = new RecordingListener<>();
    listener.failure = new CacheEntryListenerException("own");
    ListenerAdapter<String, String> adapter = adapter(listener, null, true);
    var event = new EntryEventImpl<>(source(), EventType.REMOVED, "k", "1", "1");
    CacheEntryListenerException e =
        assertThrows(CacheEntryListenerException.class, () -> adapter.deliver(event));
    assertEquals("own", e.getMessage());
  }

  @Test
  void deliver_listenerThrowsError_passesItUnchanged() {
    RecordingListener<String, String> listener = new RecordingListener<>();
    listener.failure = new AssertionError("an error");
    ListenerAdapter<String, String> adapter = adapter(listener, null, true);
    var event = new EntryEventImpl<>(source(), EventType.CREATED, "k", "1", null);
    assertEquals(
        "an error", assertThrows(AssertionError.class, () -> adapter.deliver(event)).getMessage());
  }

  @Test
  void close_closeableListenerAndFilter_closesBoth() throws Exception {
    RecordingListener<String, String> listener = new RecordingListener<>();
    StartsWithA filter = new StartsWithA();
    ListenerAdapter<String, String> adapter = adapter(listener, filter, true);
    adapter.close();
    assertTrue(listener.closed);
    assertTrue(filter.closed);
  }
}
