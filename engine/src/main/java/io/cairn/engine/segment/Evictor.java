package io.cairn.engine.segment;

import io.cairn.engine.EvictionPolicy;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Chooses the segment a shard empties when it needs room. Each policy looks only at segment
 * metadata on the heap, never at items, so a choice costs a scan of the shard's segment table (tens
 * to thousands of entries, once per segment filled).
 *
 * <p>{@link SegmentEviction} uses it for FIFO, RANDOM, CTE and UTIL; the copying policies use its
 * helpers to find their candidates.
 */
interface Evictor {

  /**
   * Returns the id of the segment to empty, never {@code exclude}, or {@link SegmentTable#NONE} if
   * no other segment holds items. Called under the shard lock.
   */
  int selectVictim(SegmentTable segments, int exclude);

  static Evictor of(EvictionPolicy policy) {
    return switch (policy) {
      case FIFO, MERGE, S3FIFO, TINYLFU -> (t, exclude) -> lowest(t, exclude, t::createSeq);
      case CTE -> (t, exclude) -> lowest(t, exclude, t::maxExpiry);
      case UTIL -> (t, exclude) -> lowest(t, exclude, t::liveBytes);
      case RANDOM -> Evictor::random;
    };
  }

  /**
   * MERGE's candidates: up to {@code n} sealed segments of the TTL lane and pool of the oldest
   * sealed segment (never {@code exclude}), oldest first. Fewer than two means nothing to merge.
   */
  static int[] mergeChain(SegmentTable t, int exclude, int n) {
    int oldest = SegmentTable.NONE;
    for (int id = 0; id < t.size(); id++) {
      if (id != exclude
          && t.state(id) == SegmentTable.SEALED
          && (oldest == SegmentTable.NONE || t.createSeq(id) < t.createSeq(oldest))) {
        oldest = id;
      }
    }
    if (oldest == SegmentTable.NONE) {
      return new int[0];
    }
    int[] chain = new int[n];
    int length = 0;
    long after = Long.MIN_VALUE;
    while (length < n) {
      int next = SegmentTable.NONE;
      for (int id = 0; id < t.size(); id++) {
        if (id != exclude
            && t.state(id) == SegmentTable.SEALED
            && t.lane(id) == t.lane(oldest)
            && t.pool(id) == t.pool(oldest)
            && t.createSeq(id) > after
            && (next == SegmentTable.NONE || t.createSeq(id) < t.createSeq(next))) {
          next = id;
        }
      }
      if (next == SegmentTable.NONE) {
        break;
      }
      chain[length++] = next;
      after = t.createSeq(next);
    }
    return java.util.Arrays.copyOf(chain, length);
  }

  /**
   * S3-FIFO's victim: the oldest segment of the admission pool while that pool holds more than
   * {@code admissionRatio} of the segments holding items (or the main pool has none), else the
   * oldest of the main pool; never {@code exclude}.
   */
  static int s3fifoVictim(SegmentTable t, int exclude, double admissionRatio) {
    int[] held = segmentsPerPool(t);
    int oldestNew = oldestOfPool(t, exclude, Pools.NEW, false);
    int oldestMain = oldestOfPool(t, exclude, Pools.MAIN, false);
    boolean admissionOverShare =
        held[Pools.NEW] > admissionRatio * (held[Pools.NEW] + held[Pools.MAIN]);
    if (oldestNew != SegmentTable.NONE && (admissionOverShare || oldestMain == SegmentTable.NONE)) {
      return oldestNew;
    }
    return oldestMain != SegmentTable.NONE ? oldestMain : oldestNew;
  }

  /**
   * The oldest segment of {@code pool} holding items ({@code sealedOnly}: and no longer written),
   * never {@code exclude}, or NONE.
   */
  static int oldestOfPool(SegmentTable t, int exclude, byte pool, boolean sealedOnly) {
    int oldest = SegmentTable.NONE;
    for (int id = 0; id < t.size(); id++) {
      if (id != exclude
          && (sealedOnly ? t.state(id) == SegmentTable.SEALED : t.holdsItems(id))
          && t.pool(id) == pool
          && (oldest == SegmentTable.NONE || t.createSeq(id) < t.createSeq(oldest))) {
        oldest = id;
      }
    }
    return oldest;
  }

  /** How many segments holding items each pool has, indexed by pool. */
  static int[] segmentsPerPool(SegmentTable t) {
    int[] held = new int[Pools.COUNT];
    for (int id = 0; id < t.size(); id++) {
      if (t.holdsItems(id)) {
        held[t.pool(id)]++;
      }
    }
    return held;
  }

  /** A per-segment measure to minimise. */
  @FunctionalInterface
  interface Measure {
    long of(int id);
  }

  private static int lowest(SegmentTable t, int exclude, Measure measure) {
    int best = SegmentTable.NONE;
    long bestValue = Long.MAX_VALUE;
    for (int id = 0; id < t.size(); id++) {
      if (id != exclude && t.holdsItems(id)) {
        long value = measure.of(id);
        // Ties go to the oldest segment: with eternal items every segment's maxExpiry is equal,
        // and the lowest id would be whichever segment was last reused (segment-level MRU).
        if (best == SegmentTable.NONE
            || value < bestValue
            || (value == bestValue && t.createSeq(id) < t.createSeq(best))) {
          best = id;
          bestValue = value;
        }
      }
    }
    return best;
  }

  private static int random(SegmentTable t, int exclude) {
    int chosen = SegmentTable.NONE;
    int seen = 0;
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int id = 0; id < t.size(); id++) {
      if (id != exclude && t.holdsItems(id) && random.nextInt(++seen) == 0) {
        chosen = id; // reservoir sampling: each candidate kept with probability 1/seen
      }
    }
    return chosen;
  }
}
