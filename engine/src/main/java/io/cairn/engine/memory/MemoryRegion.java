package io.cairn.engine.memory;

import java.nio.ByteOrder;

/**
 * A bounded region of native memory: what the engine reads and writes raw memory through. Internal:
 * not part of Cairn's API.
 *
 * <p>Every access is checked against the region's bounds and throws {@link
 * IndexOutOfBoundsException} outside them, so a corrupt or racy offset can never reach memory the
 * region does not own. After {@link NativeMemory#free} the region's size is 0 and every access
 * throws {@link IllegalStateException} instead of touching freed memory. Indices are byte offsets
 * from the region's start; multi-byte values use the platform's native byte order and need no
 * alignment, except the volatile and compare-and-set accessors, which need an index that is a
 * multiple of 8.
 *
 * <p>Two implementations, one per {@linkplain NativeMemory backend}, only one of which is loaded in
 * a JVM: {@code UnsafeRegion} ({@code sun.misc.Unsafe}, Java 17-21) and {@code ForeignRegion}
 * ({@code java.lang.foreign}, Java 22 and later, in the multi-release jar's versioned part). The
 * class is not final for that reason only; its constructor is package-private.
 *
 * <p>Memory ordering: plain accessors ({@code getLong}, {@code putLong}, ...) give no ordering;
 * callers publish through a lock. {@link #getLongVolatile} pairs with {@link #putLongVolatile} and
 * {@link #compareAndSetLong}.
 *
 * <p>Threading: any thread may read and write a region; what they see of each other's plain writes
 * is up to the caller's synchronization. Freeing races no access: the engine frees a region only
 * when no reader can hold it (its {@code ReaderBarrier}). Should a read race a free all the same,
 * the foreign backend throws {@link IllegalStateException} in the reader (the JDK's handshake on
 * closing a shared arena); the Unsafe backend only throws if the reader sees the region's size
 * already zero.
 */
public abstract class MemoryRegion {

  /** Native byte order is what every backend reads and writes; views document it. */
  public static final ByteOrder ORDER = ByteOrder.nativeOrder();

  MemoryRegion() {}

  /** The region's size in bytes; 0 once freed. */
  public abstract long size();

  /**
   * Frees the memory; later accesses throw. Called by {@link NativeMemory#free} only.
   *
   * @return whether this call freed it (false: it was freed before)
   */
  abstract boolean release();

  /** Reads a byte. */
  public abstract byte getByte(long index);

  /** Writes a byte. */
  public abstract void putByte(long index, byte value);

  /** Reads a short. */
  public abstract short getShort(long index);

  /** Writes a short. */
  public abstract void putShort(long index, short value);

  /** Reads an int. */
  public abstract int getInt(long index);

  /** Writes an int. */
  public abstract void putInt(long index, int value);

  /** Reads a long. */
  public abstract long getLong(long index);

  /** Writes a long. */
  public abstract void putLong(long index, long value);

  /**
   * Writes an int with volatile semantics. The index is a multiple of 4: the store is one atomic
   * write, which a reader's {@link #getInt} at the same index sees whole or not at all.
   */
  public abstract void putIntVolatile(long index, int value);

  /**
   * Reads a long with volatile semantics; pairs with {@link #putLongVolatile}. The index is a
   * multiple of 8.
   */
  public abstract long getLongVolatile(long index);

  /** Writes a long with volatile semantics. The index is a multiple of 8. */
  public abstract void putLongVolatile(long index, long value);

  /**
   * Atomically sets the long at {@code index} to {@code update} if it equals {@code expected}. The
   * index is a multiple of 8.
   */
  public abstract boolean compareAndSetLong(long index, long expected, long update);

  /** Copies {@code length} bytes at {@code index} into {@code dst} from {@code dstOffset}. */
  public abstract void getBytes(long index, byte[] dst, int dstOffset, int length);

  /** Copies {@code length} bytes of {@code src} from {@code srcOffset} to {@code index}. */
  public abstract void putBytes(long index, byte[] src, int srcOffset, int length);

  /**
   * Copies {@code length} bytes from this region at {@code index} to {@code dst} at {@code
   * dstIndex}.
   */
  public abstract void copyTo(long index, MemoryRegion dst, long dstIndex, long length);

  /** Sets {@code length} bytes from {@code index} to {@code value}. */
  public abstract void fill(long index, long length, byte value);

  /** Whether the {@code bytes.length} bytes at {@code index} equal {@code bytes}. */
  public abstract boolean contentEquals(long index, byte[] bytes);

  /**
   * Checks that the {@code length} bytes at {@code index} lie inside the region, as every accessor
   * does for its own bytes: for a caller that sizes an array or a view from lengths read in the
   * region, which a racing reader may see as anything. Plain comparisons that always inline, not
   * {@link java.util.Objects#checkFromIndexSize(long, long, long)}: C2 decides whether to inline
   * the JDK method that one calls from that method's own profile, which every caller in the JVM
   * shares (the {@code java.lang.foreign} implementation among them), and left it as a call on the
   * foreign backend's read path.
   *
   * @throws IndexOutOfBoundsException if the range is not inside the region (a freed one has none)
   */
  public final void checkRange(long index, long length) {
    long size = size();
    if (index < 0 || length < 0 || index > size - length) {
      throw outOfBounds(index, length, size);
    }
  }

  /** The exception for an access outside a region of {@code size} bytes. */
  static IndexOutOfBoundsException outOfBounds(long index, long length, long size) {
    return new IndexOutOfBoundsException(
        "index=" + index + " length=" + length + " outside region of size=" + size);
  }

  /** The exception for an access to a freed region. */
  static IllegalStateException freed() {
    return new IllegalStateException("region freed: the memory was returned");
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "{size=" + size() + '}';
  }
}
