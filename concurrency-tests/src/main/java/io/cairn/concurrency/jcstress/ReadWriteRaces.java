package io.cairn.concurrency.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.cairn.engine.ByteStore;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;
import org.openjdk.jcstress.infra.results.I_Result;
import org.openjdk.jcstress.infra.results.J_Result;

/**
 * A reader racing one writer of the same key, through the engine's public API.
 *
 * <p>What these prove: a write appends a new item, publishes it with a release store of the index
 * slot and only flags the old item deleted (Shard's threading note), so a reader that races it sees
 * the old value or the new one, whole. A value that mixes the two, another key's bytes, an empty or
 * garbage value, or a miss of a key that was present before and after the race, is a bug in the
 * publication of an index slot or in the reader's validation.
 */
public final class ReadWriteRaces {

  private ReadWriteRaces() {}

  /** One small store with key "k" mapped to value 1; "other" mapped to value 9. */
  @State
  public static class OneKey {
    final ByteStore store = Stores.small();
    final byte[] key = Stores.key("k");

    public OneKey() {
      store.put(key, Stores.value(1), ByteStore.ETERNAL);
      store.put(Stores.key("other"), Stores.value(9), ByteStore.ETERNAL);
    }

    void close() {
      store.close();
    }
  }

  /** {@code get} (a copying read) racing {@code put} of the same key. */
  @JCStressTest
  @Outcome(id = "1", expect = ACCEPTABLE, desc = "the read came before the write: old value")
  @Outcome(id = "2", expect = ACCEPTABLE, desc = "the read came after the write: new value")
  @Outcome(expect = FORBIDDEN, desc = "miss, torn, another key's or garbage value")
  public static class GetRacingPut {
    @Actor
    public void writer(OneKey s) {
      s.store.put(s.key, Stores.value(2), ByteStore.ETERNAL);
    }

    @Actor
    public void reader(OneKey s, I_Result r) {
      r.r1 = Stores.idOf(s.store.get(s.key));
    }

    @Arbiter
    public void close(OneKey s) {
      s.close();
    }
  }

  /** {@code read} (zero-copy, validated after the reader ran) racing {@code put}. */
  @JCStressTest
  @Outcome(id = "1", expect = ACCEPTABLE, desc = "old value, whole")
  @Outcome(id = "2", expect = ACCEPTABLE, desc = "new value, whole")
  @Outcome(expect = FORBIDDEN, desc = "miss, torn, another key's or garbage value")
  public static class ReadRacingPut {
    @Actor
    public void writer(OneKey s) {
      s.store.put(s.key, Stores.value(2), ByteStore.ETERNAL);
    }

    @Actor
    public void reader(OneKey s, I_Result r) {
      r.r1 = Stores.readId(s.store, s.key);
    }

    @Arbiter
    public void close(OneKey s) {
      s.close();
    }
  }

  /**
   * {@code get} racing {@code remove}: the old value or a miss, never garbage; and afterwards the
   * key is gone (the arbiter's second result).
   */
  @JCStressTest
  @Outcome(id = "1, 0", expect = ACCEPTABLE, desc = "the read came before the removal")
  @Outcome(id = "0, 0", expect = ACCEPTABLE, desc = "the read came after the removal")
  @Outcome(expect = FORBIDDEN, desc = "garbage, or the key survived its removal")
  public static class GetRacingRemove {
    @Actor
    public void remover(OneKey s) {
      s.store.remove(s.key);
    }

    @Actor
    public void reader(OneKey s, II_Result r) {
      r.r1 = Stores.idOf(s.store.get(s.key));
    }

    @Arbiter
    public void after(OneKey s, II_Result r) {
      r.r2 = Stores.idOf(s.store.get(s.key));
      s.close();
    }
  }

  /** A store in which key "k" is absent. */
  @State
  public static class NoKey {
    final ByteStore store = Stores.small();
    final byte[] key = Stores.key("k");

    public NoKey() {
      store.put(Stores.key("other"), Stores.value(9), ByteStore.ETERNAL);
    }
  }

  /**
   * Publication of a new index slot: {@code get} racing {@code putIfAbsent} of a key not yet
   * present sees a miss or the new value, whole: never a slot that points at an unwritten item.
   */
  @JCStressTest
  @Outcome(id = "0", expect = ACCEPTABLE, desc = "the read came before the insert")
  @Outcome(id = "3", expect = ACCEPTABLE, desc = "the read saw the inserted value, whole")
  @Outcome(expect = FORBIDDEN, desc = "a torn value, another key's value (9) or garbage")
  public static class GetRacingInsert {
    @Actor
    public void writer(NoKey s) {
      s.store.putIfAbsent(s.key, Stores.value(3), ByteStore.ETERNAL);
    }

    @Actor
    public void reader(NoKey s, I_Result r) {
      r.r1 = Stores.readId(s.store, s.key);
    }

    @Arbiter
    public void close(NoKey s) {
      s.store.close();
    }
  }

  /** Two instants that differ in their high and low 24 bits, so a torn store shows. */
  static final long FIRST_EXPIRY = Stores.NOW + 0x0000_0100_0000_0001L;

  static final long SECOND_EXPIRY = Stores.NOW + 0x0000_0200_00FF_FF00L;

  /** A store in which "k" expires at {@link #FIRST_EXPIRY}. */
  @State
  public static class Expiring {
    final ByteStore store = Stores.small();
    final byte[] key = Stores.key("k");

    public Expiring() {
      store.put(key, Stores.value(1), FIRST_EXPIRY);
    }
  }

  /**
   * {@code touch} rewrites an item's expiry in place with one atomic store: a reader of the expiry
   * racing it sees the old instant or the new one, never a mix of their bits, and never a miss.
   */
  @JCStressTest
  @Outcome(id = "" + FIRST_EXPIRY, expect = ACCEPTABLE, desc = "the old instant")
  @Outcome(id = "" + SECOND_EXPIRY, expect = ACCEPTABLE, desc = "the new instant")
  @Outcome(expect = FORBIDDEN, desc = "a torn instant, or -1 (no live entry)")
  public static class ExpiryRacingTouch {
    @Actor
    public void toucher(Expiring s) {
      s.store.touch(s.key, SECOND_EXPIRY);
    }

    @Actor
    public void reader(Expiring s, J_Result r) {
      r.r1 = s.store.expiryOf(s.key);
    }

    @Arbiter
    public void close(Expiring s) {
      s.store.close();
    }
  }
}
