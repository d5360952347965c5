package io.cairn.engine.segment;

/**
 * The TINYLFU policy's state for one shard: the {@link FrequencySketch} of the keys asked for, the
 * window pool's share of the segments, and the hill climber that tunes that share (as Caffeine's
 * W-TinyLFU does, Einziger et al., "Adaptive Software Cache Management", Middleware '18).
 *
 * <p>The climber samples the store's hit rate (its own striped counters, so readers write nothing
 * more) over {@value #SAMPLE_FACTOR} reads per entry held; when the last step improved it, it steps
 * the same way again, else the other way, each step {@value #STEP_DECAY} of the one before, and a
 * jump in hit rate of {@value #RESTART_THRESHOLD} or more (the workload changed) restarts at the
 * full {@value #STEP} of the cache. A recency-heavy trace (zigzag, backf) grows the window, a
 * frequency-heavy one (loops, scans) shrinks it.
 *
 * <p>Threading: {@link #recordRead} is called by readers without the shard lock (see {@link
 * FrequencySketch} for why its races are benign). Everything else runs under the shard lock.
 */
final class TinyLfu {

  /** Ranks an item can have: a sketch count from 0 to 15, or {@link #PROTECTED}. */
  static final int RANKS = FrequencySketch.MAX_FREQUENCY + 2;

  /** The rank of a main-pool item read since it last survived: kept before any other. */
  static final int PROTECTED = RANKS - 1;

  /** Reads per entry held in a hit-rate sample: enough for the rate to mean something. */
  private static final int SAMPLE_FACTOR = 10;

  /** The fewest reads in a sample, for small shards. */
  private static final int MIN_SAMPLE = 1024;

  /** A climber step, as a share of the segments: Caffeine's 6.25%. */
  private static final double STEP = 0.0625;

  /** Each step in the same direction is this much of the last, so the climber settles. */
  private static final double STEP_DECAY = 0.98;

  /** A change in hit rate this large restarts the climb at a full step. */
  private static final double RESTART_THRESHOLD = 0.05;

  /** The bounds of the window's share: never gone entirely, never more than most of the cache. */
  private static final double MIN_WINDOW = 0.01;

  private static final double MAX_WINDOW = 0.80;

  private final FrequencySketch sketch = new FrequencySketch();
  private double windowRatio;
  private double step = STEP;
  private double previousHitRate = -1;
  private long sampleStartReads; // the store's read count when the sample began
  private long sampleStartHits;

  TinyLfu(double windowRatio) {
    this.windowRatio = windowRatio;
  }

  /** Counts a read of {@code hash}, a hit or a miss. */
  void recordRead(long hash) {
    sketch.increment(hash);
  }

  /** Sizes the sketch for a shard holding {@code entries} items. */
  void ensureCapacity(long entries) {
    sketch.ensureCapacity(entries);
  }

  /**
   * The window's share of the segments, for a store holding about {@code entries} items that has
   * served {@code storeReads} reads of which {@code storeHits} hit; takes a climber step when a
   * sample is complete.
   */
  double windowRatio(long entries, long storeReads, long storeHits) {
    long reads = storeReads - sampleStartReads;
    if (reads >= (long) SAMPLE_FACTOR * Math.max(MIN_SAMPLE, entries)) {
      double hitRate = (double) (storeHits - sampleStartHits) / reads;
      sampleStartReads = storeReads;
      sampleStartHits = storeHits;
      if (previousHitRate >= 0) {
        double change = hitRate - previousHitRate;
        double next = change >= 0 ? step : -step; // keep going while it helps, else turn back
        step =
            Math.abs(change) >= RESTART_THRESHOLD ? Math.copySign(STEP, next) : next * STEP_DECAY;
        windowRatio = Math.max(MIN_WINDOW, Math.min(MAX_WINDOW, windowRatio + step));
      }
      previousHitRate = hitRate;
    }
    return windowRatio;
  }

  /**
   * How strongly an item deserves to stay: {@link #PROTECTED} for a main-pool item read since it
   * last survived a round (CLOCK's second chance, standing in for the protected segment of
   * W-TinyLFU's SLRU), else the sketch's count of its key.
   */
  int rank(long hash, boolean inMain, boolean readSinceRound) {
    return inMain && readSinceRound ? PROTECTED : sketch.frequency(hash);
  }
}
