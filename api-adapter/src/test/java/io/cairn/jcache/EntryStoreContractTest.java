package io.cairn.jcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
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

  protected final EntryStore.Expirations<String, String> expirations =
      new EntryStore.Expirations<>() {
        @Override
        public void expired(String key, String value) {
          expired.add(key + "=" + value);
        }

        @Override
        public void evicted(String key, String value) {}
      };

  private EntryStore<String, String> store;

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

  private void set(String key, String value, long expireAt) {
    store.compute(
        key,
        slot -> {
          slot.set(value, expireAt);
          return null;
        });
  }

  private long later() {
    return store.now() + 60_000;
  }

  @Test
  void compute_setThenGet_returnsValue() {
    set("k", "v", later());
    assertEquals("v", store.get("k"));
    assertTrue(store.containsKey("k"));
    assertNull(store.get("other"));
  }

  @Test
  void compute_noChangeAsked_leavesEntryAsItWas() {
    set("k", "v", later());
    String seen = store.compute("k", slot -> slot.value());
    assertEquals("v", seen);
    assertEquals("v", store.get("k"));
  }

  @Test
  void compute_functionThrows_changesNothing() {
    set("k", "v", later());
    assertThrows(
        IllegalStateException.class,
        () ->
            store.compute(
                "k",
                slot -> {
                  slot.set("changed", later());
                  throw new IllegalStateException("fails");
                }));
    assertEquals("v", store.get("k"));
  }

  @Test
  void compute_remove_removesWithoutReportingExpiry() {
    set("k", "v", later());
    store.compute(
        "k",
        slot -> {
          slot.remove();
          return null;
        });
    assertFalse(store.containsKey("k"));
    assertTrue(expired.isEmpty());
  }

  @Test
  void compute_instantNotAfterNow_removesAndReportsExpiry() {
    set("k", "v", later());
    store.compute(
        "k",
        slot -> {
          slot.setExpireAt(slot.now());
          return null;
        });
    assertNull(store.get("k"));
    assertEquals(List.of("k=v"), expired);
  }

  @Test
  void get_entryPastItsInstant_returnsNullAndReportsOnce() throws InterruptedException {
    set("k", "v", store.now() + 30);
    Thread.sleep(80);
    assertNull(store.get("k"));
    assertFalse(store.containsKey("k"));
    assertNull(store.get("k"));
    assertEquals(List.of("k=v"), expired);
  }

  @Test
  void slot_expireAt_reflectsTheStoredInstant() {
    long instant = later();
    set("k", "v", instant);
    assertEquals(instant, (long) store.compute("k", EntryStore.Slot::expireAt));
    assertEquals(-1L, (long) store.compute("none", EntryStore.Slot::expireAt));
  }

  @Test
  void touch_newInstant_isKept() {
    set("k", "v", later());
    long instant = later() + 1_000;
    store.touch("k", instant);
    assertEquals(instant, (long) store.compute("k", EntryStore.Slot::expireAt));
  }

  @Test
  void iterator_liveEntries_returnsEachOnce() {
    Map<String, String> expected = new HashMap<>();
    for (int i = 0; i < 100; i++) {
      set("k" + i, "v" + i, later());
      expected.put("k" + i, "v" + i);
    }
    Map<String, String> seen = new HashMap<>();
    for (Iterator<EntryImpl<String, String>> it = store.iterator(); it.hasNext(); ) {
      EntryImpl<String, String> entry = it.next();
      assertNull(seen.put(entry.getKey(), entry.getValue()), "twice: " + entry.getKey());
    }
    assertEquals(expected, seen);
  }

  @Test
  void clear_everything_removesWithoutReporting() {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      keys.add("k" + i);
      set("k" + i, "v", later());
    }
    store.clear();
    keys.forEach(k -> assertFalse(store.containsKey(k)));
    assertTrue(expired.isEmpty());
    assertFalse(store.iterator().hasNext());
  }
}
