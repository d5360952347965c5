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
  UTIL
}
