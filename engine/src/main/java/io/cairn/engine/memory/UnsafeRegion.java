package io.cairn.engine.memory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A region of memory from {@code sun.misc.Unsafe.allocateMemory}: the backend for Java 17 to 21,
 * where it needs no flag and prints nothing. Every access checks the index against {@link #size}
 * before it computes an address.
 *
 * <p>Freeing sets the size to 0 before the memory goes back, so a later access fails the bounds
 * check; an access racing the free is excluded by the engine (its reader barrier), not by this
 * class: plain fields give a racing reader no guarantee, which is what the foreign backend adds.
 */
final class UnsafeRegion extends MemoryRegion {

  /** Reads the longs of a key array in {@link #contentEquals}; public API, no Unsafe needed. */
  private static final VarHandle ARRAY_LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ORDER);

  private long address;
  private long size;

  private UnsafeRegion(long address, long size) {
    this.address = address;
    this.size = size;
  }

  /** Allocates {@code size} bytes, zeroed when {@code zero} is set. */
  static UnsafeRegion allocate(long size, boolean zero) {
    long address = UnsafeMethods.allocateMemory(size);
    if (zero) {
      UnsafeMethods.setMemory(address, size, (byte) 0);
    }
    return new UnsafeRegion(address, size);
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  boolean release() {
    long at = address;
    if (at == 0) {
      return false;
    }
    size = 0; // first: an access from now on fails the bounds check
    address = 0;
    UnsafeMethods.freeMemory(at);
    return true;
  }

  private long checked(long index, long length) {
    long s = size;
    if (index < 0 || length < 0 || index > s - length) {
      throw outside(index, length, s);
    }
    return address + index;
  }

  private RuntimeException outside(long index, long length, long s) {
    if (s == 0 && address == 0) {
      return freed();
    }
    return outOfBounds(index, length, s);
  }

  @Override
  public byte getByte(long index) {
    return UnsafeMethods.getByte(checked(index, 1));
  }

  @Override
  public void putByte(long index, byte value) {
    UnsafeMethods.putByte(checked(index, 1), value);
  }

  @Override
  public short getShort(long index) {
    return UnsafeMethods.getShort(checked(index, 2));
  }

  @Override
  public void putShort(long index, short value) {
    UnsafeMethods.putShort(checked(index, 2), value);
  }

  @Override
  public int getInt(long index) {
    return UnsafeMethods.getInt(checked(index, 4));
  }

  @Override
  public void putInt(long index, int value) {
    UnsafeMethods.putInt(checked(index, 4), value);
  }

  @Override
  public long getLong(long index) {
    return UnsafeMethods.getLong(checked(index, 8));
  }

  @Override
  public void putLong(long index, long value) {
    UnsafeMethods.putLong(checked(index, 8), value);
  }

  @Override
  public void putIntVolatile(long index, int value) {
    UnsafeMethods.putIntVolatile(checked(index, 4), value);
  }

  @Override
  public long getLongVolatile(long index) {
    return UnsafeMethods.getLongVolatile(checked(index, 8));
  }

  @Override
  public void putLongVolatile(long index, long value) {
    UnsafeMethods.putLongVolatile(checked(index, 8), value);
  }

  @Override
  public boolean compareAndSetLong(long index, long expected, long update) {
    return UnsafeMethods.compareAndSwapLong(checked(index, 8), expected, update);
  }

  @Override
  public void getBytes(long index, byte[] dst, int dstOffset, int length) {
    checkArray(dst.length, dstOffset, length);
    UnsafeMethods.copyMemory(
        null, checked(index, length), dst, UnsafeMethods.BYTE_ARRAY_BASE + dstOffset, length);
  }

  @Override
  public void putBytes(long index, byte[] src, int srcOffset, int length) {
    checkArray(src.length, srcOffset, length);
    UnsafeMethods.copyMemory(
        src, UnsafeMethods.BYTE_ARRAY_BASE + srcOffset, null, checked(index, length), length);
  }

  @Override
  public void copyTo(long index, MemoryRegion dst, long dstIndex, long length) {
    long from = checked(index, length);
    long to = ((UnsafeRegion) dst).checked(dstIndex, length);
    UnsafeMethods.copyMemory(null, from, null, to, length);
  }

  @Override
  public void fill(long index, long length, byte value) {
    UnsafeMethods.setMemory(checked(index, length), length, value);
  }

  @Override
  public boolean contentEquals(long index, byte[] bytes) {
    int length = bytes.length;
    long at = checked(index, length);
    int i = 0;
    for (; i <= length - 8; i += 8) {
      if (UnsafeMethods.getLong(at + i) != (long) ARRAY_LONGS.get(bytes, i)) {
        return false;
      }
    }
    for (; i < length; i++) {
      if (UnsafeMethods.getByte(at + i) != bytes[i]) {
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
}
