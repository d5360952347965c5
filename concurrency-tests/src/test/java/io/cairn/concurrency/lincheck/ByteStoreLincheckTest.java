package io.cairn.concurrency.lincheck;

import io.cairn.engine.ByteStore;
import io.cairn.engine.StoreConfig;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Linearizability of {@link ByteStore}'s per-key operations against a sequential specification (a
 * {@link HashMap} from key to value and expiry instant), checked by Lincheck.
 *
 * <p>What it proves: every concurrent history of {@code put}, {@code get}, {@code remove}, both
 * {@code replace}s, {@code putIfAbsent}, {@code touch}, {@code expiryOf} and two read-commit
 * operations over two keys, run on a small store, can be ordered into a sequential history that the
 * map produces with the same results. {@code increment} is the adapter's prepare-then-commit cycle
 * ({@code readEntry} for the version, {@code commit} against it, retried on conflict), so a lost
 * update or a commit that wins against a version overwritten meanwhile shows as a count the map
 * cannot produce. A failure prints the smallest scenario and, under model checking, the thread
 * switches that break it.
 *
 * <p>Model checking explores thread switches at the engine's shared-memory accesses and locks; the
 * stress run executes the same scenarios on real threads. Values are ints encoded as 4 bytes; the
 * clock is fixed, so nothing expires unless an operation gives a past instant.
 */
public class ByteStoreLincheckTest {

  /** The fixed clock. */
  static final long NOW = 1_700_000_000_000L;

  /** The two instants {@code touch} chooses from: one future, one past (which removes). */
  static final long FUTURE = NOW + 60_000;

  static final long PAST = NOW - 1;

  /** Every store an invocation opened; closed after the class's checks. */
  private static final Queue<ByteStore> OPENED = new ConcurrentLinkedQueue<>();

  private final ByteStore store;

  public ByteStoreLincheckTest() {
    store =
        ByteStore.open(
            StoreConfig.builder(1L << 20)
                .name("lincheck")
                .segmentSize(16 << 10)
                .shards(2)
                .clock(() -> NOW)
                .expirationIntervalMillis(0)
                .build());
    OPENED.add(store);
  }

  static byte[] key(int k) {
    return new byte[] {(byte) k, 'k'};
  }

  static byte[] bytes(int v) {
    return ByteBuffer.allocate(4).putInt(v).array();
  }

  static Integer value(byte[] b) {
    return b == null ? null : ByteBuffer.wrap(b).getInt();
  }

  @Operation
  public void put(
      @Param(gen = IntGen.class, conf = "1:2") int k,
      @Param(gen = IntGen.class, conf = "1:3") int v) {
    store.put(key(k), bytes(v), ByteStore.ETERNAL);
  }

  @Operation
  public Integer get(@Param(gen = IntGen.class, conf = "1:2") int k) {
    return value(store.get(key(k)));
  }

  @Operation
  public Integer read(@Param(gen = IntGen.class, conf = "1:2") int k) {
    return store.read(key(k), view -> value(view.toByteArray()));
  }

  @Operation
  public boolean remove(@Param(gen = IntGen.class, conf = "1:2") int k) {
    return store.remove(key(k));
  }

  @Operation
  public boolean putIfAbsent(
      @Param(gen = IntGen.class, conf = "1:2") int k,
      @Param(gen = IntGen.class, conf = "1:3") int v) {
    return store.putIfAbsent(key(k), bytes(v), ByteStore.ETERNAL);
  }

  @Operation
  public boolean replace(
      @Param(gen = IntGen.class, conf = "1:2") int k,
      @Param(gen = IntGen.class, conf = "1:3") int v) {
    return store.replace(key(k), bytes(v), ByteStore.ETERNAL);
  }

  @Operation
  public boolean replaceIf(
      @Param(gen = IntGen.class, conf = "1:2") int k,
      @Param(gen = IntGen.class, conf = "1:3") int expected,
      @Param(gen = IntGen.class, conf = "1:3") int v) {
    return store.replace(key(k), bytes(expected), bytes(v), ByteStore.ETERNAL);
  }

