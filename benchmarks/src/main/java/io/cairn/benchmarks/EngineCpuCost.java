package io.cairn.benchmarks;

import io.cairn.engine.ByteStore;
import io.cairn.engine.EvictionPolicy;
import io.cairn.engine.StoreConfig;
import io.cairn.engine.ValueReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * CPU time per operation of {@link EngineBenchmark}'s {@code get}, {@code read} and {@code put},
 * one thread: the same store, keys, values and Zipf sequence, timed with the thread's CPU clock
 * ({@link ThreadMXBean#getCurrentThreadCpuTime}) instead of the wall clock, as {@code
 * peers.PeerCpuCost} does for the peers. On a machine shared with other work, a descheduled thread
 * stops its CPU clock too, so these figures move far less with the load than JMH's ops/s; cache
 * misses and page faults still count, so they are steadier, not exact. Made for comparing two JVMs
 * that differ in one thing (the memory backend, the Java version), run alternately.
 *
 * <p>Usage: {@code java -Xms1g -Xmx1g [-Dcairn.memory=unsafe|foreign] -cp benchmarks.jar
 * io.cairn.benchmarks.EngineCpuCost get|read|put [entries [segmentBytes]]}; 1,000,000 entries and
 * the engine's default segment size unless given (the segment size sets how many regions the
 * entries spread over, with which the foreign backend's read gap grows: docs/performance.md). One
 * operation per JVM, as JMH forks one per benchmark: in a JVM that ran another operation first, the
 * JIT compiles the shared lookup path with that operation's profile too. Prints {@code backend,
 * java, operation, median ns per operation, lowest, highest}, over {@link #ROUNDS} rounds of {@link
 * #OPERATIONS} operations after {@link #WARM_ROUNDS} rounds of warm-up.
 */
public final class EngineCpuCost {

  private static final int OPERATIONS = 2_000_000;
  private static final int WARM_ROUNDS = 2;
  private static final int ROUNDS = 5;

  /** Capacity: room for the entries and for every round's overwrites without cleaning. */
  private static final long CAPACITY_MIB = 4096;

  private static final ValueReader<Long> FIRST_LONG = value -> value.getLong(0);

  private EngineCpuCost() {}

  /** Runs the measurement; see the class comment. */
  public static void main(String[] args) {
    String operation = args[0];
    int entries = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    int segmentSize =
        args.length > 2 ? Integer.parseInt(args[2]) : StoreConfig.DEFAULT_SEGMENT_SIZE;
    byte[][] keys = Workload.keys16(entries);
    byte[][] values = Workload.values(EngineBenchmark.VALUE_VARIANTS, EngineBenchmark.SEED + 1);
    int[] sequence =
        ZipfSequence.generate(
            entries,
            EngineBenchmark.ZIPF_THETA,
            EngineBenchmark.SEQUENCE_LENGTH,
            EngineBenchmark.SEED);
    String backend = System.getProperty("cairn.memory", "default");
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long sink = 0;
    double[] nanos = new double[ROUNDS];
    ByteStore store = filled(keys, values, segmentSize);
    int position = 0;
    for (int round = -WARM_ROUNDS; round < ROUNDS; round++) {
      long start = threads.getCurrentThreadCpuTime();
      for (int i = 0; i < OPERATIONS; i++) {
        int at = position++ & EngineBenchmark.SEQUENCE_MASK;
        byte[] key = keys[sequence[at]];
        switch (operation) {
          case "get" -> sink += store.get(key).length;
          case "read" -> sink += store.read(key, FIRST_LONG);
          case "put" ->
              store.put(key, values[at % EngineBenchmark.VALUE_VARIANTS], ByteStore.ETERNAL);
          default -> throw new IllegalArgumentException("operation " + operation);
        }
      }
      if (round >= 0) {
        nanos[round] = (double) (threads.getCurrentThreadCpuTime() - start) / OPERATIONS;
      }
    }
    store.close();
    Arrays.sort(nanos);
    System.out.printf(
        Locale.ROOT,
        "%s,%d,%s,%.1f,%.1f,%.1f%n",
        backend,
        Runtime.version().feature(),
        operation,
        nanos[ROUNDS / 2],
        nanos[0],
        nanos[ROUNDS - 1]);
    if (sink == 42) {
      System.out.println(); // keeps the reads from being optimized away
    }
  }

  private static ByteStore filled(byte[][] keys, byte[][] values, int segmentSize) {
    ByteStore store =
        ByteStore.open(
            StoreConfig.builder(CAPACITY_MIB << 20)
                .name("cpu-cost")
                .segmentSize(segmentSize)
                .evictionPolicy(EvictionPolicy.FIFO) // EngineBenchmark's
                .build());
    for (int k = 0; k < keys.length; k++) {
      store.put(keys[k], values[k % values.length], ByteStore.ETERNAL);
    }
    Workload.requireFilled(store.stats(), keys.length, CAPACITY_MIB);
    return store;
  }
}
