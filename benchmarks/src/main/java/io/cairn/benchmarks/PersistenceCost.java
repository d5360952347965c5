package io.cairn.benchmarks;

import io.cairn.engine.ByteStore;
import io.cairn.engine.Persistence;
import io.cairn.engine.StoreConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * What persistence costs and what it buys: put throughput with persistence on and off, alternating
 * in one run, then the time a closed store takes to open again with all its entries.
 *
 * <p>Usage: {@code java -Xmx1g -cp benchmarks.jar io.cairn.benchmarks.PersistenceCost [entries
 * [rounds [directory]]]}; by default 1,000,000 entries of a {@code Long} key and a 100-byte value,
 * 3 rounds, and a directory under {@code java.io.tmpdir}, deleted at the end. Each round fills a
 * fresh store without persistence and one with it (one-second flushes, as by default), then closes
 * the persistent one (its last flush) and opens it again, timing the restore. Single-threaded.
 */
public final class PersistenceCost {

  /** Bytes of each value. */
  private static final int VALUE_BYTES = 100;

  private PersistenceCost() {}

  /** Runs the measurement; see the class comment. */
  public static void main(String[] args) throws IOException {
    int entries = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 1_000_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    Path directory =
        args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("cairn-persistence-cost");
    long capacity = Math.max(64L << 20, entries * 200L);
    byte[][] values = new byte[16][VALUE_BYTES];
    for (int i = 0; i < values.length; i++) {
      for (int j = 0; j < VALUE_BYTES; j++) {
        values[i][j] = (byte) (i * 31 + j * 7);
      }
    }
    System.out.printf(
        Locale.ROOT,
        "JVM %s, %d entries of a Long key and a %d-byte value, capacity %d MiB, directory %s%n",
        System.getProperty("java.vm.version"),
        entries,
        VALUE_BYTES,
        capacity >> 20,
        directory);
    System.out.println(
        "| round | puts/s, memory only | puts/s, persistent | close (last flush) ms | files MiB"
            + " | restore ms | entries/s | MiB/s |");
    System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
    for (int round = 1; round <= rounds; round++) {
      StoreConfig.Builder base = StoreConfig.builder(capacity);
      double memoryOnly;
      try (ByteStore store = ByteStore.open(base.build())) {
        memoryOnly = fill(store, entries, values);
      }
      Persistence.delete(directory);
      StoreConfig persistent = base.persistence(Persistence.in(directory)).build();
      ByteStore store = ByteStore.open(persistent);
      double withPersistence = fill(store, entries, values);
      long closeStart = System.nanoTime();
      store.close();
      long closeMillis = (System.nanoTime() - closeStart) / 1_000_000;
      long fileBytes = sizeOf(directory);
      long restoreStart = System.nanoTime();
      long restored;
      try (ByteStore reopened = ByteStore.open(persistent)) {
        long restoreNanos = System.nanoTime() - restoreStart;
        restored = reopened.size();
        if (restored != entries) {
          throw new IllegalStateException("restored " + restored + " of " + entries + " entries");
        }
        System.out.printf(
            Locale.ROOT,
            "| %d | %,.0f | %,.0f | %d | %.1f | %d | %,.0f | %.1f |%n",
            round,
            memoryOnly,
            withPersistence,
            closeMillis,
            fileBytes / (double) (1 << 20),
            restoreNanos / 1_000_000,
            restored / (restoreNanos / 1e9),
            fileBytes / (double) (1 << 20) / (restoreNanos / 1e9));
      }
    }
    Persistence.delete(directory);
  }

  /** Puts {@code entries} entries; returns puts per second. */
  private static double fill(ByteStore store, int entries, byte[][] values) {
    long start = System.nanoTime();
    for (int i = 0; i < entries; i++) {
      store.put(Workload.longKey(i), values[i & 15], ByteStore.ETERNAL);
    }
    return entries / ((System.nanoTime() - start) / 1e9);
  }

  private static long sizeOf(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.mapToLong(f -> f.toFile().length()).sum();
    }
  }
}
