package io.cairn.concurrency.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.cairn.engine.ByteStore;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * The adapter's commit protocol (#8): a change prepared outside the store is written by {@code
 * commit(key, version, value, at)} only if the key's live item is still the one of {@code version}.
 *
 * <p>What these prove: a commit is a compare-and-set on the item's version. Two commits against the
 * same version cannot both win; a commit against a version that a concurrent {@code put} replaced
 * fails, so the put is never lost; of two commits against {@link ByteStore#ABSENT} on an absent key
 * exactly one inserts. The results name which calls returned true and the value left in the store
 * (read by the arbiter); the forbidden outcomes are a lost update or a double win.
 */
public final class CommitRaces {

  private CommitRaces() {}

  /** "k" mapped to value 1; {@link #version} is that item's version, read before the race. */
  @State
  public static class Versioned {
    final ByteStore store = Stores.small();
    final byte[] key = Stores.key("k");
    final long version;

    public Versioned() {
      store.put(key, Stores.value(1), ByteStore.ETERNAL);
      Long v = store.readEntry(key, (value, expireAt, itemVersion) -> itemVersion);
      version = v == null ? -1 : v;
    }

    int finalId() {
      int id = Stores.idOf(store.get(key));
      store.close();
      return id;
    }
  }

  /** Two commits against the same version: exactly one wins, and its value is the one stored. */
  @JCStressTest
  @Outcome(id = "1, 0, 2", expect = ACCEPTABLE, desc = "the first commit won")
  @Outcome(id = "0, 1, 3", expect = ACCEPTABLE, desc = "the second commit won")
  @Outcome(
      expect = FORBIDDEN,
      desc = "both or neither won, or the stored value is not the winner's")
  public static class CommitRacingCommit {
    @Actor
    public void first(Versioned s, III_Result r) {
      r.r1 = s.store.commit(s.key, s.version, Stores.value(2), ByteStore.ETERNAL) ? 1 : 0;
    }

    @Actor
    public void second(Versioned s, III_Result r) {
      r.r2 = s.store.commit(s.key, s.version, Stores.value(3), ByteStore.ETERNAL) ? 1 : 0;
    }

    @Arbiter
    public void after(Versioned s, III_Result r) {
      r.r3 = s.finalId();
    }
  }

  /**
   * A commit against the version read before the race, racing a plain {@code put}. If the commit
   * wins it came first, and the put's value must be the one left; if the put came first, the commit
   * must fail. A commit that wins and leaves its own value lost the put.
   */
  @JCStressTest
  @Outcome(id = "1, 4", expect = ACCEPTABLE, desc = "commit, then put")
  @Outcome(id = "0, 4", expect = ACCEPTABLE, desc = "put, then the commit fails")
  @Outcome(expect = FORBIDDEN, desc = "lost update (1, 2) or any other state")
  public static class CommitRacingPut {
    @Actor
    public void committer(Versioned s, II_Result r) {
      r.r1 = s.store.commit(s.key, s.version, Stores.value(2), ByteStore.ETERNAL) ? 1 : 0;
    }

    @Actor
    public void writer(Versioned s) {
      s.store.put(s.key, Stores.value(4), ByteStore.ETERNAL);
    }

    @Arbiter
    public void after(Versioned s, II_Result r) {
      r.r2 = s.finalId();
    }
  }

  /**
   * A commit against the read version racing a {@code remove}: if the commit wins the removal
   * follows it and the key ends absent; if the removal wins the commit must fail (it may not
   * resurrect the entry).
   */
  @JCStressTest
  @Outcome(id = "1, 0", expect = ACCEPTABLE, desc = "commit, then remove")
  @Outcome(id = "0, 0", expect = ACCEPTABLE, desc = "remove, then the commit fails")
  @Outcome(expect = FORBIDDEN, desc = "the commit resurrected a removed entry, or garbage")
  public static class CommitRacingRemove {
    @Actor
    public void committer(Versioned s, II_Result r) {
      r.r1 = s.store.commit(s.key, s.version, Stores.value(2), ByteStore.ETERNAL) ? 1 : 0;
    }

    @Actor
    public void remover(Versioned s) {
      s.store.remove(s.key);
    }

    @Arbiter
    public void after(Versioned s, II_Result r) {
      r.r2 = s.finalId();
    }
  }

  /** A store in which "k" is absent. */
  @State
  public static class Absent {
    final ByteStore store = Stores.small();
    final byte[] key = Stores.key("k");
  }

  /** Two inserting commits ({@link ByteStore#ABSENT}) on an absent key: exactly one inserts. */
  @JCStressTest
  @Outcome(id = "1, 0, 2", expect = ACCEPTABLE, desc = "the first insert won")
  @Outcome(id = "0, 1, 3", expect = ACCEPTABLE, desc = "the second insert won")
  @Outcome(expect = FORBIDDEN, desc = "both or neither inserted, or the value is not the winner's")
  public static class InsertRacingInsert {
    @Actor
    public void first(Absent s, III_Result r) {
      r.r1 = s.store.commit(s.key, ByteStore.ABSENT, Stores.value(2), ByteStore.ETERNAL) ? 1 : 0;
    }

    @Actor
    public void second(Absent s, III_Result r) {
      r.r2 = s.store.commit(s.key, ByteStore.ABSENT, Stores.value(3), ByteStore.ETERNAL) ? 1 : 0;
    }

    @Arbiter
    public void after(Absent s, III_Result r) {
      r.r3 = Stores.idOf(s.store.get(s.key));
      s.store.close();
    }
  }
}
