package io.cairn.engine;

/**
 * How a shard chooses the segment to empty when it needs room. Eviction works a whole segment at a
 * time, as in Pelikan's segcache (Yang et al., NSDI '21).
 */
public enum EvictionPolicy {
  /** The oldest segment: first written, first evicted. */
  FIFO,
  /** A segment chosen uniformly at random. */
  RANDOM,
  /** The segment closest to expiration (its latest expiry instant is the soonest). */
  CTE,
  /** The least utilized segment: the fewest live bytes, so the least is lost. */
  UTIL,
  /**
   * segcache's merge-based eviction: the oldest {@link StoreConfig#mergeSegments()} segments of a
   * TTL bucket are merged into the space of one, keeping their most frequently read items (above a
   * cutoff chosen per segment so that about {@link StoreConfig#mergeTargetRatio()} of each
   * survives) and dropping the rest.
   */
  MERGE,
  /**
   * S3-FIFO (Yang et al., SOSP '23) at segment granularity: new items enter a small admission pool
   * ({@link StoreConfig#s3fifoAdmissionRatio()} of the segments); when its oldest segment is
   * evicted, items read at least {@link StoreConfig#s3fifoPromotionThreshold()} times move to the
   * main pool and the rest are dropped, their hashes remembered in a ghost filter; a write whose
   * key is in the ghost filter goes straight to the main pool; the main pool evicts its oldest
   * segment giving every item read since another round (CLOCK's second chance).
   */
  S3FIFO;

  /** Whether the policy reads the per-item frequency counter (readers then maintain it). */
  public boolean usesFrequency() {
    return this == MERGE || this == S3FIFO;
  }
}
