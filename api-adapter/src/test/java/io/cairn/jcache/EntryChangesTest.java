package io.cairn.jcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.engine.ByteStore;
import io.cairn.jcache.event.EntryEventImpl;
import io.cairn.jcache.event.EventDispatcher;
import io.cairn.jcache.expiry.ExpiryPolicyAdapter;
import io.cairn.jcache.integration.WriterAdapter;
import io.cairn.jcache.management.CacheStatisticsImpl;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.cache.Cache;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.Duration;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.integration.CacheWriter;
import javax.cache.integration.CacheWriterException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EntryChangesTest extends CacheManagerFixture {
  private static final long NOW = 1_000_000L;
  private static final long MINUTE = TimeUnit.MINUTES.toMillis(1);

  /** Everything that happened, in order: writer calls, slot changes. */
  private final List<String> log = new ArrayList<>();

  private final Policy policy = new Policy();
  private final CacheStatisticsImpl statistics = new CacheStatisticsImpl();
  private final AtomicLong clock = new AtomicLong(NOW);
  private final List<EntryEventImpl<String, String>> events = new ArrayList<>();
  private EventDispatcher<String, String> dispatcher;
  private EntryStore.Expirations<String, String> expirations;
  private Cache<String, String> source;

  /** Answers the durations it is given; throws when one is {@code null} and fail is set. */
  static final class Policy implements ExpiryPolicy {
    Duration creation = Duration.ETERNAL;
    Duration update;
    Duration access;
    boolean fail;

    private Duration answer(Duration duration) {
      if (fail) {
        throw new IllegalStateException("policy fails");
      }
      return duration;
    }

    @Override
    public Duration getExpiryForCreation() {
      return answer(creation);
    }

    @Override
    public Duration getExpiryForAccess() {
      return answer(access);
    }

    @Override
    public Duration getExpiryForUpdate() {
      return answer(update);
    }
  }

  /** Logs its calls; refuses keys starting with "bad". */
  private final class LoggingWriter implements CacheWriter<String, String> {
    @Override
    public void write(Cache.Entry<? extends String, ? extends String> entry) {
      log.add("writer.write " + entry.getKey() + "=" + entry.getValue());
      if (entry.getKey().startsWith("bad")) {
        throw new IllegalArgumentException("refused " + entry.getKey());
      }
    }

    @Override
    public void writeAll(Collection<Cache.Entry<? extends String, ? extends String>> entries) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void delete(Object key) {
      log.add("writer.delete " + key);
      if (((String) key).startsWith("bad")) {
        throw new IllegalArgumentException("refused " + key);
      }
    }

    @Override
    public void deleteAll(Collection<?> keys) {
      throw new UnsupportedOperationException();
    }
  }

  /** A slot over an optional live value that logs the changes asked of it. */
  private final class LoggingSlot implements EntryStore.Slot<String> {
    private final String value;
    private final long expireAt;

    LoggingSlot(String value, long expireAt) {
      this.value = value;
      this.expireAt = expireAt;
    }

    @Override
    public String value() {
      return value;
    }

    @Override
    public long now() {
      return NOW;
    }

    @Override
    public long expireAt() {
      return value == null ? -1 : expireAt;
    }

    @Override
    public void set(String newValue, long newExpireAt) {
      log.add("slot.set " + newValue + "@" + newExpireAt);
    }

    @Override
    public void setExpireAt(long newExpireAt) {
      log.add("slot.setExpireAt " + newExpireAt);
    }

    @Override
    public void remove() {
      log.add("slot.remove");
    }
  }

  @BeforeEach
  void createSource() {
    source = manager.createCache("source", new MutableConfiguration<>());
    dispatcher = new EventDispatcher<>(Runnable::run);
  }

  private EntryChanges<String, String> changes(boolean withWriter) {
    return new EntryChanges<>(
        source,
        new ExpiryPolicyAdapter(policy),
        withWriter ? new WriterAdapter<>(new LoggingWriter()) : null,
        dispatcher,
        statistics,
        callback -> {
          expirations = callback;
          return new HeapStore<>(clock::get, callback);
        });
  }

  private RecordingListener<String, String> listen(boolean synchronous) {
    RecordingListener<String, String> recorder = new RecordingListener<>();
    dispatcher.register(
        new MutableCacheEntryListenerConfiguration<>(
            FactoryBuilder.factoryOf(recorder), null, true, synchronous));
    return recorder;
  }

  private static String describe(EntryEventImpl<String, String> e) {
    return e.getEventType() + " " + e.getKey() + " " + e.getValue() + " " + e.getOldValue();
  }

  private List<String> described() {
    return events.stream().map(EntryChangesTest::describe).toList();
  }

  // --- write: the writer first, then the store ------------------------------------------------

  @Test
  void write_newKeyWithWriteThrough_callsTheWriterBeforeSettingTheSlot() {
    listen(true);
    assertTrue(changes(true).write(new LoggingSlot(null, 0), "k", "v", true, events));
    assertEquals(List.of("writer.write k=v", "slot.set v@" + ByteStore.ETERNAL), log);
    assertEquals(List.of("CREATED k v null"), described());
  }

  @Test
  void write_existingKeyWithWriteThrough_callsTheWriterBeforeUpdating() {
    listen(true);
    policy.update = Duration.ONE_MINUTE;
    assertTrue(changes(true).write(new LoggingSlot("old", NOW + 5), "k", "new", true, events));
    assertEquals(List.of("writer.write k=new", "slot.set new@" + (NOW + MINUTE)), log);
    assertEquals(List.of("UPDATED k new old"), described());
  }

  @Test
  void write_failingWriter_throwsWriterExceptionAndLeavesTheSlotAndEventsUntouched() {
    listen(true);
    EntryChanges<String, String> changes = changes(true);
    CacheWriterException e =
        assertThrows(
            CacheWriterException.class,
            () -> changes.write(new LoggingSlot("old", NOW + 5), "bad", "v", true, events));
    assertTrue(e.getCause() instanceof IllegalArgumentException, String.valueOf(e));
    assertEquals(List.of("writer.write bad=v"), log);
    assertTrue(events.isEmpty());
  }

  @Test
  void write_writeThroughFalse_skipsTheWriter() {
    assertTrue(changes(true).write(new LoggingSlot(null, 0), "bad", "v", false, events));
    assertEquals(List.of("slot.set v@" + ByteStore.ETERNAL), log);
  }

  @Test
  void write_noListener_publishesNothing() {
    changes(false).write(new LoggingSlot(null, 0), "k", "v", true, events);
    assertTrue(events.isEmpty());
  }

  // --- create ---------------------------------------------------------------------------------

  @Test
  void create_finiteDuration_setsNowPlusTheDuration() {
    policy.creation = Duration.ONE_MINUTE;
    assertTrue(changes(false).create(new LoggingSlot(null, 0), "k", "v", events));
    assertEquals(List.of("slot.set v@" + (NOW + MINUTE)), log);
  }

  @Test
  void create_zeroDuration_storesAndAnnouncesNothing() {
    listen(true);
    policy.creation = Duration.ZERO;
    assertFalse(changes(false).create(new LoggingSlot(null, 0), "k", "v", events));
    assertTrue(log.isEmpty());
    assertTrue(events.isEmpty());
  }

  @Test
  void create_throwingPolicy_storesForever() {
    policy.fail = true;
    assertTrue(changes(false).create(new LoggingSlot(null, 0), "k", "v", events));
    assertEquals(List.of("slot.set v@" + ByteStore.ETERNAL), log);
  }

  @Test
  void create_nullCreationDuration_storesForever() {
    policy.creation = null;
    assertTrue(changes(false).create(new LoggingSlot(null, 0), "k", "v", events));
    assertEquals(List.of("slot.set v@" + ByteStore.ETERNAL), log);
  }

  // --- update ---------------------------------------------------------------------------------

  @Test
  void update_nullDuration_keepsTheCurrentExpiry() {
    assertTrue(changes(false).update(new LoggingSlot("old", NOW + 7), "k", "new", events));
    assertEquals(List.of("slot.set new@" + (NOW + 7)), log);
  }

  @Test
  void update_throwingPolicy_keepsTheCurrentExpiry() {
    policy.fail = true;
    assertTrue(changes(false).update(new LoggingSlot("old", NOW + 7), "k", "new", events));
    assertEquals(List.of("slot.set new@" + (NOW + 7)), log);
  }

  @Test
  void update_zeroDuration_removesAndAnnouncesUpdateThenExpiryOfTheNewValue() {
    listen(true);
    policy.update = Duration.ZERO;
    assertTrue(changes(false).update(new LoggingSlot("old", NOW + 7), "k", "new", events));
    assertEquals(List.of("slot.remove"), log);
    assertEquals(List.of("UPDATED k new old", "EXPIRED k new new"), described());
  }

  // --- access ---------------------------------------------------------------------------------

  @Test
  void accessedSlot_nullDuration_leavesTheExpiry() {
    changes(false).accessed(new LoggingSlot("v", NOW + 7));
    assertTrue(log.isEmpty());
  }

  @Test
  void accessedSlot_zeroDuration_expiresNow() {
    policy.access = Duration.ZERO;
    changes(false).accessed(new LoggingSlot("v", NOW + 7));
    assertEquals(List.of("slot.setExpireAt " + NOW), log);
  }

  @Test
  void accessedSlot_throwingPolicy_leavesTheExpiry() {
    policy.fail = true;
    changes(false).accessed(new LoggingSlot("v", NOW + 7));
    assertTrue(log.isEmpty());
  }

  @Test
  void accessedKey_finiteDuration_touchesTheStoredEntry() {
    EntryChanges<String, String> changes = changes(false);
    changes.compute("k", events, slot -> changes.create(slot, "k", "v", events));
    policy.access = new Duration(TimeUnit.MILLISECONDS, 10);
    changes.accessed("k");
    clock.set(NOW + 9);
    assertEquals("v", changes.store().get("k"));
    clock.set(NOW + 10);
    assertNull(changes.store().get("k"));
  }

  @Test
  void accessedKey_nullDuration_leavesTheEntryEternal() {
    EntryChanges<String, String> changes = changes(false);
    changes.compute("k", events, slot -> changes.create(slot, "k", "v", events));
    changes.accessed("k");
    clock.set(Long.MAX_VALUE - 1);
    assertEquals("v", changes.store().get("k"));
  }

  // --- delete ---------------------------------------------------------------------------------

  @Test
  void delete_liveEntry_deletesThroughTheWriterThenRemovesAndAnnounces() {
    listen(true);
    assertEquals("old", changes(true).delete(new LoggingSlot("old", NOW + 7), "k", true, events));
    assertEquals(List.of("writer.delete k", "slot.remove"), log);
    assertEquals(List.of("REMOVED k old old"), described());
  }

  @Test
  void delete_absentEntry_stillCallsTheWriterButAnnouncesNothing() {
    listen(true);
    assertNull(changes(true).delete(new LoggingSlot(null, 0), "k", true, events));
    assertEquals(List.of("writer.delete k"), log);
    assertTrue(events.isEmpty());
  }

  @Test
  void delete_failingWriter_throwsAndKeepsTheEntry() {
    listen(true);
    EntryChanges<String, String> changes = changes(true);
    CacheWriterException e =
        assertThrows(
            CacheWriterException.class,
            () -> changes.delete(new LoggingSlot("old", NOW + 7), "bad", true, events));
    assertTrue(e.getCause() instanceof IllegalArgumentException, String.valueOf(e));
    assertEquals(List.of("writer.delete bad"), log);
    assertTrue(events.isEmpty());
  }

  @Test
  void delete_writeThroughFalse_skipsTheWriter() {
    assertEquals(
        "old", changes(true).delete(new LoggingSlot("old", NOW + 7), "bad", false, events));
    assertEquals(List.of("slot.remove"), log);
  }

  // --- compute and the store's reports --------------------------------------------------------

  @Test
  void compute_asynchronousListener_queuesTheNewEventsWithoutDeliveringSynchronously() {
    RecordingListener<String, String> async = listen(false);
    EntryChanges<String, String> changes = changes(false);
    String result =
        changes.compute(
            "k",
            events,
            slot -> {
              changes.create(slot, "k", "v", events);
              return "done";
            });
    assertEquals("done", result);
    // the dispatcher runs asynchronous deliveries on the calling thread here (Runnable::run)
    assertEquals(List.of("CREATED k v null"), async.heard);
    assertEquals(List.of("CREATED k v null"), described());
  }

  @Test
  void compute_expiredEntryFound_reportsItsExpiryToSynchronousListeners() {
    RecordingListener<String, String> sync = listen(true);
    policy.creation = new Duration(TimeUnit.MILLISECONDS, 5);
    EntryChanges<String, String> changes = changes(false);
    changes.compute("k", events, slot -> changes.create(slot, "k", "v", events));
    clock.set(NOW + 5);
    assertNull(changes.store().get("k"));
    assertEquals(List.of("EXPIRED k v v"), sync.heard);
  }

  @Test
  void expired_failingListener_isLoggedNotThrown() {
    RecordingListener<String, String> sync = listen(true);
    sync.failure = new IllegalStateException("listener fails");
    changes(false);
    expirations.expired("k", "v");
    assertEquals(List.of("EXPIRED k v v"), sync.heard);
  }

  @Test
  void expired_noExpiryListener_deliversNothing() {
    changes(false);
    expirations.expired("k", "v"); // must not fail without listeners
    assertTrue(events.isEmpty());
  }

  @Test
  void evicted_statisticsEnabled_countsOneEvictionEach() {
    statistics.setEnabled(true);
    changes(false);
    expirations.evicted("a", "1");
    expirations.evicted("b", "2");
    assertEquals(2, statistics.getCacheEvictions());
  }

  @Test
  void evicted_statisticsDisabled_countsNothing() {
    changes(false);
    expirations.evicted("a", "1");
    assertEquals(0, statistics.getCacheEvictions());
  }

  @Test
  void store_afterConstruction_isTheOneTheFactoryOpened() {
    EntryChanges<String, String> changes = changes(false);
    assertTrue(changes.store() instanceof HeapStore);
    assertSame(changes.store(), changes.store());
  }
}
