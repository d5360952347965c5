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

/**
 * {@code close()} racing operations on the store it frees.
 *
 * <p>What these prove: the reader barrier keeps native memory alive until every read that entered
 * before {@code close} has left, and every operation that enters after it throws {@link
 * IllegalStateException} ({@code StoreClosedException}). So a racing read returns the stored value,
 * whole, or throws that exception. A miss (the key was present), garbage, any other exception, or a
 * crash of the forked JVM (a read of freed memory through {@code Unsafe}) is a bug; jcstress
 * reports a crash as an error and the build gate fails on it.
 */
public final class CloseRaces {

  private CloseRaces() {}

  /** "k" mapped to value 1 in a store that one actor closes. */
  @State
  public static class Closing {
    final ByteStore store = Stores.small();
    final byte[] key = Stores.key("k");

    public Closing() {
      store.put(key, Stores.value(1), ByteStore.ETERNAL);
    }
  }

  static int outcome(java.util.function.IntSupplier op) {
    try {
      return op.getAsInt();
    } catch (IllegalStateException e) {
      return Stores.CLOSED;
    } catch (RuntimeException e) {
      return Stores.THREW;
    }
  }

  /** A copying {@code get} racing {@code close}. */
  @JCStressTest
  @Outcome(id = "1", expect = ACCEPTABLE, desc = "the read finished before the memory was freed")
  @Outcome(id = "-2", expect = ACCEPTABLE, desc = "the read found the store closed")
  @Outcome(expect = FORBIDDEN, desc = "a miss, garbage, or another exception")
  public static class GetRacingClose {
    @Actor
    public void closer(Closing s) {
      s.store.close();
    }

    @Actor
    public void reader(Closing s, I_Result r) {
      r.r1 = outcome(() -> Stores.idOf(s.store.get(s.key)));
    }

    @Arbiter
    public void after(Closing s) {
      s.store.close(); // idempotent
    }
  }

  /** A zero-copy {@code read} racing {@code close}: the view must never point at freed memory. */
  @JCStressTest
  @Outcome(id = "1", expect = ACCEPTABLE, desc = "the read finished before the memory was freed")
  @Outcome(id = "-2", expect = ACCEPTABLE, desc = "the read found the store closed")
  @Outcome(expect = FORBIDDEN, desc = "a miss, garbage, or another exception")
  public static class ReadRacingClose {
    @Actor
    public void closer(Closing s) {
      s.store.close();
    }

    @Actor
    public void reader(Closing s, I_Result r) {
      r.r1 = outcome(() -> Stores.readId(s.store, s.key));
    }
  }

  /**
   * A {@code put} racing {@code close}: it completes (1) or throws {@link IllegalStateException}
   * (-2); the second result is {@code isClosed()} afterwards, always 1.
   */
  @JCStressTest
  @Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "the put finished before close")
  @Outcome(id = "-2, 1", expect = ACCEPTABLE, desc = "the put found the store closed")
  @Outcome(expect = FORBIDDEN, desc = "another exception, or the store did not end closed")
  public static class PutRacingClose {
    @Actor
    public void closer(Closing s) {
      s.store.close();
    }

    @Actor
    public void writer(Closing s, II_Result r) {
      r.r1 =
          outcome(
              () -> {
                s.store.put(s.key, Stores.value(2), ByteStore.ETERNAL);
                return 1;
              });
    }

    @Arbiter
    public void after(Closing s, II_Result r) {
      r.r2 = s.store.isClosed() ? 1 : 0;
    }
  }
}
