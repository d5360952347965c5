package io.cairn.engine.memory;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;

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
 * <p>Access: through the var handles of the layouts ({@link ValueLayout#varHandle}): plain reads
 * and writes through the unaligned native-order layouts (items' keys and values start anywhere);
 * volatile reads and writes and CAS through the aligned {@link ValueLayout#JAVA_LONG}, whose index
 * must be a multiple of 8 (it throws {@link IllegalArgumentException} otherwise). Every access
 * checks bounds ({@link IndexOutOfBoundsException}) and liveness.
 */
final class ForeignRegion extends MemoryRegion {

  /**
   * Alignment of every region: an 8-aligned index is then an 8-aligned address, as atomic longs
   * need. Below malloc's own 16 bytes, so the JDK asks malloc for exactly the region's size.
   */
  static final long ALIGNMENT = Long.BYTES;

  // Plain access through the layouts' var handles, called directly: one frame less than
  // MemorySegment.get(layout, offset) on the way to the same handle, whose own accessor chain is
  // about eight frames deep, in call paths that reach C2's inlining depth limit (15) already.
  // Coordinates (segment, byte offset); exact types, so a mistyped call fails instead of adapting.
  private static final VarHandle BYTE = exact(ValueLayout.JAVA_BYTE);
  private static final VarHandle SHORT = exact(ValueLayout.JAVA_SHORT_UNALIGNED);
  private static final VarHandle INT = exact(ValueLayout.JAVA_INT_UNALIGNED);
  private static final VarHandle LONG = exact(ValueLayout.JAVA_LONG_UNALIGNED);

  /** Volatile int stores: the aligned layout, whose index must be a multiple of 4. */
  private static final VarHandle ATOMIC_INT = exact(ValueLayout.JAVA_INT);

  /** Volatile access and CAS: the aligned layout, whose index must be a multiple of 8. */
  private static final VarHandle ATOMIC_LONG = exact(ValueLayout.JAVA_LONG);

  /** Reads the longs of a key array in {@link #contentEquals}. */
  private static final VarHandle ARRAY_LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ORDER);

  private final Arena arena;
  private final MemorySegment segment;
  private final ByteBuffer
      bytes; // the segment's view for copies to and from arrays; null over 2 GiB
  private boolean freed; // written by the one thread that frees the region

  private ForeignRegion(Arena arena, MemorySegment segment) {
    this.arena = arena;
    this.segment = segment;
    this.bytes = segment.byteSize() <= Integer.MAX_VALUE ? segment.asByteBuffer() : null;
  }

  private static VarHandle exact(ValueLayout layout) {
    return layout.varHandle().withInvokeExactBehavior();
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
    return (byte) BYTE.get(segment, index);
  }

  @Override
  public void putByte(long index, byte value) {
    BYTE.set(segment, index, value);
  }

  @Override
  public short getShort(long index) {
    return (short) SHORT.get(segment, index);
  }

  @Override
  public void putShort(long index, short value) {
    SHORT.set(segment, index, value);
  }

  @Override
  public int getInt(long index) {
    return (int) INT.get(segment, index);
  }

  @Override
  public void putInt(long index, int value) {
    INT.set(segment, index, value);
  }

  @Override
  public long getLong(long index) {
    return (long) LONG.get(segment, index);
  }

  @Override
  public void putLong(long index, long value) {
    LONG.set(segment, index, value);
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

  /**
   * Copies through the segment's {@link ByteBuffer} view ({@link MemorySegment#asByteBuffer}): the
   * same memory, bounds-checked, and checked against the arena like the segment. Why not {@link
   * MemorySegment#copy(MemorySegment, ValueLayout, long, Object, int, int)}: that resolves the
   * array's type through a type switch, which in the engine's deepest paths C2 left as a call (it
   * cost a JCache get 10-15% CPU against Unsafe; through the view, no measurable difference). Only
   * absolute methods of the view are used, which change no state of it: threads may share it.
   */
  @Override
  public void getBytes(long index, byte[] dst, int dstOffset, int length) {
    if (bytes != null) {
      bytes.get(intIndex(index), dst, dstOffset, length);
    } else {
      MemorySegment.copy(segment, ValueLayout.JAVA_BYTE, index, dst, dstOffset, length);
    }
  }

  @Override
  public void putBytes(long index, byte[] src, int srcOffset, int length) {
    if (bytes != null) {
      bytes.put(intIndex(index), src, srcOffset, length);
    } else {
      MemorySegment.copy(src, srcOffset, segment, ValueLayout.JAVA_BYTE, index, length);
    }
  }

  /** An index into the view, which is under 2 GiB: a larger one is out of bounds already. */
  private int intIndex(long index) {
    if (index != (int) index) {
      throw new IndexOutOfBoundsException(
          "index=" + index + " outside region of size=" + segment.byteSize());
    }
    return (int) index;
  }

  @Override
  public void copyTo(long index, MemoryRegion dst, long dstIndex, long length) {
    MemorySegment.copy(segment, index, ((ForeignRegion) dst).segment, dstIndex, length);
  }

  @Override
  public void fill(long index, long length, byte value) {
    segment.asSlice(index, length).fill(value);
  }

  /**
   * A loop of longs, not {@link MemorySegment#mismatch}: that needs the array wrapped in a heap
   * segment, whose allocation escape analysis removes only where mismatch inlines (often not, in
   * the engine's deep lookup path), and whose type then shows up in the JDK's shared profiles of
   * segment access; keys are short, where a loop is as fast. The range is checked first, with plain
   * comparisons as in {@link #checkRange} (not {@code Objects.checkFromIndexSize}, which C2 left as
   * a call here, twice per read), so that a key past the end throws instead of comparing unequal.
   */
  @Override
  public boolean contentEquals(long index, byte[] bytes) {
    int length = bytes.length;
    long size = segment.byteSize();
    if (index < 0 || index > size - length) {
      throw outOfBounds(index, length, size);
    }
    int i = 0;
    for (; i <= length - Long.BYTES; i += Long.BYTES) {
      if ((long) LONG.get(segment, index + i) != (long) ARRAY_LONGS.get(bytes, i)) {
        return false;
      }
    }
    for (; i < length; i++) {
      if ((byte) BYTE.get(segment, index + i) != bytes[i]) {
        return false;
      }
    }
    return true;
  }
}
