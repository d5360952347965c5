package io.cairn.engine;

/**
 * A bounded, read-only view of bytes that live in native memory. Every access is checked against
 * the view's length and throws {@link IndexOutOfBoundsException} outside it. Multi-byte reads use
 * the platform's native byte order (little-endian on x86-64 and AArch64).
 *
 * <p>A view is valid only during the call that received it.
 */
public interface BytesView {

  /** The number of bytes in the view. */
  int length();

  /** The byte at {@code index}. */
  byte getByte(int index);

  /** The 8 bytes at {@code index} as a long, in native byte order. */
  long getLong(int index);

  /** The 4 bytes at {@code index} as an int, in native byte order. */
  int getInt(int index);

  /**
   * Copies {@code length} bytes starting at {@code index} into {@code dst} at {@code dstOffset}.
   */
  void getBytes(int index, byte[] dst, int dstOffset, int length);

  /** A heap copy of the whole view. */
  default byte[] toByteArray() {
    byte[] copy = new byte[length()];
    getBytes(0, copy, 0, copy.length);
    return copy;
  }
}
