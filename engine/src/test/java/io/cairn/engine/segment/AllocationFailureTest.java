package io.cairn.engine.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.cairn.engine.ByteStore;
import io.cairn.engine.StoreConfig;
import io.cairn.engine.StoreEntry;
import io.cairn.engine.StoreStats;
import io.cairn.engine.memory.NativeMemory;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongPredicate;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Native allocation failure, injected at the memory seam ({@link NativeMemory} with {@code
 * AllocationFaults}): the chosen allocation fails with {@link OutOfMemoryError}, as a failing
 * {@code malloc} does, wherever it falls (a new segment for a put, an index table growing, a large
 * item's region, the cleaner's or the store's opening allocations). The operation that needed it
 * throws; every other entry keeps its value, the entry being written keeps its old value or gets
 * the new one, the counters agree with what is stored, the store keeps working once memory is back,
 * and {@code close} returns every byte.
 */
class AllocationFailureTest {

  private static final int SEGMENT = StoreConfig.MIN_SEGMENT_SIZE;
  private static final int KEYS = 3_000;
  private static final int OPERATIONS = 12_000;

  /**
   * The allocations of the workload, one failed per case: each of the first 60 (the store's opening
   * ones, first segments, index growth), then every 9th of the about 590 a run makes.
   */
  static Stream<Arguments> failures() {
    Stream<Arguments> single =
        IntStream.concat(
                IntStream.rangeClosed(1, 60), IntStream.iterate(61, n -> n <= 600, n -> n + 9))
            .mapToObj(n -> Arguments.of(n, 1));
    // A stretch of failures: every allocation from the n-th fails for a while, so retries fail too.
    Stream<Arguments> stretch = IntStream.of(5, 20, 60).mapToObj(n -> Arguments.of(n, 25));
    return Stream.concat(single, stretch);
  }

  @ParameterizedTest(name = "allocation {0} fails, {1} in a row")
  @MethodSource("failures")
  void allocationFails_operationThrowsNothingElseChangesAndTheStoreGoesOn(int first, int count) {
    AtomicLong allocations = new AtomicLong();
    AtomicBoolean armed = new AtomicBoolean(true); // off once the workload is over
    LongPredicate failing = n -> n >= first && n < first + count && armed.get();
    NativeMemory memory =
        new NativeMemory(
            size -> {
              long n = allocations.incrementAndGet();
              if (failing.test(n)) {
                throw new OutOfMemoryError("injected: allocation " + n + " of " + size + " bytes");
              }
            });
    StoreConfig config =
        StoreConfig.builder(8L << 20)
            .segmentSize(SEGMENT)
            .shards(2)
            .expirationIntervalMillis(0)
            .build();
    SegmentStore store;
    try {
      store = SegmentStore.open(config, memory);
    } catch (OutOfMemoryError e) {
      assertEquals(0, memory.allocatedBytes(), "a store that failed to open holds no memory");
      return;
    }
    try {
      run(store, memory, allocations, armed, first, count);
    } finally {
      store.close();
    }
    assertEquals(0, memory.allocatedBytes(), "bytes still held after close");
  }

  private static void run(
      SegmentStore store,
      NativeMemory memory,
      AtomicLong allocations,
      AtomicBoolean armed,
      int first,
      int count) {
    Map<Long, byte[]> model = new HashMap<>();
    Map<Long, byte[]> uncertain = new HashMap<>(); // key -> the value a failed write tried
    Set<Long> failedRemovals = new HashSet<>();
    SplittableRandom random = new SplittableRandom(first * 31L + count);
    int failures = 0;
    for (int op = 0; op < OPERATIONS; op++) {
      long k = random.nextInt(KEYS);
      byte[] value = value(k, op, random);
      boolean remove = random.nextInt(10) == 0;
      try {
        if (remove) {
          store.remove(key(k));
          model.remove(k);
        } else {
          store.put(key(k), value, ByteStore.ETERNAL);
          model.put(k, value);
        }
        uncertain.remove(k);
        failedRemovals.remove(k);
      } catch (OutOfMemoryError e) {
        assertTrue(e.getMessage().startsWith("injected"), e::toString);
        failures++;
        if (remove) {
          failedRemovals.add(k);
        } else {
          uncertain.put(k, value);
        }
      }
    }
    if (allocations.get() >= first) {
      assertTrue(failures > 0, "allocation " + first + " happened, yet no operation failed");
    }
    check(store, memory, model, uncertain, failedRemovals);
    // Memory is back (a failure planned past the workload's allocations never fires): the store
    // takes new entries and keeps them.
    armed.set(false);
    for (long k = KEYS; k < KEYS + 500; k++) {
      byte[] value = value(k, 0, new SplittableRandom(k));
      store.put(key(k), value, ByteStore.ETERNAL);
      model.put(k, value);
    }
    check(store, memory, model, uncertain, failedRemovals);
  }

  /** Every entry as the model says, a failed write's key old or new, counters as stored. */
  private static void check(
      SegmentStore store,
      NativeMemory memory,
      Map<Long, byte[]> model,
      Map<Long, byte[]> uncertain,
      Set<Long> failedRemovals) {
    StoreStats stats = store.stats();
    assertEquals(0, stats.evictions(), "the workload fits: nothing may be evicted");
    assertEquals(
        memory.allocatedBytes(), stats.committedBytes(), "committed bytes against those allocated");
    Map<Long, byte[]> stored = new HashMap<>();
    long liveBytes = 0;
    for (Iterator<StoreEntry> it = store.iterator(); it.hasNext(); ) {
      StoreEntry entry = it.next();
      long k = ByteBuffer.wrap(entry.key()).getLong();
      if (stored.put(k, entry.value()) != null) {
        fail("key " + k + " listed twice");
      }
      int kl = entry.key().length;
      int vl = entry.value().length;
      // Eternal items: no expiry word, but far when large, in a segment of their own.
      liveBytes +=
          ItemDescriptor.itemSize(
              kl,
              vl,
              ItemDescriptor.isLarge(kl, vl, SEGMENT)
                  ? ItemDescriptor.Expiry.FAR
                  : ItemDescriptor.Expiry.NONE);
    }
    Set<Long> keys = new HashSet<>(model.keySet());
    keys.addAll(stored.keySet());
    keys.addAll(uncertain.keySet());
    for (long k : keys) {
      byte[] actual = store.get(key(k));
      assertArrayEquals(actual, stored.get(k), "get and the iterator disagree on key " + k);
      byte[] expected = model.get(k);
      if (uncertain.containsKey(k) || failedRemovals.contains(k)) {
        boolean old = Arrays.equals(actual, expected);
        boolean attempted =
            failedRemovals.contains(k)
                ? actual == null
                : actual != null && Arrays.equals(actual, uncertain.get(k));
        assertTrue(old || attempted, "key " + k + " after a failed write: neither old nor new");
      } else {
        assertArrayEquals(expected, actual, "key " + k + " lost or corrupted");
      }
    }
    assertEquals(stored.size(), store.size(), "size() against the entries listed");
    assertEquals(stored.size(), stats.entries(), "stats().entries() against the entries listed");
    assertEquals(liveBytes, stats.liveBytes(), "stats().liveBytes() against the entries listed");
  }

  private static byte[] key(long k) {
    return ByteBuffer.allocate(Long.BYTES).putLong(k).array();
  }

  /** Mostly small values, some of several segments (large items with regions of their own). */
  private static byte[] value(long k, int op, SplittableRandom random) {
    int length =
        random.nextInt(200) == 0 ? SEGMENT * 2 + random.nextInt(SEGMENT) : 20 + random.nextInt(300);
    byte[] v = new byte[length];
    ByteBuffer.wrap(v).putLong(k).putInt(op);
    for (int i = 12; i < length; i++) {
      v[i] = (byte) (k * 31 + op + i);
    }
    return v;
  }
}
