package io.cairn.engine.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MemoryRegionTest {

  private final NativeMemory memory = new NativeMemory();
  private final MemoryRegion region = memory.allocate(64, true);

  @AfterEach
  void free() {
    memory.free(region);
    assertEquals(0, memory.allocatedBytes());
  }

  @Test
  void allocate_zeroed_readsZeroEverywhere() {
    for (int i = 0; i < 64; i += 8) {
      assertEquals(0, region.getLong(i));
    }
  }

  @Test
  void putAndGet_eachWidth_roundTrips() {
    region.putByte(0, (byte) -7);
    region.putShort(2, (short) 0xBEEF);
    region.putInt(4, 0xCAFEBABE);
    region.putLong(8, Long.MIN_VALUE + 3);
    region.putLongVolatile(16, 42);
    assertEquals(-7, region.getByte(0));
    assertEquals((short) 0xBEEF, region.getShort(2));
    assertEquals(0xCAFEBABE, region.getInt(4));
    assertEquals(Long.MIN_VALUE + 3, region.getLong(8));
    assertEquals(42, region.getLongVolatile(16));
    assertTrue(region.compareAndSetLong(16, 42, 43));
    assertFalse(region.compareAndSetLong(16, 42, 44));
    assertEquals(43, region.getLong(16));
  }

  @Test
  void bytes_copyInCompareAndCopyOut() {
    byte[] data = "0123456789abcdefXYZ".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    region.putBytes(5, data, 0, data.length);
    assertTrue(region.contentEquals(5, data));
    byte[] other = data.clone();
    other[17] = 'Q';
    assertFalse(region.contentEquals(5, other), "a difference in the tail after the 8-byte words");
    other = data.clone();
    other[3] = 'Q';
    assertFalse(region.contentEquals(5, other), "a difference in the first 8-byte word");
    byte[] out = new byte[data.length];
    region.getBytes(5, out, 0, out.length);
    assertArrayEquals(data, out);
  }

  @Test
  void copyTo_anotherRegion_copiesTheRange() {
    MemoryRegion other = memory.allocate(16, true);
    try {
      region.putLong(40, 0x1122334455667788L);
      region.copyTo(40, other, 8, 8);
      assertEquals(0x1122334455667788L, other.getLong(8));
      assertThrows(IndexOutOfBoundsException.class, () -> region.copyTo(40, other, 9, 8));
    } finally {
      memory.free(other);
    }
  }

  @Test
  void anyAccess_outsideBounds_throwsInsteadOfTouchingMemory() {
    assertThrows(IndexOutOfBoundsException.class, () -> region.getLong(57));
    assertThrows(IndexOutOfBoundsException.class, () -> region.getLong(-1));
    assertThrows(IndexOutOfBoundsException.class, () -> region.putInt(61, 1));
    assertThrows(IndexOutOfBoundsException.class, () -> region.getByte(64));
    assertThrows(IndexOutOfBoundsException.class, () -> region.getBytes(60, new byte[8], 0, 8));
    assertThrows(IndexOutOfBoundsException.class, () -> region.getBytes(0, new byte[8], 4, 8));
    assertThrows(IndexOutOfBoundsException.class, () -> region.fill(0, 65, (byte) 0));
    assertThrows(
        IndexOutOfBoundsException.class, () -> region.getLong(Long.MAX_VALUE), "no overflow");
  }

  @Test
  void access_afterFree_throwsInsteadOfTouchingFreedMemory() {
    MemoryRegion doomed = memory.allocate(32, false);
    memory.free(doomed);
    memory.free(doomed); // idempotent
    assertEquals(0, doomed.size());
    assertThrows(IndexOutOfBoundsException.class, () -> doomed.getLong(0));
  }

  @Test
  void allocate_nonPositiveSize_isRejected() {
    assertThrows(IllegalArgumentException.class, () -> memory.allocate(0, false));
  }

  @Test
  void processAllocatedBytes_countsEveryAllocator() {
    long before = NativeMemory.processAllocatedBytes();
    MemoryRegion extra = new NativeMemory().allocate(4096, false);
    assertTrue(NativeMemory.processAllocatedBytes() >= before + 4096);
    new NativeMemory().free(extra);
  }
}
