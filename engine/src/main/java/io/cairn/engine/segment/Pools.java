package io.cairn.engine.segment;

/**
 * The pools a segment can belong to. Every policy writes new items to the {@link #NEW} pool; only
 * S3-FIFO has a second, {@link #MAIN}, pool for items that proved themselves. Each TTL bucket has
 * one open segment per pool.
 */
final class Pools {

  /** Where new items are written; S3-FIFO's small admission pool. */
  static final byte NEW = 0;

  /** S3-FIFO's main pool. */
  static final byte MAIN = 1;

  /** The number of pools. */
  static final int COUNT = 2;

  private Pools() {}
}
