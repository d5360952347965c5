package io.cairn.engine.memory;

import static org.agrona.UnsafeAccess.UNSAFE;

import java.nio.ByteOrder;
import org.agrona.BufferUtil;

/**
 * A bounded region of native memory: the one class through which Cairn reads and writes raw memory.
 * Internal: not part of Cairn's API.
 *
 * <p>Every access is checked against the region's bounds and throws {@link
 * IndexOutOfBoundsException} outside them, so a corrupt or racy offset can never reach memory the
 * region does not own. After {@link NativeMemory#free} the region's size is 0, so any later access
 * fails the check instead of touching freed memory. Indices are byte offsets from the region's
 * start; multi-byte values use the platform's native byte order.
 *
 * <p>The access mechanism is {@code sun.misc.Unsafe} through Agrona, chosen because it needs no JVM
 * flags on Java 17; swapping it for {@code java.lang.foreign} (Java 22+) touches only this class
 * and {@link NativeMemory}.
 *
 * <p>Memory ordering: plain accessors ({@code getLong}, {@code putLong}, ...) give no ordering;
 * callers publish through a lock. {@link #getLongVolatile} pairs with {@link #putLongVolatile} and
 * {@link #compareAndSetLong}.
 */
public final class MemoryRegion {

  private static final long BYTE_ARRAY_BASE = BufferUtil.ARRAY_BASE_OFFSET;

  /** Native byte order is what Unsafe reads and writes; views document it. */
  public static final ByteOrder ORDER = ByteOrder.nativeOrder();

  private long address;
  private long size;

  MemoryRegion(long address, long size) {
    this.address = address;
    this.size = size;
  }

  /** The region's size in bytes; 0 once freed. */
  public long size() {
    return size;
  }

  long address() {
    return address;
  }

  void invalidate() {
    size = 0;
    address = 0;
  }

  private long checked(long index, long length) {
    long s = size;
    if (index < 0 || length < 0 || index > s - length) {
      throw new IndexOutOfBoundsException(
          "index=" + index + " length=" + length + " outside region of size=" + s);
    }
    return address + index;
  }

  /** Reads a byte. */
  public byte getByte(long index) {
    return UNSAFE.getByte(checked(index, 1));
  }

  /** Writes a byte. */
  public void putByte(long index, byte value) {
    UNSAFE.putByte(checked(index, 1), value);
  }

  /** Reads a short. */
  public short getShort(long index) {
    return UNSAFE.getShort(checked(index, 2));
  }

  /** Writes a short. */
  public void putShort(long index, short value) {
    UNSAFE.putShort(checked(index, 2), value);
  }

  /** Reads an int. */
  public int getInt(long index) {
    return UNSAFE.getInt(checked(index, 4));
  }

  /** Writes an int. */
  public void putInt(long index, int value) {
    UNSAFE.putInt(checked(index, 4), value);
  }

  /** Reads a long. */
  public long getLong(long index) {
    return UNSAFE.getLong(checked(index, 8));
  }

  /** Writes a long. */
  public void putLong(long index, long value) {
    UNSAFE.putLong(checked(index, 8), value);
  }

  /** Reads a long with volatile semantics; pairs with {@link #putLongVolatile}. */
  public long getLongVolatile(long index) {
    return UNSAFE.getLongVolatile(null, checked(index, 8));
  }

  /** Writes a long with volatile semantics. */
  public void putLongVolatile(long index, long value) {
    UNSAFE.putLongVolatile(null, checked(index, 8), value);
  }

  /** Atomically sets the long at {@code index} to {@code update} if it equals {@code expected}. */
  public boolean compareAndSetLong(long index, long expected, long update) {
    return UNSAFE.compareAndSwapLong(null, checked(index, 8), expected, update);
  }

  /** Copies {@code length} bytes at {@code index} into {@code dst} from {@code dstOffset}. */
  public void getBytes(long index, byte[] dst, int dstOffset, int length) {
    checkArray(dst.length, dstOffset, length);
    UNSAFE.copyMemory(null, checked(index, length), dst, BYTE_ARRAY_BASE + dstOffset, length);
  }

  /** Copies {@code length} bytes of {@code src} from {@code srcOffset} to {@code index}. */
  public void putBytes(long index, byte[] src, int srcOffset, int length) {
    checkArray(src.length, srcOffset, length);
    UNSAFE.copyMemory(src, BYTE_ARRAY_BASE + srcOffset, null, checked(index, length), length);
  }

  /**
   * Copies {@code length} bytes from this region at {@code index} to {@code dst} at {@code
   * dstIndex}.
   */
  public void copyTo(long index, MemoryRegion dst, long dstIndex, long length) {
    UNSAFE.copyMemory(checked(index, length), dst.checked(dstIndex, length), length);
  }

  /** Sets {@code length} bytes from {@code index} to {@code value}. */
  public void fill(long index, long length, byte value) {
    UNSAFE.setMemory(checked(index, length), length, value);
  }

  /** Whether the {@code bytes.length} bytes at {@code index} equal {@code bytes}. */
  public boolean contentEquals(long index, byte[] bytes) {
    int length = bytes.length;
    long at = checked(index, length);
    int i = 0;
    for (; i <= length - 8; i += 8) {
      if (UNSAFE.getLong(at + i) != UNSAFE.getLong(bytes, BYTE_ARRAY_BASE + i)) {
        return false;
      }
    }
    for (; i < length; i++) {
      if (UNSAFE.getByte(at + i) != bytes[i]) {
        return false;
      }
    }
    return true;
  }

  private static void checkArray(int arrayLength, int offset, int length) {
    if (offset < 0 || length < 0 || offset > arrayLength - length) {
      throw new IndexOutOfBoundsException(
          "offset=" + offset + " length=" + length + " outside array of length=" + arrayLength);
    }
  }

  @Override
  public String toString() {
    return "MemoryRegion{size=" + size + '}';
  }
}
