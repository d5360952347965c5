package io.cairn.engine;

import static io.cairn.engine.TestBytes.bytes;
import static io.cairn.engine.TestBytes.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** put, putIfAbsent, replace, compare-and-replace, remove, compare-and-remove, touch, clear. */
interface WriteContract extends StoreContract {

  @Test
  default void put_newKey_storesValueAndExpiry() {
    long at = now() + 60_000;
    store().put(key("k"), bytes(50, 1), at);
    harness().assertValue(key("k"), bytes(50, 1));
    assertEquals(at, store().expiryOf(key("k")));
    assertEquals(1, store().size());
  }

  @Test
  default void put_existingKey_overwritesValueAndExpiry() {
    store().put(key("k"), bytes(50, 1), now() + 1_000);
    store().put(key("k"), bytes(70, 2), ByteStore.ETERNAL);
    harness().assertValue(key("k"), bytes(70, 2));
    assertEquals(ByteStore.ETERNAL, store().expiryOf(key("k")));
    assertEquals(1, store().size());
  }

  @Test
  default void put_overwriteWithLargerSmallerAndEmptyValues_returnsLatest() {
    int[] lengths = {1, 1000, 3, 0, 40_000, 8, 0, 17};
    for (int i = 0; i < lengths.length; i++) {
      store().put(key("k"), bytes(lengths[i], i), ByteStore.ETERNAL);
      harness().assertValue(key("k"), bytes(lengths[i], i));
    }
    assertEquals(1, store().size());
  }

  @Test
  default void putIfAbsent_absentKey_storesAndReturnsTrue() {
    assertTrue(store().putIfAbsent(key("k"), bytes(8, 1), now() + 500));
    harness().assertValue(key("k"), bytes(8, 1));
    assertEquals(now() + 500, store().expiryOf(key("k")));
  }

  @Test
  default void putIfAbsent_presentKey_keepsValueAndExpiryAndReturnsFalse() {
    store().put(key("k"), bytes(8, 1), now() + 500);
    assertFalse(store().putIfAbsent(key("k"), bytes(8, 2), ByteStore.ETERNAL));
    harness().assertValue(key("k"), bytes(8, 1));
    assertEquals(now() + 500, store().expiryOf(key("k")));
  }

  @Test
  default void putIfAbsent_removedKey_storesAgain() {
    store().put(key("k"), bytes(8, 1), ByteStore.ETERNAL);
    store().remove(key("k"));
    assertTrue(store().putIfAbsent(key("k"), bytes(8, 2), ByteStore.ETERNAL));
    harness().assertValue(key("k"), bytes(8, 2));
  }

  @Test
  default void replace_absentKey_returnsFalseAndStoresNothing() {
    assertFalse(store().replace(key("k"), bytes(8, 1), ByteStore.ETERNAL));
    harness().assertAbsent(key("k"));
    assertEquals(0, store().size());
  }

  @Test
  default void replace_presentKey_replacesValueAndExpiry() {
    store().put(key("k"), bytes(8, 1), ByteStore.ETERNAL);
    assertTrue(store().replace(key("k"), bytes(300, 2), now() + 777));
    harness().assertValue(key("k"), bytes(300, 2));
    assertEquals(now() + 777, store().expiryOf(key("k")));
  }

  @Test
  default void replaceExpected_matchingValue_replacesAndReturnsTrue() {
    store().put(key("k"), bytes(8, 1), ByteStore.ETERNAL);
    assertTrue(store().replace(key("k"), bytes(8, 1), bytes(9, 2), now() + 99));
    harness().assertValue(key("k"), bytes(9, 2));
    assertEquals(now() + 99, store().expiryOf(key("k")));
  }

  @Test
  default void replaceExpected_differentValue_keepsEntryAndReturnsFalse() {
    byte[] stored = bytes(8, 1);
    store().put(key("k"), stored.clone(), ByteStore.ETERNAL);
    byte[] flipped = stored.clone();
    flipped[7] ^= 1;
    List<byte[]> wrongGuesses =
        List.of(
            flipped,
            java.util.Arrays.copyOf(stored, 7),
            java.util.Arrays.copyOf(stored, 9),
            new byte[0],
            bytes(8, 2));
    for (byte[] wrong : wrongGuesses) {
      assertFalse(
          store().replace(key("k"), wrong, bytes(8, 3), ByteStore.ETERNAL),
          () -> "expected " + TestBytes.describe(wrong));
    }
    harness().assertValue(key("k"), stored);
    assertEquals(ByteStore.ETERNAL, store().expiryOf(key("k")));
  }

  @Test
  default void replaceExpected_absentKey_returnsFalseAndStoresNothing() {
    assertFalse(store().replace(key("k"), bytes(8, 1), bytes(8, 2), ByteStore.ETERNAL));
    harness().assertAbsent(key("k"));
  }

  @Test
  default void replaceExpected_emptyValues_compareByContent() {
    store().put(key("k"), new byte[0], ByteStore.ETERNAL);
    assertTrue(store().replace(key("k"), new byte[0], bytes(4, 1), ByteStore.ETERNAL));
    harness().assertValue(key("k"), bytes(4, 1));
  }

