package io.cairn.benchmarks;

import io.cairn.engine.ByteStore;
import io.cairn.engine.StoreConfig;
import io.cairn.engine.StoreStats;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.function.LongFunction;

/**
 * Measures what an entry costs in memory: fills a store that holds them all with {@code entries}
 * entries (100-byte values that never expire) and reports the engine's own count of native bytes,
 * the JVM's count (Native Memory Tracking) and the heap left in use, once with 16-byte keys and
 * once with {@code Long} keys (8 bytes).
 *
 * <p>Usage: {@code java [-XX:NativeMemoryTracking=summary] -cp benchmarks.jar
 * io.cairn.benchmarks.Footprint [entries [capacityMiB]]}; by default 1,000,000 entries and a
 * capacity of 1024 MiB. The capacity only bounds the store: segments are committed as data arrives.
 *
 * <p>Single-threaded; the store is closed before the next key size is measured, and the native
 * memory still counted after the close is reported too (it should be none).
 */
public final class Footprint {

  /** Entries measured unless the first argument says otherwise. */
  static final int DEFAULT_ENTRIES = 1_000_000;

  /** Capacity unless the second argument says otherwise: room for 1M entries with no eviction. */
  static final long DEFAULT_CAPACITY_MIB = 1024;

  /** Distinct values written, as in {@link EngineBenchmark}. */
  private static final int VALUE_VARIANTS = 16;

  /** Seed of the values. */
  private static final long SEED = 0x5EED_F007L;

  private Footprint() {}

  /** Runs the measurement; see the class comment for the arguments. */
  public static void main(String[] args) {
    int entries = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : DEFAULT_ENTRIES;
    long capacityMiB = args.length > 1 ? Long.parseLong(args[1]) : DEFAULT_CAPACITY_MIB;
    System.out.printf(
        Locale.ROOT,
        "JVM %s (%s), max heap %d MiB, NMT %s%n%n",
        System.getProperty("java.vm.version"),
        System.getProperty("java.vm.vendor"),
        Runtime.getRuntime().maxMemory() >> 20,
        NativeMemoryTracking.otherCommittedBytes().isPresent() ? "on" : "off");
    List<Result> results = new ArrayList<>();
    results.add(measure("16-byte keys", Workload.KEY_BYTES, Workload::key16, entries, capacityMiB));
    results.add(
        measure("Long keys", Workload.LONG_KEY_BYTES, Workload::longKey, entries, capacityMiB));
    System.out.println("Bytes per entry:");
    System.out.println(
        "| keys | entries | payload | committed | beyond payload | item (live) | segment slack"
            + " | index | NMT Other | heap delta |");
    System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (Result r : results) {
      System.out.println(r.markdownRow());
    }
  }

  private static Result measure(
      String label, int keyBytes, LongFunction<byte[]> key, int entries, long capacityMiB) {
    byte[][] values = Workload.values(VALUE_VARIANTS, SEED);
    long heapBefore = usedHeapAfterGc();
    OptionalLong nativeBefore = NativeMemoryTracking.otherCommittedBytes();

    StoreConfig config = StoreConfig.builder(capacityMiB << 20).name("footprint").build();
    Result result;
    try (ByteStore store = ByteStore.open(config)) {
      for (int i = 0; i < entries; i++) {
        store.put(key.apply(i), values[i % VALUE_VARIANTS], ByteStore.ETERNAL);
      }
      StoreStats stats = store.stats();
      Workload.requireFilled(stats, entries, capacityMiB);
      long heapAfter = usedHeapAfterGc();
      OptionalLong nativeAfter = NativeMemoryTracking.otherCommittedBytes();
      result =
          new Result(
              label,
              entries,
              (long) entries * (keyBytes + Workload.VALUE_BYTES),
              stats,
              store.config().segmentSize(),
              delta(nativeBefore, nativeAfter),
              heapAfter,
              heapAfter - heapBefore);
      result.print(store.config());
    }
    OptionalLong nativeAfterClose = NativeMemoryTracking.otherCommittedBytes();
    System.out.printf(
        Locale.ROOT,
        "  NMT Other after close, delta:  %s%n%n",
        bytes(delta(nativeBefore, nativeAfterClose)));
    return result;
  }

