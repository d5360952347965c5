package io.cairn.engine.segment;

import io.cairn.engine.BytesView;
import io.cairn.engine.memory.MemoryRegion;
import java.util.Objects;

/**
 * A {@link BytesView} over a value inside a segment; every access checked against the value, and
 * the value's range checked against the segment when the view is made, so that a length read by a
 * racing reader can neither reach outside the segment nor size an allocation ({@link
 * BytesView#toByteArray}) beyond it.
 */
final class ValueView implements BytesView {

  private final MemoryRegion segment;
  private final int offset;
  private final int length;

  ValueView(MemoryRegion segment, int offset, int length) {
    segment.checkRange(offset, length);
    this.segment = segment;
    this.offset = offset;
    this.length = length;
  }

  @Override
  public int length() {
    return length;
  }

  private int at(int index, int size) {
    Objects.checkFromIndexSize(index, size, length);
    return offset + index;
  }

  @Override
  public byte getByte(int index) {
    return segment.getByte(at(index, 1));
  }

  @Override
  public long getLong(int index) {
    return segment.getLong(at(index, Long.BYTES));
  }

  @Override
  public int getInt(int index) {
    return segment.getInt(at(index, Integer.BYTES));
  }

  @Override
  public void getBytes(int index, byte[] dst, int dstOffset, int size) {
    segment.getBytes(at(index, size), dst, dstOffset, size);
  }
}
