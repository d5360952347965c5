package io.cairn.engine.memory;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;

/**
 * A region of memory from {@code java.lang.foreign}: the backend for Java 22 and later, which needs
 * no flag and uses no restricted method (no {@code reinterpret}, no {@code Linker}, no {@code
 * MemorySegment.ofAddress}), so {@code --enable-native-access} is never asked for.
 *
 * <p>Each region is one {@link MemorySegment} from a shared {@link Arena} of its own, closed when
 * the region is freed. A closed arena's segment throws {@link IllegalStateException} on every
 * access, and closing a shared arena is a handshake with every thread: a thread in the middle of an
 * access to the segment finishes it before the memory goes, or gets the exception. So even a read
 * that races a free cannot touch freed memory. Why an arena per region, not one per store: see
 * docs/architecture.md, "Memory".
 *
 * <p>Access: plain reads and writes through the unaligned native-order layouts (items' keys and
 * values start anywhere); volatile reads and writes and CAS through the aligned {@link
 * ValueLayout#JAVA_LONG}'s var handle, whose index must be a multiple of 8 (it throws {@link
 * IllegalArgumentException} otherwise). Every access checks bounds ({@link
 * IndexOutOfBoundsException}) and liveness.
 */
final class ForeignRegion extends MemoryRegion {

  /**
   * Alignment of every region: an 8-aligned index is then an 8-aligned address, as atomic longs
   * need. Below malloc's own 16 bytes, so the JDK asks malloc for exactly the region's size.
   */
  static final long ALIGNMENT = Long.BYTES;

  private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED;
  private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;
  private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED;

  /** Coordinates (segment, byte offset); exact types, so a mistyped call fails, never adapts. */
  private static final VarHandle ATOMIC_INT =
      ValueLayout.JAVA_INT.varHandle().withInvokeExactBehavior();

  private static final VarHandle ATOMIC_LONG =
      ValueLayout.JAVA_LONG.varHandle().withInvokeExactBehavior();

  private final Arena arena;
  private final MemorySegment segment;
  private boolean freed; // written by the one thread that frees the region

  private ForeignRegion(Arena arena, MemorySegment segment) {
    this.arena = arena;
    this.segment = segment;
  }

  /** Allocates {@code size} zeroed bytes in a new shared arena. */
  static ForeignRegion allocate(long size) {
    Arena arena = Arena.ofShared();
    try {
      return new ForeignRegion(arena, arena.allocate(size, ALIGNMENT));
    } catch (RuntimeException | Error e) { // OutOfMemoryError included: the arena holds nothing
      arena.close();
      throw e;
    }
  }

  @Override
  public long size() {
    return freed ? 0 : segment.byteSize();
  }

  @Override
  boolean release() {
    if (freed) {
      return false;
    }
    arena.close(); // the handshake: no thread is inside an access to the segment after this
    freed = true;
    return true;
  }

  @Override
  public byte getByte(long index) {
    return segment.get(ValueLayout.JAVA_BYTE, index);
  }

  @Override
  public void putByte(long index, byte value) {
    segment.set(ValueLayout.JAVA_BYTE, index, value);
  }

  @Override
  public short getShort(long index) {
    return segment.get(SHORT, index);
  }

  @Override
  public void putShort(long index, short value) {
    segment.set(SHORT, index, value);
  }

  @Override
  public int getInt(long index) {
    return segment.get(INT, index);
  }

  @Override
  public void putInt(long index, int value) {
    segment.set(INT, index, value);
  }

  @Override
  public long getLong(long index) {
    return segment.get(LONG, index);
  }

  @Override
  public void putLong(long index, long value) {
    segment.set(LONG, index, value);
  }

  @Override
  public void putIntVolatile(long index, int value) {
    ATOMIC_INT.setVolatile(segment, index, value);
  }

  @Override
  public long getLongVolatile(long index) {
    return (long) ATOMIC_LONG.getVolatile(segment, index);
  }

  @Override
  public void putLongVolatile(long index, long value) {
    ATOMIC_LONG.setVolatile(segment, index, value);
  }

  @Override
  public boolean compareAndSetLong(long index, long expected, long update) {
    return (boolean) ATOMIC_LONG.compareAndSet(segment, index, expected, update);
  }

  @Override
  public void getBytes(long index, byte[] dst, int dstOffset, int length) {
    MemorySegment.copy(segment, ValueLayout.JAVA_BYTE, index, dst, dstOffset, length);
  }

  @Override
  public void putBytes(long index, byte[] src, int srcOffset, int length) {
    MemorySegment.copy(src, srcOffset, segment, ValueLayout.JAVA_BYTE, index, length);
  }

  @Override
  public void copyTo(long index, MemoryRegion dst, long dstIndex, long length) {
    MemorySegment.copy(segment, index, ((ForeignRegion) dst).segment, dstIndex, length);
  }

  @Override
  public void fill(long index, long length, byte value) {
    segment.asSlice(index, length).fill(value);
  }

  @Override
  public boolean contentEquals(long index, byte[] bytes) {
    int length = bytes.length;
    return MemorySegment.mismatch(
            segment, index, index + length, MemorySegment.ofArray(bytes), 0, length)
        < 0;
  }
}