  /** Bytes of heap in use after a full collection. */
  private static long usedHeapAfterGc() {
    // Two collections: the first may leave objects whose finalization or cleaning frees more.
    System.gc();
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static OptionalLong delta(OptionalLong before, OptionalLong after) {
    return before.isPresent() && after.isPresent()
        ? OptionalLong.of(after.getAsLong() - before.getAsLong())
        : OptionalLong.empty();
  }

  private static String bytes(OptionalLong value) {
    return value.isPresent()
        ? String.format(Locale.ROOT, "%,d B", value.getAsLong())
        : "n/a (run with -XX:NativeMemoryTracking=summary)";
  }

  /** One key size's figures. */
  private record Result(
      String label,
      long entries,
      long payloadBytes,
      StoreStats stats,
      int segmentSize,
      OptionalLong nmtOtherDelta,
      long heapUsed,
      long heapDelta) {

    double perEntry(long bytes) {
      return (double) bytes / entries;
    }

    /** Native bytes in segments, whether they hold items or not. */
    long segmentBytes() {
      return (long) segmentSize
          * (stats.freeSegments() + stats.activeSegments() + stats.sealedSegments());
    }

    /** Committed bytes outside segments: the index tables (and memory awaiting release). */
    long indexBytes() {
      return stats.committedBytes() - segmentBytes();
    }

    void print(StoreConfig config) {
      System.out.printf(Locale.ROOT, "%s, 100-byte values, eternal%n", label);
      System.out.printf(Locale.ROOT, "  store:                        %s%n", config);
      System.out.printf(Locale.ROOT, "  entries:                      %,d%n", entries);
      System.out.printf(
          Locale.ROOT,
          "  payload (key + value):        %,d B (%.1f B/entry)%n",
          payloadBytes,
          perEntry(payloadBytes));
      System.out.printf(
          Locale.ROOT,
          "  committedBytes:               %,d B (%.1f B/entry)%n",
          stats.committedBytes(),
          perEntry(stats.committedBytes()));
      System.out.printf(
          Locale.ROOT,
          "  liveBytes:                    %,d B (%.1f B/entry)%n",
          stats.liveBytes(),
          perEntry(stats.liveBytes()));
      System.out.printf(
          Locale.ROOT,
          "  beyond payload (committed):   %.1f B/entry%n",
          perEntry(stats.committedBytes() - payloadBytes));
      System.out.printf(
          Locale.ROOT,
          "    of which item headers:      %,d B (%.1f B/entry: header and alignment)%n",
          stats.liveBytes() - payloadBytes,
          perEntry(stats.liveBytes() - payloadBytes));
      System.out.printf(
          Locale.ROOT,
          "    of which segment slack:     %,d B (%.1f B/entry: segment bytes not in live items)%n",
          segmentBytes() - stats.liveBytes(),
          perEntry(segmentBytes() - stats.liveBytes()));
      System.out.printf(
          Locale.ROOT,
          "    of which index:             %,d B (%.1f B/entry: committed bytes outside segments)%n",
          indexBytes(),
          perEntry(indexBytes()));
      System.out.printf(
          Locale.ROOT,
          "  segments free/active/sealed:  %d/%d/%d%n",
          stats.freeSegments(),
          stats.activeSegments(),
          stats.sealedSegments());
      System.out.printf(
          Locale.ROOT,
          "  NMT Other committed, delta:   %s%s%n",
          bytes(nmtOtherDelta),
          nmtOtherDelta.isPresent()
              ? String.format(Locale.ROOT, " (%.1f B/entry)", perEntry(nmtOtherDelta.getAsLong()))
              : "");
      System.out.printf(
          Locale.ROOT,
          "  heap used after GC:           %,d B (delta %,d B, %.1f B/entry)%n",
          heapUsed,
          heapDelta,
          perEntry(heapDelta));
    }

    String markdownRow() {
      return String.format(
          Locale.ROOT,
          "| %s | %,d | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %s | %.1f |",
          label,
          entries,
          perEntry(payloadBytes),
          perEntry(stats.committedBytes()),
          perEntry(stats.committedBytes() - payloadBytes),
          perEntry(stats.liveBytes()),
          perEntry(segmentBytes() - stats.liveBytes()),
          perEntry(indexBytes()),
          nmtOtherDelta.isPresent()
              ? String.format(Locale.ROOT, "%.1f", perEntry(nmtOtherDelta.getAsLong()))
              : "n/a",
          perEntry(heapDelta));
    }
  }
}
