package io.cairn.engine.segment;

/**
 * The pools a segment can belong to. Every policy writes new items to the {@link #NEW} pool; S3FIFO
 * and TINYLFU have a second, {@link #MAIN}, pool for items that proved themselves. Each TTL lane
 * has one open segment per pool.
 */
final class Pools {

  /** Where new items are written; S3-FIFO's admission pool, TINYLFU's window. */
  static final byte NEW = 0;

  /** S3-FIFO's and TINYLFU's main pool. */
  static final byte MAIN = 1;

  /** The number of pools. */
  static final int COUNT = 2;

  private Pools() {}
}
