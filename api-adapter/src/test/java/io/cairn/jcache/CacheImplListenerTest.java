package io.cairn.jcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.jcache.configuration.CairnConfiguration;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryExpiredListener;
import javax.cache.event.CacheEntryListener;
import javax.cache.event.CacheEntryListenerException;
import javax.cache.event.CacheEntryRemovedListener;
import javax.cache.event.CacheEntryUpdatedListener;
import javax.cache.event.EventType;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import org.junit.jupiter.api.Test;

class CacheImplListenerTest extends CacheManagerFixture {

  /** Records every event it hears (the singleton factory hands out this very instance). */
  static final class Recorder
      implements CacheEntryCreatedListener<String, Integer>,
          CacheEntryUpdatedListener<String, Integer>,
          CacheEntryRemovedListener<String, Integer>,
          CacheEntryExpiredListener<String, Integer>,
          Serializable {
    private static final long serialVersionUID = 1L;
    // A concrete serializable type: javac 25 warns of a field of a serializable class whose
    // declared type (BlockingQueue) is not.
    final LinkedBlockingQueue<CacheEntryEvent<? extends String, ? extends Integer>> events =
        new LinkedBlockingQueue<>();

    private void record(Iterable<CacheEntryEvent<? extends String, ? extends Integer>> batch) {
      batch.forEach(events::add);
    }

    @Override
    public void onCreated(Iterable<CacheEntryEvent<? extends String, ? extends Integer>> e) {
      record(e);
    }

    @Override
    public void onUpdated(Iterable<CacheEntryEvent<? extends String, ? extends Integer>> e) {
      record(e);
    }

    @Override
    public void onRemoved(Iterable<CacheEntryEvent<? extends String, ? extends Integer>> e) {
      record(e);
    }

    @Override
    public void onExpired(Iterable<CacheEntryEvent<? extends String, ? extends Integer>> e) {
      record(e);
    }
  }

  private static <L extends CacheEntryListener<String, Integer> & Serializable>
      MutableCacheEntryListenerConfiguration<String, Integer> listener(
          L listener, boolean synchronous) {
    return new MutableCacheEntryListenerConfiguration<>(
        FactoryBuilder.factoryOf(listener), null, false, synchronous);
  }

  @Test
  void expiredListener_entryExpiresUntouched_hearsExpiredEvent() throws InterruptedException {
    Recorder recorder = new Recorder();
    Cache<String, Integer> cache =
        manager.createCache(
            "eager",
            new CairnConfiguration<String, Integer>()
                .setExpirationIntervalMillis(50)
                .setExpiryPolicyFactory(
                    CreatedExpiryPolicy.factoryOf(new Duration(TimeUnit.MILLISECONDS, 200)))
                .setTypes(String.class, Integer.class)
                .addCacheEntryListenerConfiguration(listener(recorder, true)));
    cache.put("k", 7);
    assertEquals(EventType.CREATED, recorder.events.take().getEventType());

    // Nobody touches the cache from here on: only the engine's background expirer can tell.
    CacheEntryEvent<? extends String, ? extends Integer> expired =
        recorder.events.poll(10, TimeUnit.SECONDS);
    assertNotNull(expired, "no EXPIRED event within 10 s");
    assertEquals(EventType.EXPIRED, expired.getEventType());
    assertEquals("k", expired.getKey());
    assertEquals(7, expired.getValue());
    assertEquals(7, expired.getOldValue());
    assertTrue(expired.isOldValueAvailable());
  }

  @Test
  void asyncListener_manyUpdatesOfOneKey_arriveInOrder() throws InterruptedException {
    Recorder recorder = new Recorder();
    Cache<String, Integer> cache =
        manager.createCache(
            "async",
            new MutableConfiguration<String, Integer>()
                .setTypes(String.class, Integer.class)
                .addCacheEntryListenerConfiguration(listener(recorder, false)));
    int updates = 2_000;
    for (int i = 0; i < updates; i++) {
      cache.put("a", i);
      cache.put("b", -i);
    }
    List<Integer> a = new ArrayList<>();
    List<Integer> b = new ArrayList<>();
    for (int i = 0; i < 2 * updates; i++) {
      CacheEntryEvent<? extends String, ? extends Integer> event =
          recorder.events.poll(10, TimeUnit.SECONDS);
      assertNotNull(event, "only " + i + " events arrived");
      ("a".equals(event.getKey()) ? a : b).add(event.getValue());
    }
    for (int i = 0; i < updates; i++) {
      assertEquals(i, a.get(i));
      assertEquals(-i, b.get(i));
    }
  }

