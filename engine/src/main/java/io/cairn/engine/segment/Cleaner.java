package io.cairn.engine.segment;

import static io.cairn.engine.segment.SegmentTable.NONE;

import io.cairn.engine.RemovalCause;

/**
 * The log cleaner: gives back the space of overwritten, removed and expired items by compacting
 * sealed segments, so that a shard evicts live data only when live data truly fills it.
 *
 * <p>Which segment: the one with the best benefit-to-cost ratio of Rosenblum and Ousterhout's LFS
 * cleaner ("The design and implementation of a log-structured file system", SOSP '91), {@code (1 -
 * u) * age / (1 + u)} for a segment a share {@code u} live: cleaning reads the segment (1) and
 * writes its live part ({@code u}) to free {@code 1 - u}, and an older segment's live items are
 * less likely to die soon on their own, so its free space is worth more. RAMCloud's log-structured
 * memory (Rumble et al., FAST '14) runs at 80-90% utilization with this choice. A segment more than
 * {@link #MAX_UTILIZATION} live is never cleaned: copying nine bytes to win one is the most it
 * pays.
 *
 * <p>How: the segment's live items are staged on the heap ({@link Survivors}), the segment is
 * emptied, and the items are written back to the open segment of their lane and pool, which may be
 * the emptied segment itself; their index slots are repointed. Staging means cleaning needs no
 * spare segment and cannot fail for lack of room: the items came from the segment that is now free.
 *
 * <p>When: in the write path, once a shard has no free segment and its budget no room (see {@link
 * Shard}); and in the background, each expiry pass, for segments at most {@link
 * #BACKGROUND_UTILIZATION} live while the shard has no room, so writers seldom clean.
 *
 * <p>Threading: called under the shard's write lock.
 */
final class Cleaner {

  /** The fullest segment worth cleaning in the write path: a write amplification of at most 9. */
  static final double MAX_UTILIZATION = 0.9;

  /** The fullest segment the background pass cleans: it copies at most what it frees. */
  static final double BACKGROUND_UTILIZATION = 0.5;

  /** Segments the background pass cleans per shard, so a pass holds a shard's lock briefly. */
  static final int BACKGROUND_SEGMENTS = 4;

  private Cleaner() {}

  /**
   * The sealed segment best to clean, at most {@code maxUtilization} live and never a large one, or
   * {@link SegmentTable#NONE}; also NONE when the sealed segments' free space together is less than
   * a segment, since cleaning could then never give back a whole one. {@code itemBytes} is what a
   * segment holds for items ({@link ItemDescriptor#itemBytes}).
   */
  static int select(SegmentTable t, int itemBytes, double maxUtilization) {
    int best = NONE;
    double bestScore = -1;
    long reclaimable = 0;
    long sequence = t.sequence();
    for (int id = 0; id < t.size(); id++) {
      if (t.state(id) != SegmentTable.SEALED || t.isLarge(id)) {
        continue; // a large segment holds one item, so nothing to compact (and u > 1)
      }
      reclaimable += itemBytes - t.liveBytes(id);
      double u = (double) t.liveBytes(id) / itemBytes;
      if (u > maxUtilization) {
        continue;
      }
      double age = sequence - t.createSeq(id);
      double score = (1 - u) * (1 + age) / (1 + u);
      if (score > bestScore) {
        best = id;
        bestScore = score;
      }
    }
    return reclaimable >= itemBytes ? best : NONE;
  }

  /** Compacts segment {@code victim}: its live items move to open segments, and it is emptied. */
  static void clean(Shard shard, int victim) {
    SegmentTable segments = shard.segments();
    long now = shard.now();
    byte pool = segments.pool(victim);
    int lane = segments.lane(victim);
    Survivors survivors = shard.survivors();
    survivors.clear();
    long[] copied = {0};
    shard.forEachLiveItem(
        victim,
        (segment, item, position, hash) -> {
          if (ItemDescriptor.expireAt(segment, item) <= now) {
            shard.delete(position, RemovalCause.EXPIRED);
          } else {
            int size = ItemDescriptor.itemSize(segment, item);
            survivors.keep(
                victim, segment, item, size, position, shard.frequencyAt(position), lane);
            copied[0] += size;
          }
        });
    shard.close(victim);
    shard.writeBack(pool);
    shard.cleanedSegments++;
    shard.cleanedBytes += copied[0];
  }
}
