package io.cairn.engine.segment;

import io.cairn.engine.StoreConfig;

/**
 * MERGE, after segcache: empties the oldest {@code mergeSegments} sealed segments of one TTL lane,
 * keeping from each its most read items (the smallest read-count cutoff whose survivors fit the
 * target share), and writes the survivors back into one segment's space. Survivors' counters are
 * halved, so past popularity fades. A large segment's item, alone in its segment, survives if it
 * was read since it was written or last merged; it takes no room, as it stays in place (see {@link
 * Survivors}).
 */
final class MergeEviction implements EvictionStrategy {

  private final int mergeSegments;
  private final double stopRatio;
  private final double targetRatio;
  private final int maxFrequency;
  private final Evictor fallback = Evictor.of(io.cairn.engine.EvictionPolicy.FIFO);

  MergeEviction(StoreConfig config) {
    this.mergeSegments = config.mergeSegments();
    this.stopRatio = config.mergeStopRatio();
    this.targetRatio = config.mergeTargetRatio();
    this.maxFrequency = (1 << config.frequencyBits()) - 1;
  }

  @Override
  public int maxFrequency() {
    return maxFrequency;
  }

  @Override
  public boolean evict(Shard shard, int protect) {
    SegmentTable segments = shard.segments();
    int[] chain = Evictor.mergeChain(segments, protect, mergeSegments);
    if (chain.length < 2) {
      return shard.drop(chain.length == 1 ? chain[0] : fallback.selectVictim(segments, protect));
    }
    long now = shard.now();
    int itemBytes = shard.segmentItemBytes();
    long room = (long) (stopRatio * itemBytes);
    long share = (long) (targetRatio * itemBytes);
    Survivors survivors = shard.survivors();
    survivors.clear();
    long kept = 0;
    for (int id : chain) {
      long target = Math.min(share, room - kept);
      int cutoff = frequencyCutoff(shard, id, now, target);
      long[] keptHere = {0};
      int lane = segments.lane(id);
      boolean inPlace = segments.isLarge(id);
      shard.forEachLiveItem(
          id,
          (segment, item, position, hash) -> {
            int frequency = shard.frequencyAt(position);
            int size = ItemDescriptor.itemSize(segment, item);
            if (ItemDescriptor.expireAt(segment, item) > now
                && frequency >= cutoff
                && (inPlace || keptHere[0] + size <= target)) {
              survivors.keep(id, segment, item, size, position, frequency >>> 1, lane);
              keptHere[0] += inPlace ? 0 : size;
            } else {
              shard.delete(position, Shard.evictionCause(segment, item, now));
            }
          });
      kept += keptHere[0];
      shard.close(id);
    }
    shard.writeBack(Pools.NEW);
    return true;
  }

  /**
   * The read count from which items of segment {@code id} survive: every item read more often fits
   * in {@code target} bytes, and items read exactly this often fill what is left, oldest first.
   * Never below 1: an item not read since it was written or last merged does not survive.
   */
  private int frequencyCutoff(Shard shard, int id, long now, long target) {
    long[] bytesAt = new long[maxFrequency + 2];
    shard.forEachLiveItem(
        id,
        (segment, item, position, hash) -> {
          if (ItemDescriptor.expireAt(segment, item) > now) {
            bytesAt[shard.frequencyAt(position)] += ItemDescriptor.itemSize(segment, item);
          }
        });
    long above = 0;
    for (int f = maxFrequency; f >= 1; f--) {
      if (above + bytesAt[f] > target) {
        return f; // partly kept: the caller stops at the target
      }
      above += bytesAt[f];
    }
    return 1;
  }
}
