package io.cairn.engine;

import static io.cairn.engine.TestBytes.bytes;
import static io.cairn.engine.TestBytes.key;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** get, read (and the {@link BytesView} it lends), containsKey and expiryOf. */
interface ReadContract extends StoreContract {

  @Test
  default void get_absentKey_returnsNull() {
    assertNull(store().get(key("absent")));
  }

  @Test
  default void get_afterPut_returnsEqualValue() {
    byte[] value = bytes(100, 1);
    store().put(key("k"), value, ByteStore.ETERNAL);
    assertArrayEquals(value, store().get(key("k")));
  }

  @Test
  default void get_returnedArrayModified_storeKeepsValue() {
    store().put(key("k"), bytes(10, 2), ByteStore.ETERNAL);
    byte[] first = store().get(key("k"));
    first[0] ^= 0x55;
    byte[] second = store().get(key("k"));
    assertNotSame(first, second);
    assertArrayEquals(bytes(10, 2), second);
  }

  @Test
  default void get_keysThatArePrefixesOfEachOther_areDistinctEntries() {
    byte[][] keys = {
      {0},
      {0, 0},
      {0, 0, 0},
      {0, 0, 0, 0, 0, 0, 0, 0},
      {0, 0, 0, 0, 0, 0, 0, 0, 0},
      key("a"),
      key("aa"),
      key("aaa"),
      key("aaaaaaaa"),
      key("aaaaaaaaa"),
      {(byte) 0xff},
      {(byte) 0xff, 0}
    };
    for (int i = 0; i < keys.length; i++) {
      store().put(keys[i].clone(), bytes(8, i), ByteStore.ETERNAL);
    }
    for (int i = 0; i < keys.length; i++) {
      harness().assertValue(keys[i].clone(), bytes(8, i));
    }
    assertEquals(keys.length, store().size());
  }

  @Test
  default void read_absentKey_returnsNullWithoutRunningReader() {
    String result =
        store()
            .read(
                key("absent"),
                v -> {
                  throw new AssertionError("reader ran for an absent key");
                });
    assertNull(result);
  }

  @Test
  default void read_presentKey_viewHoldsTheValue() {
    byte[] value = bytes(1000, 3);
    store().put(key("k"), value, ByteStore.ETERNAL);
    int length = store().read(key("k"), BytesView::length);
    assertEquals(1000, length);
    byte[] viaGetByte =
        store()
            .read(
                key("k"),
                v -> {
                  byte[] copy = new byte[v.length()];
                  for (int i = 0; i < copy.length; i++) {
                    copy[i] = v.getByte(i);
                  }
                  return copy;
                });
    assertArrayEquals(value, viaGetByte);
    byte[] viaGetBytes =
        store()
            .read(
                key("k"),
                v -> {
                  byte[] copy = new byte[v.length() + 4];
                  v.getBytes(0, copy, 4, v.length());
                  return copy;
                });
    for (int i = 0; i < value.length; i++) {
      assertEquals(value[i], viaGetBytes[i + 4], "byte " + i);
    }
  }

  @Test
  default void read_readerResult_isReturnedAndMayBeNull() {
    store().put(key("k"), bytes(8, 4), ByteStore.ETERNAL);
    assertEquals("found", store().read(key("k"), v -> "found"));
    assertNull(store().read(key("k"), v -> null));
  }

  @Test
  default void read_multiByteAccess_usesNativeByteOrderAtAnyOffset() {
    byte[] value = bytes(24, 5);
    store().put(key("k"), value, ByteStore.ETERNAL);
    ByteBuffer expected = ByteBuffer.wrap(value).order(ByteOrder.nativeOrder());
    for (int i = 0; i <= 16; i++) {
      int index = i;
      long got = store().read(key("k"), v -> v.getLong(index));
      assertEquals(expected.getLong(index), got, "getLong(" + index + ")");
    }
    for (int i = 0; i <= 20; i++) {
      int index = i;
      int got = store().read(key("k"), v -> v.getInt(index));
      assertEquals(expected.getInt(index), got, "getInt(" + index + ")");
    }
  }

