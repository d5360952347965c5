package io.cairn.engine.segment;

/**
 * Maps a time-to-live to one of 1024 TTL buckets, logarithmically as in segcache: 8-second steps up
 * to 2048 s, 128-second steps up to 32768 s, 2048-second steps up to 524288 s, 32768-second steps
 * up to 8388608 s (97 days); longer and eternal entries share the last bucket. Items of one bucket
 * share segments, so a segment's items expire at about the same time and are freed together.
 */
final class TtlBuckets {

  /** The number of TTL buckets. */
  static final int COUNT = 1024;

  /** Buckets per step of width. */
  private static final int PER_STEP = 256;

  /** Width of the first step's buckets: 8 s, as 2^3. */
  private static final int SHIFT_1 = 3;

  private static final int SHIFT_2 = 7;
  private static final int SHIFT_3 = 11;
  private static final int SHIFT_4 = 15;

  private static final long BOUND_1 = (long) PER_STEP << SHIFT_1;
  private static final long BOUND_2 = (long) PER_STEP << SHIFT_2;
  private static final long BOUND_3 = (long) PER_STEP << SHIFT_3;
  private static final long BOUND_4 = (long) PER_STEP << SHIFT_4;

  private TtlBuckets() {}

  /** The bucket for a time-to-live of {@code ttlMillis}; a negative one overflowed: the longest. */
  static int bucketOf(long ttlMillis) {
    if (ttlMillis < 0) {
      return COUNT - 1;
    }
    long seconds = ttlMillis / 1000;
    if (seconds < BOUND_1) {
      return (int) (seconds >>> SHIFT_1);
    } else if (seconds < BOUND_2) {
      return PER_STEP + (int) (seconds >>> SHIFT_2);
    } else if (seconds < BOUND_3) {
      return 2 * PER_STEP + (int) (seconds >>> SHIFT_3);
    } else if (seconds < BOUND_4) {
      return 3 * PER_STEP + (int) (seconds >>> SHIFT_4);
    }
    return COUNT - 1;
  }
}
