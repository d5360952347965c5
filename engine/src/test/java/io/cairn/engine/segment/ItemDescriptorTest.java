package io.cairn.engine.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.engine.ByteStore;
import io.cairn.engine.memory.MemoryRegion;
import io.cairn.engine.memory.NativeMemory;
import io.cairn.engine.segment.ItemDescriptor.Expiry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ItemDescriptorTest {

  private static final long BASE = 1_700_000_000_000L;

  private final NativeMemory memory = new NativeMemory();
  private final MemoryRegion segment = memory.allocate(4096, true);

  ItemDescriptorTest() {
    ItemDescriptor.setBaseTime(segment, BASE);
  }

  @AfterEach
  void free() {
    memory.free(segment);
    assertEquals(0, memory.allocatedBytes());
  }

  @Test
  void layout_headerFieldsFollowEachOther() {
    assertEquals(0, ItemDescriptor.BASE_TIME_OFFSET);
    assertEquals(8, ItemDescriptor.FIRST_ITEM_OFFSET);
    assertEquals(0, ItemDescriptor.FLAGS_AND_LENGTHS_OFFSET);
    assertEquals(4, ItemDescriptor.EXPIRY_OFFSET);
    assertEquals(4, ItemDescriptor.ETERNAL_HEADER_LENGTH);
    assertEquals(20, ItemDescriptor.MAX_HEADER_LENGTH);
    assertEquals(28, ItemDescriptor.MAX_OVERHEAD);
  }

  @Test
  void itemSize_commonSizesTakeFourOrEightBytesOfHeaderAndFourByteAlignment() {
    assertEquals(112, ItemDescriptor.itemSize(8, 100, Expiry.NONE), "Long key + 100 B: 4 + 108");
    assertEquals(116, ItemDescriptor.itemSize(8, 100, Expiry.NEAR), "expiring: 8 + 108");
    assertEquals(124, ItemDescriptor.itemSize(16, 100, Expiry.NEAR), "16 B key: 8 + 116");
    assertEquals(8, ItemDescriptor.itemSize(1, 0, Expiry.NONE), "4 + 1 = 5 pads to 8");
    assertEquals(12, ItemDescriptor.itemSize(1, 0, Expiry.NEAR), "8 + 1 = 9 pads to 12");
    assertEquals(12, ItemDescriptor.itemSize(4, 0, Expiry.NEAR));
    assertEquals(16, ItemDescriptor.itemSize(5, 0, Expiry.NEAR));
    assertEquals(124, ItemDescriptor.itemSize(8, 100, Expiry.FAR), "far: 8 more bytes");
    assertEquals(8 + 4 + 512, ItemDescriptor.itemSize(512, 0, Expiry.NEAR), "a 512 B key: long");
    assertEquals(8 + 511, ItemDescriptor.itemSize(511, 0, Expiry.NEAR) - 1, "511: short, 1 pad");
    assertEquals(
        4 + (1 << 19) - 1 + 1,
        ItemDescriptor.itemSize(0, (1 << 19) - 1, Expiry.NONE),
        "512 KiB - 1: short");
    assertEquals(
        4 + 4 + (1 << 19), ItemDescriptor.itemSize(0, 1 << 19, Expiry.NONE), "512 KiB: long");
    assertEquals(ItemDescriptor.itemSize(3, 5, Expiry.FAR), ItemDescriptor.maxItemSize(3, 5));
    assertEquals(
        ItemDescriptor.MAX_HEADER_LENGTH + 600, ItemDescriptor.itemSize(600, 0, Expiry.FAR));
  }

  @Test
  void expiryOf_neverNoWord_withinReachNear_beyondFar() {
    assertEquals(Expiry.NONE, ItemDescriptor.expiryOf(ByteStore.ETERNAL, BASE));
    assertEquals(Expiry.NONE, ItemDescriptor.expiryOf(ByteStore.MAX_INSTANT, BASE));
    assertEquals(Expiry.NEAR, ItemDescriptor.expiryOf(BASE + ItemDescriptor.MAX_DELTA, BASE));
    assertEquals(Expiry.FAR, ItemDescriptor.expiryOf(BASE + ItemDescriptor.MAX_DELTA + 1, BASE));
    assertEquals(Expiry.NEAR, ItemDescriptor.expiryOf(BASE - 1, BASE), "already past: near");
  }

  @Test
  void isLarge_exactlyWhenKeyValueAndTheMostOverheadExceedTheSegment() {
    int segmentSize = 64 << 10;
    assertFalse(ItemDescriptor.isLarge(10, segmentSize - 28 - 10, segmentSize));
    assertTrue(ItemDescriptor.isLarge(10, segmentSize - 28 - 9, segmentSize));
    // The largest ordinary item fits a segment after its header even when far.
    int value = segmentSize - 28 - 10;
    assertTrue(
        ItemDescriptor.FIRST_ITEM_OFFSET + ItemDescriptor.maxItemSize(10, value) <= segmentSize);
  }

  @Test
  void write_thenRead_everyFieldRoundTrips() {
    byte[] key = {1, 2, 3};
    byte[] value = new byte[300];
    value[299] = 9;
    long expireAt = BASE + 123_456;
    ItemDescriptor.write(segment, 64, key, value, expireAt, Expiry.NEAR);
    assertReadsBack(64, key, value, expireAt);
    assertTrue(ItemDescriptor.keyEquals(segment, 64, key));
    assertFalse(ItemDescriptor.keyEquals(segment, 64, new byte[] {1, 2}));
    assertTrue(ItemDescriptor.valueEquals(segment, 64, value));
    assertEquals(
        ItemDescriptor.itemSize(3, 300, Expiry.NEAR), ItemDescriptor.itemSize(segment, 64));
    assertEquals(64 + 8, ItemDescriptor.keyOffset(segment, 64));
    assertEquals(64 + 8 + 3, ItemDescriptor.valueOffset(segment, 64));
  }

  @Test
  void write_eternal_hasNoExpiryWordAndReadsBackEternal() {
    byte[] key = {1, 2, 3, 4, 5, 6, 7, 8};
    byte[] value = new byte[100];
    value[99] = 3;
    ItemDescriptor.write(segment, 64, key, value, ByteStore.ETERNAL, Expiry.NONE);
    assertReadsBack(64, key, value, ByteStore.ETERNAL);
    assertEquals(64 + 4, ItemDescriptor.keyOffset(segment, 64));
    assertEquals(112, ItemDescriptor.itemSize(segment, 64));
    assertTrue(ItemDescriptor.fits(segment, ByteStore.ETERNAL));
  }

  @Test
  void write_eternalWithLongLengths_readsTheValueLengthRightAfterTheWord() {
    byte[] key = new byte[700];
    key[699] = 1;
    byte[] value = {7, 7};
    ItemDescriptor.write(segment, 8, key, value, ByteStore.ETERNAL, Expiry.NONE);
    assertReadsBack(8, key, value, ByteStore.ETERNAL);
    assertEquals(8 + 8, ItemDescriptor.keyOffset(segment, 8), "word + value length");
  }

  private void assertReadsBack(int item, byte[] key, byte[] value, long expireAt) {
    assertEquals(key.length, ItemDescriptor.keyLength(segment, item));
    assertEquals(value.length, ItemDescriptor.valueLength(segment, item));
    assertEquals(expireAt, ItemDescriptor.expireAt(segment, item));
    assertArrayEquals(key, ItemDescriptor.key(segment, item));
    assertArrayEquals(value, ItemDescriptor.value(segment, item));
  }

  @Test
  void write_longLengthsAndFar_roundTripWithTheLongestHeader() {
    byte[] key = new byte[600];
    key[599] = 7;
    byte[] value = {4, 5, 6};
    long expireAt = BASE + ItemDescriptor.MAX_DELTA + 1_000;
    assertTrue(ItemDescriptor.isFar(expireAt, BASE));
    ItemDescriptor.write(segment, 8, key, value, expireAt, Expiry.FAR);
    assertReadsBack(8, key, value, expireAt);
    assertEquals(8 + 20, ItemDescriptor.keyOffset(segment, 8));
    assertEquals(ItemDescriptor.itemSize(600, 3, Expiry.FAR), ItemDescriptor.itemSize(segment, 8));
  }

  @Test
  void expiry_never_readsBackEternal_andSoDoesAnyInstantFromMaxInstantOn() {
    ItemDescriptor.write(segment, 8, new byte[1], new byte[1], BASE + 9, Expiry.NEAR);
    assertTrue(ItemDescriptor.setExpireAt(segment, 8, ByteStore.ETERNAL));
    assertEquals(ByteStore.ETERNAL, ItemDescriptor.expireAt(segment, 8));
    assertTrue(ItemDescriptor.setExpireAt(segment, 8, 1L << 50));
    assertEquals(ByteStore.ETERNAL, ItemDescriptor.expireAt(segment, 8));
    assertFalse(ItemDescriptor.isFar(ByteStore.MAX_INSTANT, BASE), "never is not far");
    ItemDescriptor.write(segment, 64, new byte[1], new byte[1], 1L << 50, Expiry.FAR);
    assertEquals(ByteStore.ETERNAL, ItemDescriptor.expireAt(segment, 64), "far, beyond 48 bits");
  }

  /** An item written to never expire has no word to touch: never stays in place, else rewrite. */
  @Test
  void setExpireAt_itemWithoutExpiryWord_acceptsNeverAndAsksForARewriteForAnInstant() {
    byte[] value = {1, 2, 3};
    ItemDescriptor.write(segment, 8, new byte[2], value, ByteStore.ETERNAL, Expiry.NONE);
    int next = 8 + ItemDescriptor.itemSize(segment, 8);
    ItemDescriptor.write(segment, next, new byte[1], new byte[1], BASE, Expiry.NEAR);
    assertTrue(ItemDescriptor.setExpireAt(segment, 8, ByteStore.ETERNAL));
    assertFalse(ItemDescriptor.setExpireAt(segment, 8, BASE + 1_000));
    assertEquals(ByteStore.ETERNAL, ItemDescriptor.expireAt(segment, 8));
    assertArrayEquals(value, ItemDescriptor.value(segment, 8), "nothing written over");
    assertEquals(BASE, ItemDescriptor.expireAt(segment, next), "nor the next item");
  }

  @Test
  void expiry_beforeTheBase_isStoredAsTheBaseAndStaysInThePast() {
    ItemDescriptor.write(segment, 8, new byte[1], new byte[1], BASE - 5_000, Expiry.NEAR);
    assertEquals(BASE, ItemDescriptor.expireAt(segment, 8));
    assertTrue(ItemDescriptor.expireAt(segment, 8) <= BASE);
  }

  @Test
  void expiry_atTheLargestDelta_fitsAndOneMillisecondMoreDoesNot() {
    long last = BASE + ItemDescriptor.MAX_DELTA;
    assertTrue(ItemDescriptor.fits(segment, last));
    assertFalse(ItemDescriptor.fits(segment, last + 1));
    ItemDescriptor.write(segment, 8, new byte[2], new byte[2], last, Expiry.NEAR);
    assertEquals(last, ItemDescriptor.expireAt(segment, 8), "no clash with the markers");
    assertFalse(ItemDescriptor.isFar(last, BASE));
    assertTrue(ItemDescriptor.isFar(last + 1, BASE));
  }

  @Test
  void setExpireAt_deltaOverflow_changesNothingAndAsksForARewrite() {
    ItemDescriptor.write(segment, 8, new byte[2], new byte[2], BASE + 10, Expiry.NEAR);
    assertFalse(ItemDescriptor.setExpireAt(segment, 8, BASE + ItemDescriptor.MAX_DELTA + 1));
    assertEquals(BASE + 10, ItemDescriptor.expireAt(segment, 8));
    assertThrows(
        IllegalArgumentException.class,
        () -> ItemDescriptor.expiryWord(BASE, BASE + ItemDescriptor.MAX_DELTA + 1));
  }

  @Test
  void setExpireAt_nearItem_rewritesTheInstantAndKeepsTheLengths() {
    byte[] key = new byte[300];
    ItemDescriptor.write(segment, 8, key, new byte[5], BASE + 1_000, Expiry.NEAR);
    assertTrue(ItemDescriptor.setExpireAt(segment, 8, BASE + 77_000));
    assertEquals(BASE + 77_000, ItemDescriptor.expireAt(segment, 8));
    assertEquals(300, ItemDescriptor.keyLength(segment, 8));
    assertTrue(ItemDescriptor.setExpireAt(segment, 8, ByteStore.ETERNAL));
    assertEquals(ByteStore.ETERNAL, ItemDescriptor.expireAt(segment, 8));
    assertEquals(300, ItemDescriptor.keyLength(segment, 8));
    assertEquals(5, ItemDescriptor.valueLength(segment, 8));
  }

  @Test
  void setExpireAt_farItem_becomesNearInOneStoreAndCannotBeMadeFarAgainInPlace() {
    long far = BASE + ItemDescriptor.MAX_DELTA + 60_000;
    ItemDescriptor.write(segment, 8, new byte[4], new byte[4], far, Expiry.FAR);
    assertEquals(far, ItemDescriptor.expireAt(segment, 8));
    assertTrue(ItemDescriptor.setExpireAt(segment, 8, BASE + 5));
    assertEquals(BASE + 5, ItemDescriptor.expireAt(segment, 8));
    assertFalse(ItemDescriptor.setExpireAt(segment, 8, far + 1), "far again: rewrite");
    assertEquals(BASE + 5, ItemDescriptor.expireAt(segment, 8));
    assertEquals(ItemDescriptor.itemSize(4, 4, Expiry.FAR), ItemDescriptor.itemSize(segment, 8));
  }

  @Test
  void rebase_nearItemCopiedToALaterSegment_keepsItsExactInstant() {
    MemoryRegion later = memory.allocate(256, true);
    try {
      ItemDescriptor.setBaseTime(later, BASE + 3_600_000);
      long expireAt = BASE + 7_200_001;
      ItemDescriptor.write(segment, 8, new byte[] {9}, new byte[] {8}, expireAt, Expiry.NEAR);
      int size = ItemDescriptor.itemSize(segment, 8);
      segment.copyTo(8, later, 8, size);
      ItemDescriptor.rebase(later, 8, expireAt);
      assertEquals(expireAt, ItemDescriptor.expireAt(later, 8));
      long far = BASE + ItemDescriptor.MAX_DELTA + 1;
      ItemDescriptor.write(segment, 64, new byte[] {9}, new byte[] {8}, far, Expiry.FAR);
      segment.copyTo(64, later, 64, ItemDescriptor.itemSize(segment, 64));
      ItemDescriptor.rebase(later, 64, far);
      assertEquals(far, ItemDescriptor.expireAt(later, 64), "a far item carries its instant");
      ItemDescriptor.write(
          segment, 128, new byte[] {9}, new byte[] {8}, ByteStore.ETERNAL, Expiry.NONE);
      segment.copyTo(128, later, 128, ItemDescriptor.itemSize(segment, 128));
      ItemDescriptor.rebase(later, 128, ByteStore.ETERNAL);
      assertEquals(ByteStore.ETERNAL, ItemDescriptor.expireAt(later, 128));
      assertArrayEquals(new byte[] {8}, ItemDescriptor.value(later, 128), "no word to rewrite");
    } finally {
      memory.free(later);
    }
  }

  /**
   * A far item touched near holds a delta from its old segment's base in its word; copied into a
   * later segment it must keep its instant, not move by the difference of the two bases (before,
   * rebase left far items alone and the copy expired an hour late here).
   */
  @Test
  void rebase_farItemTouchedNear_keepsItsInstantInALaterSegment() {
    MemoryRegion later = memory.allocate(256, true);
    try {
      ItemDescriptor.setBaseTime(later, BASE + 3_600_000);
      long far = BASE + ItemDescriptor.MAX_DELTA + 1;
      ItemDescriptor.write(segment, 8, new byte[] {9}, new byte[] {8}, far, Expiry.FAR);
      long touched = BASE + 7_200_000;
      assertTrue(ItemDescriptor.setExpireAt(segment, 8, touched));
      segment.copyTo(8, later, 8, ItemDescriptor.itemSize(segment, 8));
      ItemDescriptor.rebase(later, 8, ItemDescriptor.expireAt(segment, 8));
      assertEquals(touched, ItemDescriptor.expireAt(later, 8));
      assertTrue(ItemDescriptor.setExpireAt(segment, 8, ByteStore.ETERNAL));
      segment.copyTo(8, later, 64, ItemDescriptor.itemSize(segment, 8));
      ItemDescriptor.rebase(later, 64, ItemDescriptor.expireAt(segment, 8));
      assertEquals(ByteStore.ETERNAL, ItemDescriptor.expireAt(later, 64));
    } finally {
      memory.free(later);
    }
  }

  @Test
  void markDeleted_keepsLengthsReadable() {
    ItemDescriptor.write(segment, 8, new byte[5], new byte[70], BASE + 5, Expiry.NEAR);
    assertFalse(ItemDescriptor.isDeleted(segment, 8));
    ItemDescriptor.markDeleted(segment, 8);
    assertTrue(ItemDescriptor.isDeleted(segment, 8));
    assertEquals(70, ItemDescriptor.valueLength(segment, 8));
    assertEquals(5, ItemDescriptor.keyLength(segment, 8));
    assertEquals(ItemDescriptor.itemSize(5, 70, Expiry.NEAR), ItemDescriptor.itemSize(segment, 8));
  }

  /**
   * What an optimistic reader may meet where an item was reused: any bits in the header. Every
   * length is bounded by its field and every access bounds-checked, so reading fails with {@link
   * IndexOutOfBoundsException} (the reader retries) and never touches memory outside the segment.
   */
  @Test
  void read_corruptedLengths_neverReachOutsideTheSegment() {
    int[] words = {
      -1,
      0x7FFF_FFFF,
      ItemDescriptor.LONG_LENGTHS | 0xFFFF,
      ItemDescriptor.LONG_LENGTHS | ItemDescriptor.EXPIRES | ItemDescriptor.FAR | 0xFFFF,
      0x1FFF_FFFF,
      0x0FFF_FFFF,
      0xDEAD_BEEF
    };
    int[] items = {8, 4096 - 12, 4096 - 8, 2048};
    for (int word : words) {
      for (int item : items) {
        segment.putInt(item + ItemDescriptor.FLAGS_AND_LENGTHS_OFFSET, word);
        int lengthAt = item + ItemDescriptor.longValueLengthOffset(word);
        if (lengthAt + 4 <= 4096) {
          segment.putInt(lengthAt, -1);
        }
        assertTrue(ItemDescriptor.keyLength(segment, item) <= ItemDescriptor.MAX_KEY_LENGTH);
        byte[] probe = new byte[ItemDescriptor.keyLength(segment, item)];
        try {
          assertTrue(ItemDescriptor.valueLength(segment, item) <= ItemDescriptor.MAX_VALUE_LENGTH);
          int size = ItemDescriptor.itemSize(segment, item);
          assertTrue(size >= 0 && size <= (1 << 24) + (1 << 16) + 24, "size=" + size);
          ItemDescriptor.keyEquals(segment, item, probe);
          ItemDescriptor.valueEquals(segment, item, new byte[1]);
          ItemDescriptor.key(segment, item);
          ItemDescriptor.value(segment, item);
          ItemDescriptor.expireAt(segment, item);
        } catch (IndexOutOfBoundsException expected) {
          // the reader's retry
        }
      }
    }
  }
}
