package io.cairn.engine.segment;

import java.util.Arrays;

/**
 * Chooses TINYLFU's window share by simulation: two {@link MiniTinyLfu} models of the policy, one
 * with the frequency window (the configured share, 3% by default) and one with the recency window
 * ({@value #RECENCY_SHARE} of the cache, its read items going round again), replay a sample of the
 * shard's requests, and the shard follows whichever hit more lately. This replaces a hill climber
 * on the measured hit rate: a climber needs many samples of the whole cache's hit rate to move the
 * window once, which short or phase-changing traces never give it, while the models score both
 * shares on the same requests at once (the "mini-simulation" idea of Waldspurger et al., "Cache
 * Modeling and Optimization using Miniature Simulations", USENIX ATC '17).
 *
 * <p>The sample is spatial (SHARDS): a request is sampled when its key's hash falls under a
 * threshold, so a sampled key has all its requests sampled and the models, sized down by the same
 * rate, see a small cache's view of the trace. Shards of up to {@value #MAX_MODEL_ITEMS} items are
 * modelled whole. The models are sized when the shard first evicts, but they also see what came
 * before: until then every request is logged (up to {@value #LOG_SIZE}), and the log is replayed
 * through the sample when they start. A short trace is therefore judged from its first requests
 * instead of from its first eviction on (backf, 9,000 requests, was served with the frequency
 * window through its first phases).
 *
 * <p>A switch costs a shuffle of segments between the pools, paid in misses, so the shard switches
 * only when the other model's lead is worth it: a lead of {@value #MARGIN} of the current model's
 * score, and of at least {@value #SWITCH_COST} of the model's capacity in hits, at two decisions in
 * a row. On scans back and forth (backf, zigzag) the two models score within a few percent of each
 * other, and each switch cost more than the other window would have gained.
 *
 * <p>Cost: the models hold at most {@value #MAX_MODEL_ITEMS} items each, 26 to 44 bytes per item
 * (see {@link MiniTinyLfu}), so at most 44 KiB of heap per shard plus 4 KiB of sample slots,
 * allocated when the shard first evicts, and until then a log of up to 32 KiB: nothing per entry. A
 * read pays a hash mix and, if sampled, one store into a slot. The replay runs under the shard lock
 * at inserts, every insert for a shard of up to {@value #MAX_MODEL_ITEMS} items (where every
 * request is replayed: about 0.4 us per request for both models, measured on a loaded two-core
 * machine), every {@code rate} inserts beyond (where one request in {@code rate} is replayed and no
 * cost per request was measurable against the same loop without the simulation).
 *
 * <p>Threading: {@link #offer} is called by readers without the shard lock. It writes the hash into
 * a slot of a small array chosen by the hash, with no counter: a racing store may overwrite another
 * sample, and a drain racing a store may miss it; both only thin the sample. Everything else runs
 * under the shard lock.
 */
final class WindowSimulation {

  /** The recency window's share: most of the cache, as LRU-friendly traces want. */
  static final double RECENCY_SHARE = 0.85;

  /** The most items a model holds: enough for its hit counts to rank the two shares. */
  static final int MAX_MODEL_ITEMS = 512;

  /** Sampled requests between decisions, per model item: a few passes over the model's cache. */
  private static final int PERIOD_FACTOR = 3;

  /** The fewest sampled requests between decisions, for tiny shards. */
  private static final int MIN_PERIOD = 16;

  /** What a score keeps of its past each period: about seven periods of memory. */
  private static final double DECAY = 0.85;

  /** The lead one model needs over the other to switch, relative to the current one's score. */
  private static final double MARGIN = 0.08;

  /**
   * The lead, in hits per item of model capacity, that one model needs over the other to switch:
   * what a shuffle of segments between the pools costs, about half a cache of misses. With 0.25
   * backf at 400 switched to recency and lost 3 points in one run of two; with 1 sprite at 1000
   * switched later and lost 0.3.
   */
  private static final double SWITCH_COST = 0.5;

  /**
   * The most requests logged before the models start: eight passes over the largest model, 32 KiB,
   * dropped when they start.
   */
  static final int LOG_SIZE = 8 * MAX_MODEL_ITEMS;

  /**
   * Slots for samples between drains: a hit burst between two misses must fit, as the repeats in it
   * are what the models' hits are made of; 4 KiB.
   */
  private static final int PENDING_SLOTS = 512;

  /** The most inserts between two drains of a sampled shard's slots. */
  private static final int MAX_DRAIN_INTERVAL = 64;

  /** Slots a sample tries from the one its hash picks: a repeat finds the next free one. */
  private static final int PROBES = 8;

