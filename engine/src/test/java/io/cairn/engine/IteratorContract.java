package io.cairn.engine;

import static io.cairn.engine.TestBytes.bytes;
import static io.cairn.engine.TestBytes.key;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The weakly consistent iterator over copies of the live entries. */
interface IteratorContract extends StoreContract {

  @Test
  default void iterator_emptyStore_hasNoElements() {
    Iterator<StoreEntry> it = store().iterator();
    assertFalse(it.hasNext());
    assertThrows(NoSuchElementException.class, it::next);
  }

  @Test
  default void iterator_quietStore_returnsEveryLiveEntryOnceWithValueAndExpiry() {
    Map<ByteBuffer, Integer> written = new HashMap<>();
    for (int i = 0; i < 2_000; i++) {
      byte[] k = key("k" + i);
      store().put(k, bytes(i % 300, i), i % 3 == 0 ? ByteStore.ETERNAL : now() + 1_000 + i);
      written.put(ByteBuffer.wrap(key("k" + i)), i);
    }
    Set<ByteBuffer> seen = new HashSet<>();
    for (Iterator<StoreEntry> it = store().iterator(); it.hasNext(); ) {
      StoreEntry e = it.next();
      ByteBuffer k = ByteBuffer.wrap(e.key());
      Integer i = written.get(k);
      assertNotNull(i, () -> "an entry never written: " + TestBytes.describe(e.key()));
      assertTrue(seen.add(k), () -> "returned twice: " + TestBytes.describe(e.key()));
      assertArrayEquals(bytes(i % 300, i), e.value());
      assertEquals(i % 3 == 0 ? ByteStore.ETERNAL : now() + 1_000 + i, e.expireAt());
    }
    assertEquals(written.keySet(), seen);
  }

  @Test
  default void iterator_removedAndExpiredEntries_areNotReturned() {
    for (int i = 0; i < 300; i++) {
      store().put(key("k" + i), bytes(8, i), i % 3 == 1 ? now() + 10 : ByteStore.ETERNAL);
    }
    for (int i = 0; i < 300; i += 3) {
      store().remove(key("k" + i));
    }
    harness().advance(10);
    Set<ByteBuffer> seen = iterate();
    Set<ByteBuffer> expected = new HashSet<>();
    for (int i = 2; i < 300; i += 3) {
      expected.add(ByteBuffer.wrap(key("k" + i)));
    }
    assertEquals(expected, seen);
  }

  @Test
  default void iterator_storeChangedDuringIteration_neverThrowsAndReturnsUntouchedEntries() {
    for (int i = 0; i < 5_000; i++) {
      store().put(key("old" + i), bytes(16, i), ByteStore.ETERNAL);
    }
    Set<ByteBuffer> seen = new HashSet<>();
    Iterator<StoreEntry> it = store().iterator();
    int step = 0;
    while (it.hasNext()) {
      StoreEntry e = it.next();
      seen.add(ByteBuffer.wrap(e.key()));
      if (step < 2_500) {
        // enough new keys to make the index grow while the iterator walks it
        for (int j = 0; j < 20; j++) {
          store().put(key("new" + step + "." + j), bytes(16, j), ByteStore.ETERNAL);
        }
        store().remove(key("old" + (4_999 - step)));
        step++;
      }
    }
    for (int i = 0; i < 2_499; i++) {
      ByteBuffer k = ByteBuffer.wrap(key("old" + i));
      assertTrue(seen.contains(k), () -> "untouched entry not returned: " + k);
    }
  }

  @Test
  default void iterator_returnedArraysModified_storeKeepsEntries() {
    store().put(key("k"), bytes(8, 1), ByteStore.ETERNAL);
    StoreEntry e = store().iterator().next();
    e.key()[0] ^= 1;
    e.value()[0] ^= 1;
    harness().assertValue(key("k"), bytes(8, 1));
  }

  private Set<ByteBuffer> iterate() {
    Set<ByteBuffer> seen = new HashSet<>();
    for (Iterator<StoreEntry> it = store().iterator(); it.hasNext(); ) {
      seen.add(ByteBuffer.wrap(it.next().key()));
    }
    return seen;
  }
}