  @Operation
  public boolean touch(
      @Param(gen = IntGen.class, conf = "1:2") int k,
      @Param(gen = IntGen.class, conf = "0:1") int past) {
    return store.touch(key(k), past == 1 ? PAST : FUTURE);
  }

  @Operation
  public long expiryOf(@Param(gen = IntGen.class, conf = "1:2") int k) {
    return store.expiryOf(key(k));
  }

  /**
   * Adds one to the key's value (absent counts as 0) by read-version-commit, retried on conflict.
   */
  @Operation
  public int increment(@Param(gen = IntGen.class, conf = "1:2") int k) {
    byte[] key = key(k);
    while (true) {
      long[] entry =
          store.readEntry(
              key, (view, expireAt, version) -> new long[] {value(view.toByteArray()), version});
      int next = entry == null ? 1 : (int) entry[0] + 1;
      long version = entry == null ? ByteStore.ABSENT : entry[1];
      // Keep the expiry the entry has at the commit: a touch since the read stays (the instant
      // read would undo it; this test's stress run once found exactly that).
      long expireAt = entry == null ? ByteStore.ETERNAL : ByteStore.KEEP_EXPIRY;
      if (store.commit(key, version, bytes(next), expireAt)) {
        return next;
      }
    }
  }

  /** An inserting commit: writes only if the key has no live entry. */
  @Operation
  public boolean insert(
      @Param(gen = IntGen.class, conf = "1:2") int k,
      @Param(gen = IntGen.class, conf = "1:3") int v) {
    return store.commit(key(k), ByteStore.ABSENT, bytes(v), ByteStore.ETERNAL);
  }

  @Test
  public void modelChecking() {
    LincheckRuns.check(
        LincheckRuns.modelChecking().sequentialSpecification(Spec.class), getClass());
  }

  @Test
  public void stress() {
    LincheckRuns.check(LincheckRuns.stress().sequentialSpecification(Spec.class), getClass());
  }

  // A failed check abandons its threads, possibly holding a shard's lock: close fails, never hangs.
  @AfterAll
  @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  static void closeStores() {
    for (ByteStore s; (s = OPENED.poll()) != null; ) {
      s.close();
    }
  }

  /** The sequential specification: a map from key to {value, expiry instant}. */
  public static final class Spec {
    private final Map<Integer, long[]> map = new HashMap<>();

    public void put(int k, int v) {
      map.put(k, new long[] {v, ByteStore.ETERNAL});
    }

    public Integer get(int k) {
      long[] e = map.get(k);
      return e == null ? null : (int) e[0];
    }

    public Integer read(int k) {
      return get(k);
    }

    public boolean remove(int k) {
      return map.remove(k) != null;
    }

    public boolean putIfAbsent(int k, int v) {
      if (map.containsKey(k)) {
        return false;
      }
      put(k, v);
      return true;
    }

    public boolean replace(int k, int v) {
      if (!map.containsKey(k)) {
        return false;
      }
      put(k, v);
      return true;
    }

    public boolean replaceIf(int k, int expected, int v) {
      Integer current = get(k);
      if (current == null || current != expected) {
        return false;
      }
      put(k, v);
      return true;
    }

    public boolean touch(int k, int past) {
      long[] e = map.get(k);
      if (e == null) {
        return false;
      }
      if (past == 1) {
        map.remove(k);
      } else {
        e[1] = FUTURE;
      }
      return true;
    }

    public long expiryOf(int k) {
      long[] e = map.get(k);
      return e == null ? -1 : e[1];
    }

    public int increment(int k) {
      long[] e = map.get(k);
      int next = e == null ? 1 : (int) e[0] + 1;
      map.put(k, new long[] {next, e == null ? ByteStore.ETERNAL : e[1]});
      return next;
    }

    public boolean insert(int k, int v) {
      return putIfAbsent(k, v);
    }
  }
}
