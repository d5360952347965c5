package io.cairn.engine.segment;

import io.cairn.engine.EvictionPolicy;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Chooses the segment a shard empties when it needs room. Each policy looks only at segment
 * metadata on the heap, never at items, so a choice costs a scan of the shard's segment table (tens
 * to thousands of entries, once per segment filled).
 *
 * <p>The seam for the policies that keep frequent items (segcache's MERGE, S3-FIFO): those will
 * implement this interface too, and read the frequency counter kept in every index slot.
 */
interface Evictor {

  /**
   * Returns the id of the segment to empty, never {@code exclude}, or {@link SegmentTable#NONE} if
   * no other segment holds items. Called under the shard lock.
   */
  int selectVictim(SegmentTable segments, int exclude);

  static Evictor of(EvictionPolicy policy) {
    return switch (policy) {
      case FIFO -> (t, exclude) -> lowest(t, exclude, t::createSeq);
      case CTE -> (t, exclude) -> lowest(t, exclude, t::maxExpiry);
      case UTIL -> (t, exclude) -> lowest(t, exclude, t::liveBytes);
      case RANDOM -> Evictor::random;
    };
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
        if (best == SegmentTable.NONE || value < bestValue) {
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
