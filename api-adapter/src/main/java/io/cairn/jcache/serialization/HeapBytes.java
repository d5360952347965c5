package io.cairn.jcache.serialization;

import io.cairn.engine.BytesView;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A {@link BytesView} over a heap array, so that bytes already copied out of the engine decode
 * through the same code as bytes read in place. Every access is bounds-checked by the array.
 */
final class HeapBytes implements BytesView {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());
  private static final VarHandle INTS =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.nativeOrder());

  private final byte[] bytes;

  HeapBytes(byte[] bytes) {
    this.bytes = bytes;
  }

  @Override
  public int length() {
    return bytes.length;
  }

  @Override
  public byte getByte(int index) {
    return bytes[index];
  }

  @Override
  public long getLong(int index) {
    return (long) LONGS.get(bytes, index);
  }

  @Override
  public int getInt(int index) {
    return (int) INTS.get(bytes, index);
  }

  @Override
  public void getBytes(int index, byte[] dst, int dstOffset, int length) {
    System.arraycopy(bytes, index, dst, dstOffset, length);
  }
}
