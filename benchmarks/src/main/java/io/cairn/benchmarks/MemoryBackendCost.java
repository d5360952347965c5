package io.cairn.benchmarks;

import io.cairn.engine.ByteStore;
import io.cairn.engine.StoreConfig;
import io.cairn.engine.memory.MemoryRegion;
import io.cairn.engine.memory.NativeMemory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the memory backend costs where the two differ: allocating and freeing one region (the
 * foreign backend gives each region a shared arena of its own, and closing a shared arena is a
 * handshake with every thread of the JVM), with 0, 1 or 2 other threads busy reading native memory
 * meanwhile, and closing a filled store, which frees all its regions at once. The backend is this
 * JVM's: run it once with {@code -Dcairn.memory=unsafe} and once with {@code foreign}, on the same
 * JDK (see docs/performance.md, "Memory backends").
 *
 * <p>Usage: {@code java -Dcairn.memory=<backend> -cp benchmarks.jar
 * io.cairn.benchmarks.MemoryBackendCost [rounds]}, 2,000 rounds per size by default. Prints one
 * line per figure, in microseconds.
 *
 * <p>The one class of this module that reaches into the engine's internals ({@link NativeMemory}):
 * allocation and freeing are not visible through {@code ByteStore} one at a time.
 */
public final class MemoryBackendCost {

  /** Region sizes: the smallest index table, a small table, the default segment, a large table. */
  private static final long[] SIZES = {512, 64 << 10, 1 << 20, 16 << 20};

  /** Rounds measured per size unless the first argument says otherwise. */
  private static final int DEFAULT_ROUNDS = 2_000;

  /** Bytes each busy thread keeps reading: larger than the caches, so it reads memory. */
  private static final int BUSY_BYTES = 64 << 20;

  /** Data written before a store is closed: 256 one-MiB segments. */
  private static final long STORE_DATA = 256L << 20;

  private MemoryBackendCost() {}

  /** Runs the measurements; see the class comment. */
  public static void main(String[] args) throws InterruptedException {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_ROUNDS;
    String backend = System.getProperty("cairn.memory", "(default)");
    System.out.printf(
        Locale.ROOT, "backend=%s java=%s rounds=%d%n", backend, Runtime.version(), rounds);
    for (int busy = 0; busy <= 2; busy++) {
      Busy threads = new Busy(busy);
      try {
        for (long size : SIZES) {
          measureRegions(size, rounds, busy, backend);
        }
      } finally {
        threads.stop();
      }
    }
    for (int i = 0; i < 3; i++) {
      measureStoreClose(backend);
    }
  }

  private static void measureRegions(long size, int rounds, int busy, String backend) {
    NativeMemory memory = new NativeMemory();
    long[] allocate = new long[rounds];
    long[] free = new long[rounds];
    for (int r = -rounds / 10; r < rounds; r++) { // the first tenth warms up
      long t0 = System.nanoTime();
      MemoryRegion region = memory.allocate(size, false);
      long t1 = System.nanoTime();
      region.putLong(0, r); // touched, as the engine touches what it allocates
      long t2 = System.nanoTime();
      memory.free(region);
      long t3 = System.nanoTime();
      if (r >= 0) {
        allocate[r] = t1 - t0;
        free[r] = t3 - t2;
      }
    }
    System.out.printf(
        Locale.ROOT,
        "region backend=%s size=%d busy=%d allocate_us p50=%.1f p99=%.1f free_us p50=%.1f"
            + " p90=%.1f p99=%.1f max=%.1f%n",
        backend,
        size,
        busy,
        percentile(allocate, 50),
        percentile(allocate, 99),
        percentile(free, 50),
        percentile(free, 90),
        percentile(free, 99),
        percentile(free, 100));
  }

  private static void measureStoreClose(String backend) {
    ByteStore store = ByteStore.open(StoreConfig.builder(1L << 30).segmentSize(1 << 20).build());
    byte[] value = new byte[1_024];
    long entries = STORE_DATA / value.length;
    long fillStart = System.nanoTime();
    for (long i = 0; i < entries; i++) {
      store.put(Workload.longKey(i), value, ByteStore.ETERNAL);
    }
    long fill = System.nanoTime() - fillStart;
    long committed = store.stats().committedBytes();
    long start = System.nanoTime();
    store.close();
    long close = System.nanoTime() - start;
    System.out.printf(
        Locale.ROOT,
        "store backend=%s committed_mib=%d fill_ms=%.0f close_ms=%.2f%n",
        backend,
        committed >> 20,
        fill / 1e6,
        close / 1e6);
  }

  private static double percentile(long[] nanos, int percent) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    int at = Math.min(sorted.length - 1, (int) ((long) sorted.length * percent / 100));
    return sorted[at] / 1e3;
  }

  /** Threads that read native memory in a loop until closed, as a busy cache's readers do. */
  private static final class Busy {
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong sink = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();
    private final NativeMemory memory = new NativeMemory();
    private final MemoryRegion region;

    Busy(int count) {
      region = memory.allocate(BUSY_BYTES, true);
      for (int i = 0; i < count; i++) {
        Thread thread = new Thread(this::read, "busy-reader-" + i);
        thread.setDaemon(true);
        thread.start();
        threads.add(thread);
      }
    }

    private void read() {
      long sum = 0;
      while (running.get()) {
        for (long at = 0; at < BUSY_BYTES; at += 64) {
          sum += region.getLong(at);
        }
      }
      sink.addAndGet(sum);
    }

    void stop() throws InterruptedException {
      running.set(false);
      for (Thread thread : threads) {
        thread.join();
      }
      memory.free(region);
    }
  }
}
