package io.cairn.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.engine.segment.SegmentStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Readers hammer a few keys whose writers swap their values between large ones (up to {@link
 * StoreConfig#maxItemBytes()}) and small ones, while a filler makes every shard evict, the expirer
 * sweeps and cleans, and the writers remove the keys now and then. Runs once per eviction policy.
 *
 * <p>What it proves: a reader racing the release of a large segment (replaced, removed, expired or
 * evicted, its memory retired) sees the whole old value, the whole new one, or nothing, never a
 * torn or foreign value and never an exception (values check themselves, see {@link CheckedValue});
 * a write of a large value always finds room, by evicting in every shard; committed bytes never
 * pass the capacity; close returns every native byte.
 */
final class LargeValuesStressTest {

  /** 4 MiB in 16 KiB segments over two shards: items up to 1 MiB, a quarter. */
  private static final long CAPACITY = 4L << 20;

  private static final int SEGMENT = 16 << 10;

  /** The keys the readers hammer. */
  private static final int HOT = 4;

  /** The least a run lasts. */
  private static final long MIN_RUN_NANOS = 400_000_000L;

  /** The most a run lasts while it has not yet evicted and swapped large values enough. */
  private static final long MAX_RUN_NANOS = 20_000_000_000L;

  @ParameterizedTest
  @EnumSource(EvictionPolicy.class)
  void readers_whileWritersSwapLargeAndSmallValues_seeWholeValuesOrNothing(EvictionPolicy policy)
      throws InterruptedException {
    AtomicLong clock = new AtomicLong(StoreHarness.START);
    Queue<String> problems = new ConcurrentLinkedQueue<>();
    byte[][] hot = new byte[HOT][];
    for (int h = 0; h < HOT; h++) {
      hot[h] = TestBytes.key("hot" + h);
    }
    ByteStore store =
        ByteStore.open(
            StoreConfig.builder(CAPACITY)
                .name("large-stress-" + policy)
                .segmentSize(SEGMENT)
                .shards(2)
                .evictionPolicy(policy)
                .clock(clock::get)
                .expirationIntervalMillis(2)
                .removalListener(
                    (k, v, cause) -> {
                      if (k.length == 4 && k[0] == 'h') {
                        check(k, v, cause + " report", problems);
                      }
                    },
                    java.util.EnumSet.allOf(RemovalCause.class))
                .build());
    int maxPayload = (int) store.config().maxItemBytes() - 28 - 4 - CheckedValue.OVERHEAD;
    LongAdder largeWrites = new LongAdder();
    LongAdder largeReads = new LongAdder();
    try {
      ConcurrentRun run = new ConcurrentRun().ticker(clock).sampler(store);
      for (int t = 0; t < 2; t++) {
        run.worker(
            "writer-" + t,
            t,
            r -> {
              byte[] k = hot[r.nextInt(HOT)];
              boolean large = r.nextBoolean();
              int payload = large ? SEGMENT + r.nextInt(maxPayload - SEGMENT) : r.nextInt(2_000);
              byte[] v = CheckedValue.encode(TestBytes.hash(k), r.nextLong(), payload);
              long at = r.nextInt(4) == 0 ? clock.get() + 1 + r.nextInt(20) : ByteStore.ETERNAL;
              switch (r.nextInt(8)) {
                case 0 -> store.remove(k);
                case 1 -> Commits.update(store, k, seen -> v, at);
                case 2 -> store.commit(k, ByteStore.ABSENT, v, at);
                default -> store.put(k, v, at);
              }
              if (large) {
                largeWrites.increment();
              }
            });
      }
      for (int t = 0; t < 2; t++) {
        run.worker(
            "reader-" + t,
            10 + t,
            r -> {
              byte[] k = hot[r.nextInt(HOT)];
              byte[] v =
                  r.nextBoolean()
                      ? check(k, store.get(k), "get", problems)
                      : check(k, store.read(k, BytesView::toByteArray), "read", problems);
              if (v != null && v.length > SEGMENT) {
                largeReads.increment();
              }
            });
      }
      run.worker(
          "filler",
          20,
          r -> {
            byte[] k = TestBytes.key("f" + r.nextInt(50_000));
            long at = r.nextInt(4) == 0 ? clock.get() + r.nextInt(50) : ByteStore.ETERNAL;
            store.put(k, TestBytes.bytes(500 + r.nextInt(1_000), r.nextLong()), at);
          });
      long start = System.nanoTime();
      run.runWhile(
          () -> {
            long elapsed = System.nanoTime() - start;
            boolean enough =
                store.stats().evictions() >= 100
                    && largeWrites.sum() >= 10
                    && largeReads.sum() >= 5;
            return elapsed < MIN_RUN_NANOS || (!enough && elapsed < MAX_RUN_NANOS);
          });
      List<String> failures = new ArrayList<>(run.failures());
      failures.addAll(problems);
      StoreStats stats = store.stats();
      assertEquals(
          List.of(), failures.subList(0, Math.min(10, failures.size())), failures + " " + stats);
      assertTrue(run.maxCommitted() <= CAPACITY, "committedBytes peaked at " + run.maxCommitted());
      assertTrue(largeWrites.sum() >= 10, "large writes: " + largeWrites);
      assertTrue(largeReads.sum() >= 5, "large values read: " + largeReads);
      assertTrue(stats.evictions() >= 100, () -> "the run must evict: " + stats);
    } finally {
      store.close();
    }
    assertEquals(0, ((SegmentStore) store).allocatedBytes(), "native bytes after close");
  }

  /** Records a problem unless {@code value} is null or a whole value of hot key {@code k}. */
  private static byte[] check(byte[] k, byte[] value, String how, Queue<String> problems) {
    if (value != null) {
      String problem = CheckedValue.problem(TestBytes.hash(k), value);
      if (problem != null) {
        problems.add(how + " of " + TestBytes.describe(k) + ": " + problem);
      }
    }
    return value;
  }
}
