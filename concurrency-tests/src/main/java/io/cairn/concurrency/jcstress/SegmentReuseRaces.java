package io.cairn.concurrency.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.cairn.engine.ByteStore;
import io.cairn.engine.StoreStats;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * A reader racing writes that make a tiny store clean or evict: the segment the reader is reading
 * is compacted (its live items copied elsewhere and their slots repointed), emptied and reused for
 * new items while the read is in flight.
 *
 * <p>What these prove: a reader validates its read against the shard's move stamp and the segment's
 * state, and the reader barrier holds the memory until it is done, so it returns the value it
 * looked up, whole, or a miss when the item was truly evicted. Bytes of the item that reused the
 * segment (a torn or foreign value), an empty value, an exception from the reader, or a crash of
 * the forked JVM are bugs. The arbiter's results say whether the run cleaned (second result) or
 * evicted (third result), so the report shows that the race was exercised.
 */
public final class SegmentReuseRaces {

  private SegmentReuseRaces() {}

  /** Filler keys: with "k" they fill about three of the tiny store's four segments. */
  static final int FILLERS = 7;

  /**
   * Fillers the state overwrites before the race: measured to leave the shard just short of
   * cleaning.
   */
  static final int PREWRITES = 2;

  /** Fillers the writer overwrites: measured to make the shard clean a segment while it writes. */
  static final int WRITES = 3;

  /**
   * A tiny store holding "k" (value 1, {@link Stores#FILL_LENGTH} bytes) in a segment whose other
   * items were removed, and {@link #FILLERS} filler keys, {@link #PREWRITES} of them written twice,
   * so that the sealed segment is partly dead and the next few writes make the shard clean one
   * (relocating its live items) or evict.
   */
  @State
  public static class Crowded {
    final ByteStore store = Stores.tiny();
    final byte[] key = Stores.key("k");
    final byte[][] fillers = new byte[FILLERS][];
    final long cleanedBefore;
    final long evictedBefore;

    public Crowded() {
      store.put(key, Stores.filled(1, Stores.FILL_LENGTH), ByteStore.ETERNAL);
      for (int i = 0; i < 3; i++) {
        store.put(Stores.key("dead-" + i), Stores.filled(5, Stores.FILL_LENGTH), ByteStore.ETERNAL);
      }
      for (int i = 0; i < 3; i++) {
        store.remove(Stores.key("dead-" + i));
      }
      for (int i = 0; i < FILLERS; i++) {
        fillers[i] = Stores.key("filler-" + i);
      }
      overwriteFillers(20, 0, FILLERS);
      overwriteFillers(21, 0, PREWRITES);
      StoreStats stats = store.stats();
      cleanedBefore = stats.cleanedSegments();
      evictedBefore = stats.evictions();
    }

    void overwriteFillers(int id, int from, int count) {
      for (int i = from; i < from + count; i++) {
        store.put(fillers[i % FILLERS], Stores.filled(id, Stores.FILL_LENGTH), ByteStore.ETERNAL);
      }
    }

    /** Second result: whether the race cleaned a segment; third: whether it evicted. */
    void arbitrate(III_Result r) {
      StoreStats stats = store.stats();
      r.r2 = stats.cleanedSegments() > cleanedBefore ? 1 : 0;
      r.r3 = stats.evictions() > evictedBefore ? 1 : 0;
      store.close();
    }
  }

  /**
   * A reader of a key the writer never touches, racing writes that relocate it (cleaning) or drop
   * it (eviction). Its value must come back whole; a miss is allowed only because the policy may
   * evict (the design says a live item is evicted only when live bytes exceed the bound, which
   * these few kilobytes do not: a miss is reported as interesting).
   */
  @JCStressTest
  @Outcome(id = "1, ., .", expect = ACCEPTABLE, desc = "the value, whole (moved or not)")
  @Outcome(id = "0, ., 1", expect = ACCEPTABLE_INTERESTING, desc = "evicted while live")
  @Outcome(
      expect = FORBIDDEN,
      desc = "garbage, a torn or foreign value, or a miss with no eviction")
  public static class ReadRacingRelocation {
    @Actor
    public void writer(Crowded s) {
      s.overwriteFillers(30, PREWRITES, WRITES);
    }

    @Actor
    public void reader(Crowded s, III_Result r) {
      r.r1 = Stores.readId(s.store, s.key);
    }

    @Arbiter
    public void after(Crowded s, III_Result r) {
      s.arbitrate(r);
    }
  }

  /**
   * A copying reader of "k" racing an overwrite of "k" followed by writes that clean or evict the
   * segment the old value lived in.
   */
  @JCStressTest
  @Outcome(id = "1, ., .", expect = ACCEPTABLE, desc = "the old value, whole")
  @Outcome(id = "2, ., .", expect = ACCEPTABLE, desc = "the new value, whole")
  @Outcome(id = "0, ., 1", expect = ACCEPTABLE_INTERESTING, desc = "evicted")
  @Outcome(
      expect = FORBIDDEN,
      desc = "garbage, a torn or foreign value, or a miss with no eviction")
  public static class GetRacingOverwriteAndReuse {
    @Actor
    public void writer(Crowded s) {
      s.store.put(s.key, Stores.filled(2, Stores.FILL_LENGTH), ByteStore.ETERNAL);
      s.overwriteFillers(30, PREWRITES, WRITES);
    }

    @Actor
    public void reader(Crowded s, III_Result r) {
      r.r1 = Stores.idOf(s.store.get(s.key));
    }

    @Arbiter
    public void after(Crowded s, III_Result r) {
      s.arbitrate(r);
    }
  }
}
