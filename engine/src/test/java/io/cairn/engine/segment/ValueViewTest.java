package io.cairn.engine.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cairn.engine.memory.MemoryRegion;
import io.cairn.engine.memory.NativeMemory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ValueViewTest {
  private final NativeMemory memory = new NativeMemory();
  private final MemoryRegion segment = memory.allocate(64, true);

  @AfterEach
  void free() {
    memory.free(segment);
  }

  @Test
  void new_rangeInsideTheSegment_readsItsBytes() {
    segment.putBytes(8, new byte[] {1, 2, 3, 4}, 0, 4);
    ValueView view = new ValueView(segment, 8, 4);
    assertEquals(4, view.length());
    assertEquals(3, view.getByte(2));
    assertArrayEquals(new byte[] {1, 2, 3, 4}, view.toByteArray());
  }

  @Test
  void new_lengthReachingPastTheSegment_throwsBeforeAnyAccessOrAllocation() {
    // What a racing reader may read from a header being rewritten: it must not size an array.
    assertThrows(IndexOutOfBoundsException.class, () -> new ValueView(segment, 8, 1 << 30));
    assertThrows(IndexOutOfBoundsException.class, () -> new ValueView(segment, 60, 8));
    assertThrows(IndexOutOfBoundsException.class, () -> new ValueView(segment, -1, 4));
  }

  @Test
  void getters_outsideTheView_throw() {
    ValueView view = new ValueView(segment, 8, 4);
    assertThrows(IndexOutOfBoundsException.class, () -> view.getByte(4));
    assertThrows(IndexOutOfBoundsException.class, () -> view.getLong(0));
    assertThrows(IndexOutOfBoundsException.class, () -> view.getBytes(2, new byte[4], 0, 4));
  }
}
