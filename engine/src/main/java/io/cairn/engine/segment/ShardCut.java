package io.cairn.engine.segment;

import io.cairn.engine.memory.MemoryRegion;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.function.LongConsumer;

/**
 * What a flush takes of one shard under its writers' lock ({@link PersistentLog}): the segments
 * holding live items with their write offsets, and the deletions logged since the last cut; then,
 * segment by segment, the bytes written since the last flush.
 */
final class ShardCut {

  /**
   * Reads and writes a segment's ints in a heap copy of its bytes, in the order memory has them.
   */
  private static final VarHandle INTS =
      MethodHandles.byteArrayViewVarHandle(int[].class, MemoryRegion.ORDER);

  private int[] ids = new int[16];
  private long[] epochs = new long[16];
  private int[] writeOffsets = new int[16];
  private long[] maxExpiries = new long[16];
  private int count;

  private ShardCut() {}

  /**
   * Takes the cut of every shard at one instant, holding all their writers' locks (in index order,
   * as nothing else takes two), and hands their deletions to {@code deletions} as records whose
   * segment is mapped by {@code seqOf} from (shard, opening epoch) to its file. One instant for all
   * shards makes a flush a snapshot of the whole store: a restart never mixes one shard's older
   * state with another's newer one.
   */
  static ShardCut[] takeAll(
      SegmentStore store, Shard[] shards, SeqOf seqOf, LongConsumer deletions) {
    ShardCut[] cuts = new ShardCut[shards.length];
    int locked = 0;
    try {
      for (; locked < shards.length; locked++) {
        shards[locked].lockWrite();
      }
      for (int s = 0; s < shards.length; s++) {
        int shard = s;
        cuts[s] = take(shards[s]);
        shards[s].deletions().drainTo(epoch -> seqOf.seq(shard, epoch), deletions);
      }
    } finally {
      while (locked > 0) {
        store.deliver(shards[--locked].unlockWrite());
      }
    }
    return cuts;
  }

  /** Maps a shard's segment opening to the seq of its file. */
  @FunctionalInterface
  interface SeqOf {
    long seq(int shard, long epoch);
  }

  private static ShardCut take(Shard shard) {
    ShardCut cut = new ShardCut();
    SegmentTable segments = shard.segments();
    for (int id = 0; id < segments.size(); id++) {
      // A segment without live items has nothing to restore: its deletions are all logged.
      if (segments.holdsItems(id) && segments.liveItems(id) > 0) {
        cut.add(id, segments.epoch(id), segments.writeOffset(id), segments.maxExpiry(id));
      }
    }
    return cut;
  }

  private void add(int id, long epoch, int writeOffset, long maxExpiry) {
    if (count == ids.length) {
      int n = count * 2;
      ids = Arrays.copyOf(ids, n);
      epochs = Arrays.copyOf(epochs, n);
      writeOffsets = Arrays.copyOf(writeOffsets, n);
      maxExpiries = Arrays.copyOf(maxExpiries, n);
    }
    ids[count] = id;
    epochs[count] = epoch;
    writeOffsets[count] = writeOffset;
    maxExpiries[count] = maxExpiry;
    count++;
  }

  int count() {
    return count;
  }

  int id(int i) {
    return ids[i];
  }

  long epoch(int i) {
    return epochs[i];
  }

  int writeOffset(int i) {
    return writeOffsets[i];
  }

  long maxExpiry(int i) {
    return maxExpiries[i];
  }

  /**
   * Copies bytes {@code [from, to)} of segment {@code id} into {@code dst}, if the segment is still
   * the opening {@code epoch}, with every item's deleted flag cleared: the cut's deletions travel
   * in the deletes log, and a deletion after the cut must not show. {@code from} is 0 or an item
   * boundary, as every write offset is. Returns false if the segment was emptied meanwhile.
   */
  static boolean copy(
      SegmentStore store, Shard shard, int id, long epoch, int from, int to, byte[] dst) {
    shard.lockWrite();
    try {
      SegmentTable segments = shard.segments();
      MemoryRegion region = segments.region(id);
      if (region == null || segments.epoch(id) != epoch) {
        return false;
      }
      region.getBytes(from, dst, 0, to - from);
      for (int item = Math.max(from, ItemDescriptor.FIRST_ITEM_OFFSET);
          item < to;
          item += ItemDescriptor.itemSize(region, item)) {
        if (ItemDescriptor.isDeleted(region, item)) {
          int at = item - from + ItemDescriptor.FLAGS_AND_LENGTHS_OFFSET;
          INTS.set(dst, at, (int) INTS.get(dst, at) & ~ItemDescriptor.DELETED);
        }
      }
      return true;
    } finally {
      store.deliver(shard.unlockWrite());
    }
  }
}
