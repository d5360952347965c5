package io.cairn.benchmarks.peers;

import io.cairn.benchmarks.EngineBenchmark;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Whether a cache bounded in bytes keeps the live data that fits in its bound (issue #10): one run
 * per JVM, its result appended as a CSV line to a file in the output directory (with a header line
 * when the file is new) and printed.
 *
 * <ul>
 *   <li>{@code overwrite OUT PEER BOUND_MIB KEYS OVERWRITES}: {@link RetentionOverwrites}, keys
 *       lost to overwrites at a bound, to {@code overwrite.csv}.
 *   <li>{@code fillcost OUT PEER BOUND_MIB LIVE_PERCENT PUTS}: {@link RetentionFillCost}, put
 *       throughput with the bound that full of live data, to {@code fillcost.csv}.
 *   <li>{@code ttl OUT ENTRIES spread|fixed}: {@link RetentionTtls}, entries with varying (or one
 *       fixed) time-to-live in a default Cairn cache, to {@code ttl.csv}.
 *   <li>{@code report OUT}: {@link RetentionReport}, the CSV files as Markdown tables.
 * </ul>
 *
 * <p>{@code PEER} is a {@link Peer} bounded in bytes: {@code CAIRN_JCACHE}, {@code
 * EHCACHE_OFFHEAP}, {@code OHC} (or {@code CAIRN_ENGINE}). Counts may be written {@code 1_000_000}.
 * Keys are {@code Long}s boxed on every operation, as a caller's would be; values are the 16
 * 100-byte {@code byte[]} of {@link EngineBenchmark#VALUE_VARIANTS}, reused. {@code
 * benchmarks/run-retention.sh} runs every scenario, each in a fresh JVM.
 */
public final class Retention {

  /** Seed of every random choice: a run repeats its key sequences exactly. */
  static final long SEED = EngineBenchmark.SEED;

  private Retention() {}

  /** Runs one scenario or the report; see the class comment. */
  public static void main(String[] args) {
    if (args.length < 2) {
      throw usage();
    }
    Path out = Path.of(args[1]);
    switch (args[0]) {
      case "overwrite" -> {
        requireArgs(args, 6);
        record(
            out,
            "overwrite.csv",
            RetentionOverwrites.HEADER,
            RetentionOverwrites.run(
                Peer.valueOf(args[2]), count(args[3]), count(args[4]), count(args[5])));
      }
      case "fillcost" -> {
        requireArgs(args, 6);
        record(
            out,
            "fillcost.csv",
            RetentionFillCost.HEADER,
            RetentionFillCost.run(
                Peer.valueOf(args[2]), count(args[3]), count(args[4]), count(args[5])));
      }
      case "ttl" -> {
        requireArgs(args, 4);
        record(
            out,
            "ttl.csv",
            RetentionTtls.HEADER,
            RetentionTtls.run(count(args[2]), RetentionTtls.Expiry.valueOf(args[3].toUpperCase())));
      }
      case "report" -> System.out.print(RetentionReport.render(out));
      default -> throw usage();
    }
  }

  /** Every value the scenarios write, reused: 16 arrays of 100 random bytes. */
  static Object[] values() {
    return ValueKind.BYTES.values(EngineBenchmark.VALUE_VARIANTS, SEED + 1);
  }

  /** How many of keys {@code 0..keys-1} {@code cache} still holds, each looked up once. */
  static int present(CacheUnderTest cache, int keys) {
    int present = 0;
    for (int k = 0; k < keys; k++) {
      if (cache.get(Long.valueOf(k)) != null) {
        present++;
      }
    }
    return present;
  }

  /** Seconds since {@code startNanos}. */
  static double secondsSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private static void record(Path dir, String file, String header, String line) {
    Path csv = dir.resolve(file);
    try {
      Files.createDirectories(dir);
      String text = (Files.exists(csv) ? "" : header + "\n") + line + "\n";
      Files.writeString(
          csv, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + csv, e);
    }
    System.out.println(line);
  }

  private static int count(String arg) {
    return Integer.parseInt(arg.replace("_", ""));
  }

  private static void requireArgs(String[] args, int length) {
    if (args.length != length) {
      throw usage();
    }
  }

  private static IllegalArgumentException usage() {
    return new IllegalArgumentException(
        "usage: Retention overwrite OUT PEER BOUND_MIB KEYS OVERWRITES"
            + " | fillcost OUT PEER BOUND_MIB LIVE_PERCENT PUTS"
            + " | ttl OUT ENTRIES spread|fixed | report OUT");
  }
}
