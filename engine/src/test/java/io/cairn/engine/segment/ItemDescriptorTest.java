package io.cairn.engine.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.engine.ByteStore;
import io.cairn.engine.memory.MemoryRegion;
import io.cairn.engine.memory.NativeMemory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ItemDescriptorTest {

  private final NativeMemory memory = new NativeMemory();
  private final MemoryRegion segment = memory.allocate(4096, true);

  @AfterEach
  void free() {
    memory.free(segment);
  }

  @Test
  void layout_headerFieldsFollowEachOther() {
    assertEquals(0, ItemDescriptor.EXPIRY_AND_KEY_LENGTH_OFFSET);
    assertEquals(8, ItemDescriptor.FLAGS_AND_VALUE_LENGTH_OFFSET);
    assertEquals(12, ItemDescriptor.HEADER_LENGTH);
    assertEquals(128, ItemDescriptor.itemSize(16, 100), "16 B key + 100 B value: no padding");
    assertEquals(16, ItemDescriptor.itemSize(1, 0));
    assertEquals(16, ItemDescriptor.itemSize(4, 0));
    assertEquals(24, ItemDescriptor.itemSize(5, 0), "12 + 5 = 17 bytes pads to 24");
  }

  @Test
  void setExpireAt_rewritesTheInstantAndKeepsTheKeyLength() {
    byte[] key = new byte[300];
    ItemDescriptor.write(segment, 8, key, new byte[5], 1_000);
    ItemDescriptor.setExpireAt(segment, 8, 77_000);
    assertEquals(77_000, ItemDescriptor.expireAt(segment, 8));
    assertEquals(300, ItemDescriptor.keyLength(segment, 8));
    ItemDescriptor.setExpireAt(segment, 8, io.cairn.engine.ByteStore.ETERNAL);
    assertEquals(io.cairn.engine.ByteStore.ETERNAL, ItemDescriptor.expireAt(segment, 8));
    assertEquals(300, ItemDescriptor.keyLength(segment, 8));
    assertEquals(5, ItemDescriptor.valueLength(segment, 8));
  }

  @Test
  void write_thenRead_everyFieldRoundTrips() {
    byte[] key = {1, 2, 3};
    byte[] value = new byte[300];
    value[299] = 9;
    long expireAt = 1_700_000_000_123L;
    ItemDescriptor.write(segment, 64, key, value, expireAt);
    assertEquals(3, ItemDescriptor.keyLength(segment, 64));
    assertEquals(300, ItemDescriptor.valueLength(segment, 64));
    assertEquals(expireAt, ItemDescriptor.expireAt(segment, 64));
    assertArrayEquals(key, ItemDescriptor.key(segment, 64));
    assertArrayEquals(value, ItemDescriptor.value(segment, 64));
    assertTrue(ItemDescriptor.keyEquals(segment, 64, key));
    assertFalse(ItemDescriptor.keyEquals(segment, 64, new byte[] {1, 2}));
    assertTrue(ItemDescriptor.valueEquals(segment, 64, value));
    assertEquals(ItemDescriptor.itemSize(3, 300), ItemDescriptor.itemSize(segment, 64));
  }

  @Test
  void expiry_eternalAndBeyond48Bits_readBackAsEternal() {
    ItemDescriptor.write(segment, 0, new byte[1], new byte[1], ByteStore.ETERNAL);
    assertEquals(ByteStore.ETERNAL, ItemDescriptor.expireAt(segment, 0));
    ItemDescriptor.setExpireAt(segment, 0, 1L << 50);
    assertEquals(ByteStore.ETERNAL, ItemDescriptor.expireAt(segment, 0));
    ItemDescriptor.setExpireAt(segment, 0, ItemDescriptor.NEVER - 1);
    assertEquals(ItemDescriptor.NEVER - 1, ItemDescriptor.expireAt(segment, 0));
  }

  @Test
  void markDeleted_keepsLengthsReadable() {
    ItemDescriptor.write(segment, 8, new byte[5], new byte[70], 5);
    assertFalse(ItemDescriptor.isDeleted(segment, 8));
    ItemDescriptor.markDeleted(segment, 8);
    assertTrue(ItemDescriptor.isDeleted(segment, 8));
    assertEquals(70, ItemDescriptor.valueLength(segment, 8));
    assertEquals(ItemDescriptor.itemSize(5, 70), ItemDescriptor.itemSize(segment, 8));
  }
}
