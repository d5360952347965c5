package io.cairn.benchmarks.peers;

import io.cairn.benchmarks.EngineBenchmark;
import io.cairn.benchmarks.ZipfSequence;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * CPU time per operation, one thread: the same keys, values and Zipf sequence as {@link
 * PeerBenchmark}, but timed with the thread's CPU clock ({@link
 * ThreadMXBean#getCurrentThreadCpuTime}) instead of the wall clock. On a machine shared with other
 * work, a thread that is descheduled stops its CPU clock too, so this figure moves far less with
 * the load than ops/s do; cache misses and page faults still count, and other processes still evict
 * our data from shared caches, so it is steadier, not exact.
 *
 * <p>Usage: {@code java -Xmx3g -cp benchmarks.jar io.cairn.benchmarks.peers.PeerCpuCost OPERATION
 * PEER...} with {@code get} or {@code put}. Each cache is filled, warmed for one round, then timed
 * over {@link #ROUNDS} rounds of {@link #OPERATIONS} operations; prints {@code peer, operation,
 * median ns per operation, lowest, highest} per cache.
 */
public final class PeerCpuCost {

  private static final int ENTRIES = 1_000_000;
  private static final int OPERATIONS = 2_000_000;
  private static final int ROUNDS = 3;

  private PeerCpuCost() {}

  /** Runs the measurement; see the class comment. */
  public static void main(String[] args) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    boolean get = args[0].equals("get");
    Long[] keys = new Long[ENTRIES];
    for (int i = 0; i < ENTRIES; i++) {
      keys[i] = (long) i;
    }
    int[] sequence =
        ZipfSequence.generate(
            ENTRIES,
            EngineBenchmark.ZIPF_THETA,
            EngineBenchmark.SEQUENCE_LENGTH,
            EngineBenchmark.SEED);
    Object[] values =
        ValueKind.BYTES.values(EngineBenchmark.VALUE_VARIANTS, EngineBenchmark.SEED + 1);
    for (int a = 1; a < args.length; a++) {
      Peer peer = Peer.valueOf(args[a]);
      double[] nanos = new double[ROUNDS];
      try (CacheUnderTest cache = Fill.filled(peer, ValueKind.BYTES, ENTRIES, keys, values)) {
        int position = 0;
        for (int round = -1; round < ROUNDS; round++) {
          long start = threads.getCurrentThreadCpuTime();
          for (int i = 0; i < OPERATIONS; i++) {
            Long key = keys[sequence[position++ & EngineBenchmark.SEQUENCE_MASK]];
            if (get) {
              if (cache.get(key) == null) {
                throw new IllegalStateException(peer + " missed key " + key);
              }
            } else {
              cache.put(key, values[i % values.length]);
            }
          }
          if (round >= 0) {
            nanos[round] = (double) (threads.getCurrentThreadCpuTime() - start) / OPERATIONS;
          }
        }
      }
      Arrays.sort(nanos);
      System.out.printf(
          Locale.ROOT,
          "%s,%s,%.0f,%.0f,%.0f%n",
          peer,
          args[0],
          nanos[ROUNDS / 2],
          nanos[0],
          nanos[ROUNDS - 1]);
    }
  }
}
