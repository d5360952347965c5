package io.cairn.engine.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The region contract, on the backend this JVM chose: the build runs it on both. */
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
    MemoryRegion doomed = memory.allocate(32, true);
    memory.free(doomed);
    memory.free(doomed); // idempotent
    assertEquals(0, doomed.size());
    byte[] bytes = new byte[8];
    List<Executable> accesses =
        List.of(
            () -> doomed.getByte(0),
            () -> doomed.putByte(0, (byte) 1),
            () -> doomed.getShort(0),
            () -> doomed.getInt(0),
            () -> doomed.getLong(0),
            () -> doomed.putLong(0, 1),
            () -> doomed.getLongVolatile(8),
            () -> doomed.putLongVolatile(8, 1),
            () -> doomed.compareAndSetLong(8, 0, 1),
            () -> doomed.getBytes(0, bytes, 0, 8),
            () -> doomed.putBytes(0, bytes, 0, 8),
            () -> doomed.copyTo(0, region, 0, 8),
            () -> doomed.fill(0, 8, (byte) 0),
            () -> doomed.contentEquals(0, bytes));
    for (Executable access : accesses) {
      assertThrows(IllegalStateException.class, access, "on " + BackendChoice.chosen());
    }
  }

  @Test
  void accessOutsideBounds_afterFree_stillThrows() {
    MemoryRegion doomed = memory.allocate(16, false);
    memory.free(doomed);
    assertThrows(RuntimeException.class, () -> doomed.getLong(64));
  }

  @Test
  void volatileAndCas_atEveryAlignedIndex_reachTheWholeRegion() {
    for (int i = 0; i < 64; i += 8) {
      region.putLongVolatile(i, i + 1);
      assertTrue(region.compareAndSetLong(i, i + 1, -i));
      assertEquals(-i, region.getLongVolatile(i));
    }
    assertThrows(IndexOutOfBoundsException.class, () -> region.getLongVolatile(64));
  }

  @Test
  void unalignedPlainAccess_readsWhatWasWritten() {
    region.putLong(3, 0x0102030405060708L);
    region.putInt(13, 0xA1B2C3D4);
    region.putShort(21, (short) 0x7E7F);
    assertEquals(0x0102030405060708L, region.getLong(3));
    assertEquals(0xA1B2C3D4, region.getInt(13));
    assertEquals((short) 0x7E7F, region.getShort(21));
    byte first = MemoryRegion.ORDER == ByteOrder.LITTLE_ENDIAN ? (byte) 0x08 : (byte) 0x01;
    assertEquals(first, region.getByte(3), "native byte order");
  }

  @Test
  void fill_aRange_setsOnlyThatRange() {
    region.fill(0, 64, (byte) 0x11);
    region.fill(8, 5, (byte) 0x22);
    assertEquals(0x11, region.getByte(7));
    assertEquals(0x22, region.getByte(8));
    assertEquals(0x22, region.getByte(12));
    assertEquals(0x11, region.getByte(13));
  }

  @Test
  void contentEquals_emptyAndAtTheEnd_compareExactly() {
    assertTrue(region.contentEquals(64, new byte[0]));
    byte[] tail = {1, 2, 3};
    region.putBytes(61, tail, 0, 3);
    assertTrue(region.contentEquals(61, tail));
    assertThrows(IndexOutOfBoundsException.class, () -> region.contentEquals(62, tail));
    assertThrows(IndexOutOfBoundsException.class, () -> region.contentEquals(-1, tail));
    assertThrows(
        IndexOutOfBoundsException.class,
        () -> region.contentEquals(Long.MAX_VALUE, tail),
        "no overflow");
  }

  @Test
  void checkRange_insideTheRegion_passesAndOutsideThrows() {
    region.checkRange(0, 64);
    region.checkRange(64, 0);
    region.checkRange(60, 4);
    assertThrows(IndexOutOfBoundsException.class, () -> region.checkRange(60, 5));
    assertThrows(IndexOutOfBoundsException.class, () -> region.checkRange(-1, 1));
    assertThrows(IndexOutOfBoundsException.class, () -> region.checkRange(0, -1));
    assertThrows(IndexOutOfBoundsException.class, () -> region.checkRange(65, 0));
    assertThrows(
        IndexOutOfBoundsException.class, () -> region.checkRange(1, Long.MAX_VALUE), "no overflow");
    MemoryRegion doomed = memory.allocate(16, false);
    memory.free(doomed);
    assertThrows(IndexOutOfBoundsException.class, () -> doomed.checkRange(0, 1), "freed: size 0");
    doomed.checkRange(0, 0);
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
