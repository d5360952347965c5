package io.cairn.engine.segment;

import static io.cairn.engine.segment.SegmentTable.NONE;

import io.cairn.engine.StoreConfig;
import java.util.Arrays;

/**
 * A shard's open segments: one per TTL lane and pool, where a lane is a run of consecutive TTL
 * buckets ({@link TtlBuckets}) sized so that open segments stay a small share of the shard: one
 * lane per {@link #SEGMENTS_PER_LANE} segments the shard can hold, at most one per bucket. Each
 * item keeps its exact expiry, and a segment's expiry range covers its items, so sharing a segment
 * across buckets costs only earlier sweeps.
 *
 * <p>Threading: guarded by the shard's writers' lock.
 */
final class OpenSegments {

  /** Segments a shard can hold per TTL lane: open segments stay about 1/32 of the shard. */
  static final int SEGMENTS_PER_LANE = 32;

  private final int laneShift; // bucket >>> laneShift is the bucket's lane
  private final int[] open; // open segment per lane and pool, or NONE

  OpenSegments(StoreConfig config) {
    this.laneShift = laneShift(config);
    this.open = new int[(TtlBuckets.COUNT >>> laneShift) * Pools.COUNT];
    clear();
  }

  /** How many TTL buckets share a lane, as a shift: fewer lanes the fewer segments a shard has. */
  static int laneShift(StoreConfig config) {
    long perShard = config.capacityBytes() / config.segmentSize() / config.shards();
    long lanes = Math.max(1, Math.min(TtlBuckets.COUNT, perShard / SEGMENTS_PER_LANE));
    return Integer.numberOfTrailingZeros(TtlBuckets.COUNT)
        - (63 - Long.numberOfLeadingZeros(lanes));
  }

  /** The lane of an item that lives {@code ttlMillis} more. */
  int laneOf(long ttlMillis) {
    return TtlBuckets.bucketOf(ttlMillis) >>> laneShift;
  }

  /** The open segment of ({@code lane}, {@code pool}), or {@link SegmentTable#NONE}. */
  int get(int lane, byte pool) {
    return open[lane * Pools.COUNT + pool];
  }

  /**
   * Makes {@code id} the open segment of ({@code lane}, {@code pool}); returns the one it replaces.
   */
  int replace(int lane, byte pool, int id) {
    int at = lane * Pools.COUNT + pool;
    int previous = open[at];
    open[at] = id;
    return previous;
  }

  /** Forgets segment {@code id} of ({@code lane}, {@code pool}) if it is the open one there. */
  void forget(int lane, byte pool, int id) {
    int at = lane * Pools.COUNT + pool;
    if (open[at] == id) {
      open[at] = NONE;
    }
  }

  /** Forgets every open segment. */
  void clear() {
    Arrays.fill(open, NONE);
  }
}
