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
  S3FIFO,
  /**
   * A segment-granular W-TinyLFU: a count-min sketch of 4-bit counters remembers how often each key
   * was asked for (reads, hits or misses, and inserts). New items are written to a small window
   * pool ({@link StoreConfig#tinyLfuWindowRatio()} of the segments); when the window is over its
   * share, its oldest segment and the main pool's oldest contest for one segment of room, items
   * ranked by the sketch, the main pool's counting two more and winning ties, so a newcomer is kept
   * only when it is asked for clearly more often than what it displaces. Otherwise the main pool's
   * oldest segment keeps its most frequent half. Scans and loops larger than the cache do not flush
   * what is popular.
   */
  TINYLFU;

  /** Whether the policy reads the per-item frequency counter (readers then maintain it). */
  public boolean usesFrequency() {
    return this == MERGE || this == S3FIFO || this == TINYLFU;
  }
}
