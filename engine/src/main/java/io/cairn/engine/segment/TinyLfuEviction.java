package io.cairn.engine.segment;

import io.cairn.engine.StoreConfig;
import io.cairn.engine.memory.MemoryRegion;

/**
 * TINYLFU, W-TinyLFU with segments for items (see {@link TinyLfu}). While the main pool is more
 * than a segment short of its share, the window's oldest segment alone keeps its highest-ranked
 * items, up to {@link #KEEP} of a segment, and they move to the main pool: that is how the main
 * pool fills. While the window holds at least its share, its oldest segment and the main pool's
 * oldest contest for one segment's room: items are kept by rank (main-pool items read since their
 * last round first, then by how often the sketch has seen their keys, the main pool's other items
 * counting {@link TinyLfu#MAIN_EDGE} more), the main pool's first on a tie, so a newcomer is kept
 * only when it is asked for clearly more often than what it displaces; what is kept moves to the
 * head of the main pool. Otherwise the main pool is over its share and its oldest segment alone
 * keeps its highest-ranked items, up to the same fraction.
 *
 * <p>The window's share is chosen by {@link TinyLfu}'s simulation: the configured share where
 * frequency pays, most of the cache where recency does. With the latter, a window item read since
 * it was written goes round the window again instead of contesting the main pool (CLOCK), so the
 * window behaves like an LRU of most of the cache.
 *
 * <p>The read counter in index slots is one bit here: whether an item was read since its last
 * round, which a hot key's readers then find set and leave alone instead of writing its slot on
 * every read.
 */
final class TinyLfuEviction implements EvictionStrategy {

  /** The share of a segment kept when one segment is evicted on its own. */
  private static final double KEEP = 0.7;

  private final TinyLfu tinyLfu;

  TinyLfuEviction(StoreConfig config) {
    this.tinyLfu = new TinyLfu(config.tinyLfuWindowRatio());
  }

  @Override
  public int maxFrequency() {
    return 1;
  }

  @Override
  public void recordRead(long hash) {
    tinyLfu.recordRead(hash); // hit or miss: a key asked for often is worth keeping once written
  }

  @Override
  public boolean keepsPoolOnOverwrite() {
    return true;
  }

  @Override
  public void inserted(long entries) {
    tinyLfu.ensureCapacity(entries); // sized while the shard fills, before any eviction
  }

  @Override
  public void sealed(Shard shard, byte pool) {
    if (pool == Pools.NEW) {
      admitWindowOverflow(shard.segments(), tinyLfu.windowRatio());
    }
  }

  @Override
  public byte poolForNewKey(long hash) {
    tinyLfu.inserted(); // replays the sampled reads before the miss they led to is written
    return Pools.NEW;
  }

  @Override
  public boolean evict(Shard shard, int protect) {
    SegmentTable segments = shard.segments();
    tinyLfu.evicting(shard.storeEntries());
    double windowRatio = tinyLfu.windowRatio();
    admitWindowOverflow(segments, windowRatio);
    int window = Evictor.oldestOfPool(segments, protect, Pools.NEW, false);
    int main = Evictor.oldestOfPool(segments, protect, Pools.MAIN, false);
    if (window == SegmentTable.NONE && main == SegmentTable.NONE) {
      return false;
    }
    int[] held = Evictor.segmentsPerPool(segments);
    long total = (long) held[Pools.NEW] + held[Pools.MAIN];
    long now = shard.now();
    int itemBytes = shard.segmentItemBytes(); // what the emptied segment can take back
    shard.survivors().clear();
    if (window == SegmentTable.NONE
        || main != SegmentTable.NONE && held[Pools.NEW] < windowRatio * total) {
      keepMostFrequent(shard, new int[] {main}, (long) (KEEP * itemBytes), now, false);
      shard.writeBack(Pools.MAIN);
      return true;
    }
    boolean again = main != SegmentTable.NONE && tinyLfu.windowSecondChance();
    if (main == SegmentTable.NONE) {
      keepMostFrequent(shard, new int[] {window}, (long) (KEEP * itemBytes), now, again);
    } else {
      keepMostFrequent(shard, new int[] {main, window}, itemBytes, now, again);
    }
    shard.writeBack(Pools.MAIN);
    if (again) {
      // the window's items read since written, left in place above, start another round in it
      shard.survivors().clear();
      int lane = segments.lane(window);
      shard.forEachLiveItem(
          window,
          (segment, item, position, hash) ->
              shard
                  .survivors()
                  .keep(
                      window,
                      segment,
                      item,
                      ItemDescriptor.itemSize(segment, item),
                      position,
                      0,
                      lane));
      shard.close(window);
      shard.writeBack(Pools.NEW);
    }
    return true;
  }