  private final FrequencySketch sketch;
  private final double frequencyShare;
  private final long[] pending = new long[PENDING_SLOTS]; // 0 = empty; written racily by readers
  private long[] log; // requests before the models start, as drained; null once they have
  private int logged;
  private MiniTinyLfu frequency;
  private MiniTinyLfu recency;
  private long threshold = 1L << 32; // sampled when (mix(hash) >>> 32) < threshold; all at first
  private long period;
  private int capacity;
  private int drainInterval = 1; // inserts per drain: the sampling rate, up to MAX_DRAIN_INTERVAL
  private int insertsSinceDrain;
  private long sampled;
  private long frequencyHits;
  private long recencyHits;
  private double frequencyScore;
  private double recencyScore;
  private boolean recent;
  private boolean otherLed; // whether the other model led by enough at the last decision

  /** Models ranking contests by {@code sketch}; {@code frequencyShare} is the configured window. */
  WindowSimulation(FrequencySketch sketch, double frequencyShare) {
    this.sketch = sketch;
    this.frequencyShare = frequencyShare;
  }

  /** Whether the models run: from the shard's first eviction on. */
  boolean started() {
    return frequency != null;
  }

  /**
   * Starts the models for a shard holding {@code entries} items, when it first evicts, and replays
   * the sampled part of the log through them.
   */
  void start(long entries) {
    drain(); // the last requests into the log
    Arrays.fill(pending, 0); // offered after the log filled: not part of the sample
    long rate = Math.max(1, (entries + MAX_MODEL_ITEMS - 1) / MAX_MODEL_ITEMS);
    capacity = (int) Math.max(1, entries / rate);
    threshold = (1L << 32) / rate;
    frequency = new MiniTinyLfu(sketch, capacity, frequencyShare, false);
    recency = new MiniTinyLfu(sketch, capacity, RECENCY_SHARE, true);
    period = Math.max(MIN_PERIOD, (long) PERIOD_FACTOR * capacity);
    drainInterval = (int) Math.min(rate, MAX_DRAIN_INTERVAL);
    for (int i = 0; i < logged; i++) {
      if ((mix(log[i]) >>> 32) < threshold) {
        replay(log[i]);
      }
    }
    log = null;
  }

  /** Offers a request for {@code hash} to the sample; lock-free, see the class note. */
  void offer(long hash) {
    long mixed = mix(hash);
    if (hash == 0 || (mixed >>> 32) >= threshold) {
      return;
    }
    long[] slots = pending;
    for (int probe = 0, i = (int) mixed & (PENDING_SLOTS - 1);
        probe < PROBES;
        probe++, i = (i + 1) & (PENDING_SLOTS - 1)) {
      if (slots[i] == 0) {
        slots[i] = hash; // a reader racing for the same slot may overwrite it: one sample lost
        return;
      }
    }
  }

  /**
   * Counts an insert, a miss being written, and replays the samples every {@code rate} inserts (at
   * most {@value #MAX_DRAIN_INTERVAL}): a sampled shard gathers about one sample per insert
   * meanwhile, so the slots are scanned no more often than they fill; under the shard lock.
   */
  void inserted() {
    if (++insertsSinceDrain >= drainInterval) {
      drain();
    }
  }

  /**
   * Replays the samples offered since the last drain, or logs them before the models start; under
   * the shard lock.
   */
  void drain() {
    insertsSinceDrain = 0;
    if (!started() && logged == LOG_SIZE) {
      return; // nothing is sampled until the models start
    }
    for (int i = 0; i < PENDING_SLOTS; i++) {
      long hash = pending[i];
      if (hash != 0) {
        pending[i] = 0; // a store racing this one is lost: the sample only thins
        if (started()) {
          replay(hash);
        } else {
          log(hash);
        }
      }
    }
  }

  private void log(long hash) {
    if (log == null) {
      log = new long[LOG_SIZE];
    }
    if (logged < LOG_SIZE) {
      log[logged++] = hash;
    }
    if (logged == LOG_SIZE) {
      threshold = 0; // readers stop offering until the models start
    }
  }

  private void replay(long hash) {
    frequency.access(hash);
    recency.access(hash);
    if (++sampled % period == 0) {
      decide();
    }
  }

  /** The sampled requests replayed so far. */
  long sampledRequests() {
    return sampled;
  }

  /** Whether the recency window is the one to use. */
  boolean recency() {
    return recent;
  }

  /** The window's share of the segments to use. */
  double share() {
    return recent ? RECENCY_SHARE : frequencyShare;
  }

  private void decide() {
    frequencyScore = DECAY * frequencyScore + (frequency.hits() - frequencyHits);
    recencyScore = DECAY * recencyScore + (recency.hits() - recencyHits);
    frequencyHits = frequency.hits();
    recencyHits = recency.hits();
    double current = recent ? recencyScore : frequencyScore;
    double other = recent ? frequencyScore : recencyScore;
    boolean leads = other > current * (1 + MARGIN) && other - current > SWITCH_COST * capacity;
    if (leads && otherLed) {
      recent = !recent;
      otherLed = false;
    } else {
      otherLed = leads;
    }
  }

  /** Spreads a hash's bits so that the sample does not follow the index's bucket choice. */
  private static long mix(long hash) {
    long h = hash * 0xFF51_AFD7_ED55_8CCDL;
    return h ^ (h >>> 31);
  }
}
