package io.cairn.engine.segment;

import io.cairn.engine.memory.MemoryRegion;
import io.cairn.engine.memory.NativeMemory;

/**
 * Replays a persisted segment's live items ({@link PersistentLog#restore}): its bytes go into a
 * scratch region so that {@link ItemDescriptor} reads them as it reads any segment, bounds-checked;
 * the deletions of the deletes log are flagged, and every item neither deleted nor expired is
 * handed on with its exact expiry. The scratch region is freed by {@link #free}.
 */
final class SegmentReplay {

  private final NativeMemory memory;
  private final MemoryRegion scratch;

  SegmentReplay(NativeMemory memory, int maxDataLength) {
    this.memory = memory;
    this.scratch = maxDataLength > 0 ? memory.allocate(maxDataLength, false) : null;
  }

  /**
   * Replays {@code data[0, length)} with the items at the offsets of {@code deletions} deleted;
   * returns how many items {@code sink} kept.
   *
   * @throws CorruptFileException if an item does not fit the data
   */
  long replay(byte[] data, int length, long[] deletions, long now, PersistentLog.ItemSink sink)
      throws CorruptFileException {
    if (length < ItemDescriptor.FIRST_ITEM_OFFSET) {
      return 0;
    }
    scratch.putBytes(0, data, 0, length);
    for (long record : deletions) {
      int item = PersistenceDescriptor.recordOffset(record);
      if (item >= ItemDescriptor.FIRST_ITEM_OFFSET && item < length) {
        ItemDescriptor.markDeleted(scratch, item);
      }
    }
    long kept = 0;
    int item = ItemDescriptor.FIRST_ITEM_OFFSET;
    while (item < length) {
      int size = ItemDescriptor.itemSize(scratch, item);
      if (size < ItemDescriptor.ETERNAL_HEADER_LENGTH || size > length - item) {
        throw new CorruptFileException(
            "item at offset=" + item + " of size=" + size + " overruns length=" + length);
      }
      if (!ItemDescriptor.isDeleted(scratch, item)) {
        long expireAt = ItemDescriptor.expireAt(scratch, item);
        if (expireAt > now
            && sink.accept(
                ItemDescriptor.key(scratch, item), ItemDescriptor.value(scratch, item), expireAt)) {
          kept++;
        }
      }
      item += size;
    }
    return kept;
  }

  void free() {
    if (scratch != null) {
      memory.free(scratch);
    }
  }
}