  @Test
  default void read_accessOutsideTheView_throwsIndexOutOfBounds() {
    store().put(key("k"), bytes(16, 6), ByteStore.ETERNAL);
    byte[] dst = new byte[32];
    Map<String, Consumer<BytesView>> accesses = new LinkedHashMap<>();
    accesses.put("getByte(-1)", x -> x.getByte(-1));
    accesses.put("getByte(16)", x -> x.getByte(16));
    accesses.put("getByte(MAX)", x -> x.getByte(Integer.MAX_VALUE));
    accesses.put("getInt(-1)", x -> x.getInt(-1));
    accesses.put("getInt(13)", x -> x.getInt(13));
    accesses.put("getInt(MAX)", x -> x.getInt(Integer.MAX_VALUE));
    accesses.put("getLong(-1)", x -> x.getLong(-1));
    accesses.put("getLong(9)", x -> x.getLong(9));
    accesses.put("getLong(MAX-3)", x -> x.getLong(Integer.MAX_VALUE - 3));
    accesses.put("getBytes(0,17)", x -> x.getBytes(0, dst, 0, 17));
    accesses.put("getBytes(-1,1)", x -> x.getBytes(-1, dst, 0, 1));
    accesses.put("getBytes(10,7)", x -> x.getBytes(10, dst, 0, 7));
    accesses.put("getBytes(0,-1)", x -> x.getBytes(0, dst, 0, -1));
    accesses.put("getBytes(MAX,2)", x -> x.getBytes(Integer.MAX_VALUE, dst, 0, 2));
    accesses.put("getBytes(short dst)", x -> x.getBytes(0, new byte[8], 0, 16));
    accesses.put("getBytes(dstOffset -1)", x -> x.getBytes(0, dst, -1, 4));
    assertEquals(List.of(), accessesNotOutOfBounds(key("k"), accesses));
  }

  @Test
  default void read_accessAtTheLastValidPositions_succeeds() {
    byte[] value = bytes(16, 7);
    store().put(key("k"), value, ByteStore.ETERNAL);
    ByteBuffer expected = ByteBuffer.wrap(value).order(ByteOrder.nativeOrder());
    byte lastByte = store().read(key("k"), v -> v.getByte(15));
    int lastInt = store().read(key("k"), v -> v.getInt(12));
    long lastLong = store().read(key("k"), v -> v.getLong(8));
    assertEquals(value[15], lastByte);
    assertEquals(expected.getInt(12), lastInt);
    assertEquals(expected.getLong(8), lastLong);
    byte[] tail =
        store()
            .read(
                key("k"),
                v -> {
                  byte[] d = new byte[6];
                  v.getBytes(10, d, 0, 6);
                  return d;
                });
    assertArrayEquals(java.util.Arrays.copyOfRange(value, 10, 16), tail);
  }

  @Test
  default void read_emptyValue_viewIsEmptyAndEveryAccessThrows() {
    store().put(key("k"), new byte[0], ByteStore.ETERNAL);
    assertEquals(0, store().read(key("k"), BytesView::length));
    assertArrayEquals(new byte[0], store().read(key("k"), BytesView::toByteArray));
    Map<String, Consumer<BytesView>> accesses = new LinkedHashMap<>();
    accesses.put("getByte(0)", x -> x.getByte(0));
    accesses.put("getInt(0)", x -> x.getInt(0));
    accesses.put("getLong(0)", x -> x.getLong(0));
    accesses.put("getBytes(0,1)", x -> x.getBytes(0, new byte[1], 0, 1));
    assertEquals(List.of(), accessesNotOutOfBounds(key("k"), accesses));
  }

  @Test
  default void containsKey_presentAndAbsentKeys_reportsPresence() {
    store().put(key("k"), bytes(8, 8), ByteStore.ETERNAL);
    assertTrue(store().containsKey(key("k")));
    assertFalse(store().containsKey(key("other")));
    store().remove(key("k"));
    assertFalse(store().containsKey(key("k")));
  }

  @Test
  default void expiryOf_absentKey_returnsMinusOne() {
    assertEquals(-1, store().expiryOf(key("absent")));
  }

  @Test
  default void expiryOf_liveEntries_returnsExactInstant() {
    long in = now() + 12_345;
    store().put(key("eternal"), bytes(8, 9), ByteStore.ETERNAL);
    store().put(key("timed"), bytes(8, 9), in);
    long year9999 = 253_402_300_799_999L;
    store().put(key("year9999"), bytes(8, 9), year9999);
    store().put(key("last"), bytes(8, 9), ByteStore.MAX_INSTANT - 1);
    assertEquals(ByteStore.ETERNAL, store().expiryOf(key("eternal")));
    assertEquals(in, store().expiryOf(key("timed")));
    assertEquals(year9999, store().expiryOf(key("year9999")));
    assertEquals(ByteStore.MAX_INSTANT - 1, store().expiryOf(key("last")));
  }

  @Test
  default void expiryOf_instantsFromMaxInstantOn_readBackAsEternal() {
    long[] nevers = {ByteStore.MAX_INSTANT, ByteStore.MAX_INSTANT + 1, Long.MAX_VALUE - 1};
    for (int i = 0; i < nevers.length; i++) {
      store().put(key("k" + i), bytes(8, i), nevers[i]);
    }
    for (int i = 0; i < nevers.length; i++) {
      assertEquals(ByteStore.ETERNAL, store().expiryOf(key("k" + i)), "expireAt=" + nevers[i]);
    }
  }

  /** Runs each access on the value of {@code key}; names those that are not out of bounds. */
  private List<String> accessesNotOutOfBounds(
      byte[] key, Map<String, Consumer<BytesView>> accesses) {
    return store()
        .read(key, view -> Outcomes.notThrowing(IndexOutOfBoundsException.class, view, accesses));
  }
}
