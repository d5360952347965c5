package io.cairn.jcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link EntryStore} contract, run against each store: the off-heap one over the engine and the
 * on-heap one. Expiry instants are set relative to the store's own clock.
 */
abstract class EntryStoreContractTest {
  /** Expirations the store reported, as "key=value". */
  protected final List<String> expired = new CopyOnWriteArrayList<>();

  /** Whether the expirations callback says it wants reports. */
  protected volatile boolean wanted = true;

  protected final EntryStore.Expirations<String, String> expirations =
      new EntryStore.Expirations<>() {
        @Override
        public boolean wanted() {
          return wanted;
        }

        @Override
        public void expired(String key, String value) {
          expired.add(key + "=" + value);
        }
      };

  protected EntryStore<String, String> store;

  /** Opens the store under test, reporting to {@link #expirations}. */
  protected abstract EntryStore<String, String> open();

  @BeforeEach
  void openStore() {
    store = open();
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  /** Stores {@code value} under {@code key} over whatever is there. */
  protected void set(String key, String value, long expireAt) {
    StoreKey<String> k = store.key(key);
    Current<String> current = store.read(k, false);
    long version = current == null ? EntryStore.ABSENT : current.version();
    assertTrue(store.commit(k, version, store.value(value), expireAt));
  }

  private String get(String key) {
    return store.get(store.key(key));
  }

  private long later() {
    return store.now() + 60_000;
  }

  @Test
  void commit_absentThenGet_returnsValue() {
    set("k", "v", later());
    assertEquals("v", get("k"));
    assertTrue(store.containsKey(store.key("k")));
    assertNull(get("other"));
  }

  @Test
  void read_liveEntry_seesValueExpiryAndAVersion() {
    long instant = later();
    set("k", "v", instant);
    Current<String> current = store.read(store.key("k"), true);
    assertEquals("v", current.value());
    assertEquals(instant, current.expireAt());
    assertNotEquals(EntryStore.ABSENT, current.version());
    assertNull(store.read(store.key("none"), true));
  }

  @Test
  void read_withoutValue_refusesToGiveTheValueOffHeap() {
    set("k", "v", later());
    Current<String> current = store.read(store.key("k"), false);
    assertNotNull(current);
    if (store instanceof OffHeapStore) {
      assertThrows(IllegalStateException.class, current::value);
    }
  }

  @Test
  void commit_staleVersion_refusesAndKeepsTheNewerValue() {
    set("k", "v1", later());
    long stale = store.read(store.key("k"), false).version();
    set("k", "v2", later());
    assertFalse(store.commit(store.key("k"), stale, store.value("v3"), later()));
    assertFalse(store.commit(store.key("k"), stale, null, 0));
    assertEquals("v2", get("k"));
  }

  @Test
  void commitKeepExpiry_afterATouch_keepsTheTouchedExpiry() {
    set("k", "v1", later());
    StoreKey<String> k = store.key("k");
    long version = store.read(k, false).version();
    long touched = later() + 5_000;
    assertTrue(store.touch(k, version, touched)); // an access between the read and the commit
    assertTrue(store.commit(k, version, store.value("v2"), EntryStore.KEEP_EXPIRY));
    assertEquals("v2", get("k"));
    assertEquals(touched, store.read(k, false).expireAt());
  }

  @Test
  void commit_absentVersionOnPresentKey_refuses() {
    set("k", "v", later());
    assertFalse(store.commit(store.key("k"), EntryStore.ABSENT, store.value("w"), later()));
    assertEquals("v", get("k"));
  }

  @Test
  void commit_null_removesWithoutReportingExpiry() {
    set("k", "v", later());
    StoreKey<String> k = store.key("k");
    assertTrue(store.commit(k, store.read(k, false).version(), null, 0));
    assertFalse(store.containsKey(k));
    assertTrue(expired.isEmpty());
  }

  @Test
  void touch_instantNotAfterNow_removesAndReportsExpiry() {
    set("k", "v", later());
    StoreKey<String> k = store.key("k");
    assertTrue(store.touch(k, store.read(k, false).version(), store.now()));
    assertNull(get("k"));
    assertEquals(List.of("k=v"), expired);
  }

  @Test
  void touch_staleVersion_leavesTheNewerEntry() {
    set("k", "v1", later());
    StoreKey<String> k = store.key("k");
    long stale = store.read(k, false).version();
    set("k", "v2", later());
    assertFalse(store.touch(k, stale, store.now()));
    assertEquals("v2", get("k"));
    assertTrue(expired.isEmpty());
  }

  @Test
  void touch_newInstant_isKeptWithTheVersion() {
    set("k", "v", later());
    StoreKey<String> k = store.key("k");
    long version = store.read(k, false).version();
    long instant = later() + 1_000;
    assertTrue(store.touch(k, version, instant));
    assertEquals(instant, store.read(k, false).expireAt());
    assertEquals(version, store.read(k, false).version());
  }

  @Test
  void get_entryPastItsInstant_returnsNullAndReportsOnce() throws InterruptedException {
    set("k", "v", store.now() + 30);
    Thread.sleep(80);
    assertNull(get("k"));
    assertFalse(store.containsKey(store.key("k")));
    assertNull(store.read(store.key("k"), true));
    assertEquals(List.of("k=v"), expired);
  }

  @Test
  void get_expiredWhileUnwanted_reportsNothing() throws InterruptedException {
    wanted = false;
    set("k", "v", store.now() + 30);
    Thread.sleep(80);
    assertNull(get("k"));
    assertTrue(expired.isEmpty());
  }

  @Test
  void iterator_liveEntries_returnsEachOnce() {
    Map<String, String> expected = new HashMap<>();
    for (int i = 0; i < 100; i++) {
      set("k" + i, "v" + i, later());
      expected.put("k" + i, "v" + i);
    }
    Map<String, String> seen = new HashMap<>();
    for (Iterator<EntryStore.Listed<String, String>> it = store.iterator(); it.hasNext(); ) {
      EntryStore.Listed<String, String> entry = it.next();
      assertNull(seen.put(entry.key().key(), entry.current().value()), "twice: " + entry.key());
    }
    assertEquals(expected, seen);
  }

  @Test
  void clear_everything_removesWithoutReporting() {
    for (int i = 0; i < 10; i++) {
      set("k" + i, "v", later());
    }
    store.clear();
    for (int i = 0; i < 10; i++) {
      assertFalse(store.containsKey(store.key("k" + i)));
    }
    assertTrue(expired.isEmpty());
    assertFalse(store.iterator().hasNext());
  }
}