  @Test
  void asyncListener_putOverExpiredEntry_hearsExpiryBeforeCreation() throws InterruptedException {
    Recorder recorder = new Recorder();
    Cache<String, Integer> cache =
        manager.createCache(
            "async-expiry",
            new CairnConfiguration<String, Integer>()
                .setExpirationIntervalMillis(0) // no background expirer: the put finds the expiry
                .setExpiryPolicyFactory(
                    CreatedExpiryPolicy.factoryOf(new Duration(TimeUnit.MILLISECONDS, 50)))
                .setTypes(String.class, Integer.class)
                .addCacheEntryListenerConfiguration(listener(recorder, false)));
    cache.put("k", 1);
    Thread.sleep(120);
    cache.put("k", 2);
    List<String> seen = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      CacheEntryEvent<? extends String, ? extends Integer> event =
          recorder.events.poll(10, TimeUnit.SECONDS);
      assertNotNull(event, "only " + seen + " arrived");
      seen.add(event.getEventType() + ":" + event.getValue());
    }
    assertEquals(List.of("CREATED:1", "EXPIRED:1", "CREATED:2"), seen);
  }

  @Test
  void updatedEvent_oldValueNotRequired_stillCarriesConsistentOldValue() throws Exception {
    Recorder recorder = new Recorder();
    Cache<String, Integer> cache =
        manager.createCache(
            "old",
            new MutableConfiguration<String, Integer>()
                .setTypes(String.class, Integer.class)
                .addCacheEntryListenerConfiguration(listener(recorder, true)));
    cache.put("k", 1);
    cache.put("k", 2);
    cache.remove("k");
    CacheEntryEvent<? extends String, ? extends Integer> created = recorder.events.take();
    assertFalse(created.isOldValueAvailable());
    assertNull(created.getOldValue());
    CacheEntryEvent<? extends String, ? extends Integer> updated = recorder.events.take();
    assertTrue(updated.isOldValueAvailable());
    assertEquals(1, updated.getOldValue());
    assertEquals(2, updated.getValue());
    CacheEntryEvent<? extends String, ? extends Integer> removed = recorder.events.take();
    assertEquals(EventType.REMOVED, removed.getEventType());
    assertEquals(2, removed.getOldValue());
    assertEquals(2, removed.getValue());
  }

  private static MutableCacheEntryListenerConfiguration<String, Integer> synchronous(
      RecordingListener<String, Integer> recorder) {
    return new MutableCacheEntryListenerConfiguration<>(
        FactoryBuilder.factoryOf(recorder), null, true, true);
  }

  private Cache<String, Integer> recorded(RecordingListener<String, Integer> recorder) {
    return manager.createCache(
        "recorded",
        new MutableConfiguration<String, Integer>()
            .setTypes(String.class, Integer.class)
            .addCacheEntryListenerConfiguration(synchronous(recorder)));
  }

  private Cache<String, Integer> withoutListeners() {
    return manager.createCache(
        "plain", new MutableConfiguration<String, Integer>().setTypes(String.class, Integer.class));
  }

  @Test
  void everyOperation_syncListener_hearsExactlyTheChangesMade() {
    RecordingListener<String, Integer> recorder = new RecordingListener<>();
    Cache<String, Integer> cache = recorded(recorder);
    cache.put("a", 1);
    assertEquals(1, cache.getAndPut("a", 2));
    assertFalse(cache.putIfAbsent("a", 9));
    assertTrue(cache.putIfAbsent("b", 1));
    assertFalse(cache.replace("a", 9, 3));
    assertTrue(cache.replace("a", 2, 3));
    assertEquals(3, cache.getAndReplace("a", 4));
    assertFalse(cache.replace("absent", 1));
    assertFalse(cache.remove("a", 9));
    assertTrue(cache.remove("b", 1));
    cache.invoke(
        "a",
        (entry, args) -> {
          entry.setValue(entry.getValue() + 1);
          return null;
        });
    cache.invoke("a", (entry, args) -> entry.getValue()); // a read: no event
    assertEquals(5, cache.getAndRemove("a"));
    assertFalse(cache.remove("a"));
    assertEquals(
        List.of(
            "CREATED a 1 null",
            "UPDATED a 2 1",
            "CREATED b 1 null",
            "UPDATED a 3 2",
            "UPDATED a 4 3",
            "REMOVED b 1 1",
            "UPDATED a 5 4",
            "REMOVED a 5 5"),
        recorder.heard);
  }

  @Test
  void bulkOperations_syncListener_hearOneEventPerKeyChanged() {
    RecordingListener<String, Integer> recorder = new RecordingListener<>();
    Cache<String, Integer> cache = recorded(recorder);
    cache.putAll(Map.of("a", 1, "b", 2));
    cache.putAll(Map.of("a", 3));
    cache.removeAll(Set.of("b", "absent"));
    cache.put("c", 4);
    Iterator<Cache.Entry<String, Integer>> it = cache.iterator();
    while (it.hasNext()) {
      if (it.next().getKey().equals("c")) {
        it.remove();
      }
    }
    cache.removeAll();
    assertEquals(
        Set.of("CREATED a 1 null", "CREATED b 2 null"), Set.copyOf(recorder.heard.subList(0, 2)));
    assertEquals(
        List.of(
            "UPDATED a 3 1", "REMOVED b 2 2", "CREATED c 4 null", "REMOVED c 4 4", "REMOVED a 3 3"),
        recorder.heard.subList(2, recorder.heard.size()));
  }

  @Test
  void clear_syncListener_hearsNothing() {
    RecordingListener<String, Integer> recorder = new RecordingListener<>();
    Cache<String, Integer> cache = recorded(recorder);
    cache.put("a", 1);
    cache.clear();
    assertEquals(List.of("CREATED a 1 null"), recorder.heard);
  }

  @Test
  void deregister_registeredListener_hearsNothingMoreAndIsClosed() {
    RecordingListener<String, Integer> recorder = new RecordingListener<>();
    MutableCacheEntryListenerConfiguration<String, Integer> registration = synchronous(recorder);
    Cache<String, Integer> cache = withoutListeners();
    cache.registerCacheEntryListener(registration);
    cache.put("a", 1);
    cache.deregisterCacheEntryListener(registration);
    cache.put("a", 2);
    assertEquals(List.of("CREATED a 1 null"), recorder.heard);
    assertTrue(recorder.closed);
    assertFalse(
        cache
            .unwrap(CacheImpl.class)
            .configuration()
            .getCacheEntryListenerConfigurations()
            .iterator()
            .hasNext());
  }

  @Test
  void register_sameListenerTwice_throwsAndKeepsOneRegistration() {
    RecordingListener<String, Integer> recorder = new RecordingListener<>();
    MutableCacheEntryListenerConfiguration<String, Integer> registration = synchronous(recorder);
    Cache<String, Integer> cache = withoutListeners();
    cache.registerCacheEntryListener(registration);
    assertThrows(
        IllegalArgumentException.class, () -> cache.registerCacheEntryListener(registration));
    cache.put("a", 1);
    assertEquals(List.of("CREATED a 1 null"), recorder.heard);
  }

  @Test
  void remove_failingSyncListener_throwsAfterTheRemoval() {
    RecordingListener<String, Integer> recorder = new RecordingListener<>();
    Cache<String, Integer> cache = recorded(recorder);
    cache.put("a", 1);
    recorder.failure = new IllegalStateException("listener refuses");
    CacheEntryListenerException e =
        assertThrows(CacheEntryListenerException.class, () -> cache.remove("a"));
    assertInstanceOf(IllegalStateException.class, e.getCause());
    assertFalse(cache.containsKey("a"));
  }

  /** Throws on every event. */
  static final class Failing implements CacheEntryCreatedListener<String, Integer>, Serializable {
    private static final long serialVersionUID = 1L;
    static final List<String> SEEN = new CopyOnWriteArrayList<>();

    @Override
    public void onCreated(Iterable<CacheEntryEvent<? extends String, ? extends Integer>> e) {
      e.forEach(event -> SEEN.add(event.getKey()));
      throw new IllegalStateException("listener refuses");
    }
  }

  @Test
  void put_failingSyncListener_throwsListenerExceptionAfterTheChange() {
    Cache<String, Integer> cache =
        manager.createCache(
            "failing",
            new MutableConfiguration<String, Integer>()
                .setTypes(String.class, Integer.class)
                .addCacheEntryListenerConfiguration(listener(new Failing(), true)));
    CacheEntryListenerException e =
        assertThrows(CacheEntryListenerException.class, () -> cache.put("k", 1));
    assertInstanceOf(IllegalStateException.class, e.getCause());
    assertEquals(1, cache.get("k")); // the change stands: listeners hear of it afterwards
    assertTrue(Failing.SEEN.contains("k"));
  }
}
