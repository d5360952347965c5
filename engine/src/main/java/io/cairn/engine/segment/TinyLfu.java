package io.cairn.engine.segment;

/**
 * The TINYLFU policy's state for one shard: the {@link FrequencySketch} of the keys asked for, and
 * the {@link WindowSimulation} that chooses the window pool's share of the segments: the configured
 * share (3% by default) where frequency pays, {@value WindowSimulation#RECENCY_SHARE} with a second
 * round for the window's read items where recency does (Caffeine's hill climber can likewise move
 * its window from 0 to 100%).
 *
 * <p>Threading: {@link #recordRead} is called by readers without the shard lock (see {@link
 * FrequencySketch} and {@link WindowSimulation} for why their races are benign). Everything else
 * runs under the shard lock.
 */
final class TinyLfu {

  /** Ranks an item can have: a sketch count from 0 to 15, or {@link #PROTECTED}. */
  static final int RANKS = FrequencySketch.MAX_FREQUENCY + 2;

  /** The rank of a main-pool item read since it last survived: kept before any other. */
  static final int PROTECTED = RANKS - 1;

  /**
   * How many counts above its key's a main-pool item not read since its last round ranks, up to
   * {@link FrequencySketch#MAX_FREQUENCY}: a newcomer's count includes the request that just
   * brought it in, and on a scan back and forth, where every key is asked for once a pass, it was
   * one ahead of the main-pool items the pass had yet to reach, so it evicted them just before
   * their turn. With 1, backf at 200 and zigzag at 500 stayed more than 2 points below LRU; with 3,
   * sprite at 1000 fell there (both measured with the switching rule before the switch cost).
   */
  static final int MAIN_EDGE = 2;

  private final FrequencySketch sketch = new FrequencySketch();
  private final WindowSimulation simulation;

  /** A policy whose frequency window is {@code windowRatio} of the segments. */
  TinyLfu(double windowRatio) {
    this.simulation = new WindowSimulation(sketch, windowRatio);
  }

  /** Counts a read of {@code hash}, a hit or a miss, and offers it to the simulation's sample. */
  void recordRead(long hash) {
    sketch.increment(hash);
    simulation.offer(hash);
  }

  /** Sizes the sketch for a shard holding {@code entries} items. */
  void ensureCapacity(long entries) {
    sketch.ensureCapacity(entries);
  }

  /** Starts the simulation, once, for a shard that evicts while holding {@code entries} items. */
  void evicting(long entries) {
    if (!simulation.started()) {
      simulation.start(entries);
    }
  }

  /** Counts an insert of a new key; the simulation replays its sample at some of them. */
  void inserted() {
    simulation.inserted();
  }

  /** The window's share of the segments, after replaying the requests sampled since last asked. */
  double windowRatio() {
    simulation.drain();
    return simulation.share();
  }

  /**
   * Whether the window's items read since written go round the window again before they contest the
   * main pool (CLOCK in the window): with the recency window, whose model does the same.
   */
  boolean windowSecondChance() {
    return simulation.recency();
  }

  /**
   * How strongly an item deserves to stay: {@link #PROTECTED} for a main-pool item read since it
   * last survived a round (CLOCK's second chance, standing in for the protected segment of
   * W-TinyLFU's SLRU), else the sketch's count of its key, plus {@link #MAIN_EDGE} for another
   * main-pool item.
   */
  int rank(long hash, boolean inMain, boolean readSinceRound) {
    if (!inMain) {
      return sketch.frequency(hash);
    }
    return readSinceRound ? PROTECTED : mainRank(sketch.frequency(hash));
  }

  /**
   * The rank of a main-pool item not read since its last round whose key the sketch has counted
   * {@code count} times; the models of {@link WindowSimulation} rank their main pools alike.
   */
  static int mainRank(int count) {
    return Math.min(count + MAIN_EDGE, FrequencySketch.MAX_FREQUENCY);
  }
}
