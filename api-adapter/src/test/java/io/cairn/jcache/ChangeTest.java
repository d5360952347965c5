package io.cairn.jcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.jcache.configuration.OversizedValues;
import io.cairn.jcache.event.EventDispatcher;
import io.cairn.jcache.expiry.ExpiryPolicyAdapter;
import io.cairn.jcache.integration.WriterAdapter;
import io.cairn.jcache.management.CacheStatisticsImpl;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.Duration;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.integration.CacheWriterException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One prepared change over a real heap store: the writer before the store, the expiry policy's
 * instants, the events, and a commit that survives the store dropping the entry meanwhile.
 */
class ChangeTest extends CacheManagerFixture {
  private static final long MINUTE = TimeUnit.MINUTES.toMillis(1);

  private final List<String> log = new ArrayList<>();
  private final RecordingListener<String, String> listener = new RecordingListener<>();
  private final Policy policy = new Policy();
  private Changes<String, String> changes;
  private EntryStore<String, String> store;

  /** Answers its fields: null means unchanged. */
  static final class Policy implements ExpiryPolicy {
    Duration creation = Duration.ETERNAL;
    Duration update;
    Duration access;

    @Override
    public Duration getExpiryForCreation() {
      return creation;
    }

    @Override
    public Duration getExpiryForAccess() {
      return access;
    }

    @Override
    public Duration getExpiryForUpdate() {
      return update;
    }
  }

  /** Logs writes and deletes; refuses the value "bad". */
  private final class LoggingWriter extends StubWriter {
    private static final long serialVersionUID = 1L;

    @Override
    public void write(Cache.Entry<? extends String, ? extends String> entry) {
      if (entry.getValue().equals("bad")) {
        throw new IllegalStateException("refused");
      }
      log.add("write " + entry.getKey() + "=" + entry.getValue());
    }

    @Override
    public void delete(Object key) {
      log.add("delete " + key);
    }
  }

  @BeforeEach
  void createChanges() {
    EventDispatcher<String, String> dispatcher = new EventDispatcher<>(Runnable::run);
    dispatcher.register(
        new MutableCacheEntryListenerConfiguration<>(
            FactoryBuilder.factoryOf(listener), null, true, true));
    Cache<String, String> source =
        manager.createCache("source", new MutableConfiguration<String, String>());
    changes =
        new Changes<>(
            source,
            new ExpiryPolicyAdapter(policy),
            new WriterAdapter<>(new LoggingWriter()),
            dispatcher,
            new OversizedPuts("source", OversizedValues.FAIL, new CacheStatisticsImpl()),
            expirations -> new HeapStore<>(System::currentTimeMillis, expirations));
    store = changes.store();
  }

  private void write(String key, String value) {
    changes.apply(store.key(key), true, c -> c.write(store.value(value), true));
  }

  private Current<String> read(String key) {
    return store.read(store.key(key), true);
  }

  @Test
  void write_newKey_callsTheWriterThenCreatesAndAnnounces() {
    write("k", "v");
    assertEquals(List.of("write k=v"), log);
    assertEquals("v", read("k").value());
    assertEquals(List.of("CREATED k v null"), listener.heard);
  }

  @Test
  void write_failingWriter_leavesTheEntryAndAnnouncesNothing() {
    write("k", "v");
    listener.heard.clear();
    assertThrows(CacheWriterException.class, () -> write("k", "bad"));
    assertEquals("v", read("k").value());
    assertTrue(listener.heard.isEmpty());
  }

  @Test
  void create_zeroDuration_storesAndAnnouncesNothing() {
    policy.creation = Duration.ZERO;
    write("k", "v");
    assertNull(read("k"));
    assertTrue(listener.heard.isEmpty());
  }

  @Test
  void update_nullDuration_keepsTheCurrentExpiry() {
    policy.creation = new Duration(TimeUnit.MINUTES, 1);
    write("k", "v1");
    long instant = read("k").expireAt();
    write("k", "v2");
    assertEquals(instant, read("k").expireAt());
    assertTrue(instant > System.currentTimeMillis() + MINUTE / 2);
  }

  @Test
  void update_zeroDuration_removesAndAnnouncesUpdateThenExpiry() {
    write("k", "v1");
    policy.update = Duration.ZERO;
    write("k", "v2");
    assertNull(read("k"));
    assertEquals(
        List.of("CREATED k v1 null", "UPDATED k v2 v1", "EXPIRED k v2 v2"), listener.heard);
  }

  @Test
  void delete_absentEntry_stillCallsTheWriterButAnnouncesNothing() {
    boolean deleted = changes.apply(store.key("k"), true, c -> c.delete(true));
    assertFalse(deleted);
    assertEquals(List.of("delete k"), log);
    assertTrue(listener.heard.isEmpty());
  }

  @Test
  void commit_storeDroppedTheEntryWhileHeld_writesThePreparedValueAsIs() {
    write("k", "v1");
    changes.apply(
        store.key("k"),
        true,
        c -> {
          store.clear(); // the store's own removal: the version read is gone
          return c.write(store.value("v2"), false);
        });
    assertEquals("v2", read("k").value());
    assertEquals(List.of("CREATED k v1 null", "UPDATED k v2 v1"), listener.heard);
  }

  @Test
  void commit_storeDroppedTheEntryBeforeARemoval_hasNothingLeftToDo() {
    write("k", "v1");
    boolean removed =
        changes.apply(
            store.key("k"),
            true,
            c -> {
              store.clear();
              return c.delete(false);
            });
    assertTrue(removed);
    assertNull(read("k"));
  }

  @Test
  void accessed_zeroDuration_expiresTheEntryReadOnly() {
    write("k", "v1");
    policy.access = Duration.ZERO;
    Current<String> before = read("k");
    write("k", "v2"); // written after the read
    changes.accessed(store.key("k"), before);
    assertEquals("v2", read("k").value());
    assertEquals("v2", changes.readAccessed(store.key("k")));
    assertNull(read("k"));
  }
}