  /**
   * Stages the live items of {@code ids} of the highest rank, up to {@code room} bytes, earlier
   * segments winning ties; deletes the rest and empties the segments. Survivors start a new round
   * with their read counters at zero. A large segment's item takes no room, as it stays in place,
   * and is ranked by its read counter alone: kept if read since its last round (a rank by the
   * sketch would keep a key read once for ever). With {@code windowAgain}, a live window item read
   * since written is left in its segment, which stays open for {@link #evict} to move it back to
   * the window.
   */
  private void keepMostFrequent(Shard shard, int[] ids, long room, long now, boolean windowAgain) {
    long[] bytesAt = new long[TinyLfu.RANKS];
    SegmentTable segments = shard.segments();
    for (int id : ids) {
      shard.forEachLiveItem(
          id,
          (segment, item, position, hash) -> {
            if (again(shard, windowAgain, id, segment, item, position, now)) {
              return;
            }
            if (ItemDescriptor.expireAt(segment, item) > now && !segments.isLarge(id)) {
              bytesAt[rank(shard, position, hash)] += ItemDescriptor.itemSize(segment, item);
            }
          });
    }
    int cutoff = 0;
    long above = 0;
    for (int r = TinyLfu.RANKS - 1; r >= 0; r--) {
      if (above + bytesAt[r] > room) {
        cutoff = r;
        break;
      }
      above += bytesAt[r];
    }
    int floor = cutoff;
    long[] atCutoff = {room - above}; // room left for items of exactly the cutoff rank
    Survivors survivors = shard.survivors();
    for (int id : ids) {
      int lane = segments.lane(id);
      boolean inPlace = segments.isLarge(id);
      shard.forEachLiveItem(
          id,
          (segment, item, position, hash) -> {
            if (again(shard, windowAgain, id, segment, item, position, now)) {
              return;
            }
            int rank = rank(shard, position, hash);
            int size = ItemDescriptor.itemSize(segment, item);
            boolean live = ItemDescriptor.expireAt(segment, item) > now;
            boolean keep = live && (inPlace ? shard.frequencyAt(position) > 0 : rank > floor);
            if (!keep && !inPlace && rank == floor && size <= atCutoff[0]) {
              keep = live;
              atCutoff[0] -= keep ? size : 0;
            }
            if (keep) {
              survivors.keep(id, segment, item, size, position, 0, lane);
            } else {
              shard.delete(position, Shard.evictionCause(segment, item, now));
            }
          });
      if (!(windowAgain && segments.pool(id) == Pools.NEW)) {
        shard.close(id);
      }
    }
  }

  /** Whether the item goes round the window again: see {@link #keepMostFrequent}. */
  private static boolean again(
      Shard shard,
      boolean windowAgain,
      int id,
      MemoryRegion segment,
      int item,
      long position,
      long now) {
    return windowAgain
        && shard.segments().pool(id) == Pools.NEW
        && !shard.segments().isLarge(id)
        && shard.frequencyAt(position) > 0
        && ItemDescriptor.expireAt(segment, item) > now;
  }

  /**
   * Moves the window's oldest sealed segments to the main pool as they are, while the window holds
   * more than its share and the main pool has room for another segment: W-TinyLFU admits window
   * overflow without a contest while the main pool is not full. This is how the main pool fills,
   * and how it takes over when the climber shrinks the window.
   */
  private static void admitWindowOverflow(SegmentTable segments, double windowRatio) {
    int[] held = Evictor.segmentsPerPool(segments);
    long total = (long) held[Pools.NEW] + held[Pools.MAIN];
    while (held[Pools.NEW] > windowRatio * total
        && held[Pools.MAIN] + 1 <= (1 - windowRatio) * total) {
      int oldest = Evictor.oldestOfPool(segments, SegmentTable.NONE, Pools.NEW, true);
      if (oldest == SegmentTable.NONE) {
        return;
      }
      segments.moveToPool(oldest, Pools.MAIN);
      held[Pools.NEW]--;
      held[Pools.MAIN]++;
    }
  }

  /** The rank of the live item whose slot is at {@code position}. */
  private int rank(Shard shard, long position, long hash) {
    long slot = shard.slotAt(position);
    return tinyLfu.rank(
        hash,
        shard.segments().pool(io.cairn.engine.index.IndexDescriptor.segment(slot)) == Pools.MAIN,
        io.cairn.engine.index.IndexDescriptor.frequency(slot) > 0);
  }
}