  @Test
  default void remove_presentKey_removesAndReturnsTrue() {
    store().put(key("k"), bytes(8, 1), ByteStore.ETERNAL);
    store().put(key("other"), bytes(8, 2), ByteStore.ETERNAL);
    assertTrue(store().remove(key("k")));
    harness().assertAbsent(key("k"));
    assertFalse(store().containsKey(key("k")));
    assertEquals(-1, store().expiryOf(key("k")));
    harness().assertValue(key("other"), bytes(8, 2));
    assertEquals(1, store().size());
  }

  @Test
  default void remove_absentOrAlreadyRemovedKey_returnsFalse() {
    assertFalse(store().remove(key("k")));
    store().put(key("k"), bytes(8, 1), ByteStore.ETERNAL);
    assertTrue(store().remove(key("k")));
    assertFalse(store().remove(key("k")));
  }

  @Test
  default void removeExpected_matchingValue_removesAndReturnsTrue() {
    store().put(key("k"), bytes(8, 1), ByteStore.ETERNAL);
    assertTrue(store().remove(key("k"), bytes(8, 1)));
    harness().assertAbsent(key("k"));
  }

  @Test
  default void removeExpected_differentValue_keepsEntryAndReturnsFalse() {
    store().put(key("k"), bytes(8, 1), ByteStore.ETERNAL);
    assertFalse(store().remove(key("k"), bytes(8, 2)));
    assertFalse(store().remove(key("k"), java.util.Arrays.copyOf(bytes(8, 1), 7)));
    assertFalse(store().remove(key("k"), java.util.Arrays.copyOf(bytes(8, 1), 9)));
    assertFalse(store().remove(key("absent"), bytes(8, 1)));
    harness().assertValue(key("k"), bytes(8, 1));
  }

  @Test
  default void touch_liveEntry_extendsExpiryAndKeepsValue() {
    store().put(key("k"), bytes(8, 1), now() + 100);
    assertTrue(store().touch(key("k"), now() + 10_000));
    assertEquals(now() + 10_000, store().expiryOf(key("k")));
    harness().advance(5_000);
    harness().assertValue(key("k"), bytes(8, 1));
    harness().advance(5_000);
    harness().assertAbsent(key("k"));
  }

  @Test
  default void touch_liveEntry_shortensExpiry() {
    store().put(key("k"), bytes(8, 1), ByteStore.ETERNAL);
    assertTrue(store().touch(key("k"), now() + 10));
    assertEquals(now() + 10, store().expiryOf(key("k")));
    harness().advance(9);
    harness().assertValue(key("k"), bytes(8, 1));
    harness().advance(1);
    harness().assertAbsent(key("k"));
    assertFalse(store().containsKey(key("k")));
  }

  @Test
  default void touch_absentKey_returnsFalseAndStoresNothing() {
    assertFalse(store().touch(key("k"), ByteStore.ETERNAL));
    harness().assertAbsent(key("k"));
  }

  @Test
  default void touch_expiredEntry_returnsFalseAndDoesNotRevive() {
    store().put(key("k"), bytes(8, 1), now() + 10);
    harness().advance(10);
    assertFalse(store().touch(key("k"), ByteStore.ETERNAL));
    harness().assertAbsent(key("k"));
    assertEquals(-1, store().expiryOf(key("k")));
  }

  @Test
  default void touch_toThePast_removesEntryReportedExpired() {
    store().put(key("k"), bytes(8, 1), ByteStore.ETERNAL);
    store().touch(key("k"), now() - 1);
    harness().assertAbsent(key("k"));
    assertFalse(store().containsKey(key("k")));
    removals().assertOnly(RemovalCause.EXPIRED, key("k"), bytes(8, 1));
  }

  @Test
  default void clear_populatedStore_removesEverythingWithoutNotifying() {
    for (int i = 0; i < 1_000; i++) {
      store().put(key("k" + i), bytes(i % 200, i), ByteStore.ETERNAL);
    }
    store().clear();
    assertEquals(0, store().size());
    assertEquals(0, store().stats().entries());
    for (int i = 0; i < 1_000; i += 7) {
      harness().assertAbsent(key("k" + i));
    }
    assertFalse(store().iterator().hasNext());
    assertEquals(List.of(), removals().all());
  }

  @Test
  default void clear_thenWrite_storesAgain() {
    store().put(key("k"), bytes(8, 1), ByteStore.ETERNAL);
    store().clear();
    assertTrue(store().putIfAbsent(key("k"), bytes(8, 2), ByteStore.ETERNAL));
    harness().assertValue(key("k"), bytes(8, 2));
    assertEquals(1, store().size());
  }

  @Test
  default void size_afterPutsOverwritesAndRemoves_countsLiveEntries() {
    assertEquals(0, store().size());
    for (int i = 0; i < 100; i++) {
      store().put(key("k" + i), bytes(8, i), ByteStore.ETERNAL);
    }
    for (int i = 0; i < 100; i += 2) {
      store().put(key("k" + i), bytes(16, i), ByteStore.ETERNAL);
    }
    assertEquals(100, store().size());
    for (int i = 0; i < 100; i += 4) {
      store().remove(key("k" + i));
    }
    assertEquals(75, store().size());
  }
}
