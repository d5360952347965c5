package io.cairn.benchmarks.hitratio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/**
 * One trace file and the cache sizes (in entries) it is replayed at.
 *
 * @param name a short name: the original file name without format prefix and extension
 * @param path where the file is
 * @param format how to read it
 * @param sizes cache sizes in entries, ascending
 */
record Trace(String name, Path path, TraceFormat format, List<Integer> sizes) {

  /**
   * Cache sizes per trace: four that span the trace's working set (its distinct keys, from the
   * README), including the sizes of the README's reference figures (gli, multi1, multi3, sprite,
   * loop, zigzag, web07 at 1000; orm-busy at 5000) and the W-TinyLFU figures for gli (250-2000).
   */
  static final Map<String, List<Integer>> SIZES =
      Map.ofEntries(
          Map.entry("2_pools", List.of(500, 1000, 2500, 5000)),
          Map.entry("backf", List.of(100, 200, 400, 600)),
          Map.entry("cpp", List.of(100, 250, 500, 1000)),
          Map.entry("cs", List.of(100, 250, 500, 1000)),
          Map.entry("gli", List.of(250, 500, 1000, 2000)),
          Map.entry("loop", List.of(250, 500, 750, 1000)),
          Map.entry("multi1", List.of(250, 500, 1000, 2000)),
          Map.entry("multi2", List.of(500, 1000, 2000, 4000)),
          Map.entry("multi3", List.of(500, 1000, 2000, 4000)),
          Map.entry("ps", List.of(250, 500, 1000, 2000)),
          Map.entry("scan", List.of(250, 500, 1000, 1500)),
          Map.entry("sprite", List.of(100, 250, 500, 1000)),
          Map.entry("zigzag", List.of(250, 500, 1000, 1500)),
          Map.entry("web07", List.of(500, 1000, 2500, 5000)),
          Map.entry("web12", List.of(500, 1000, 2500, 5000)),
          Map.entry("orm-busy", List.of(1000, 2500, 5000, 10000)),
          Map.entry("request", List.of(1000, 2500, 5000, 10000)),
          Map.entry("gzip", List.of(2500, 10000, 25000, 50000)),
          Map.entry("swim", List.of(1000, 2500, 5000, 10000)),
          Map.entry("cloudPhysicsIO", List.of(1000, 2500, 5000, 10000)));

  /** Sizes for a trace missing from {@link #SIZES}. */
  private static final List<Integer> DEFAULT_SIZES = List.of(250, 500, 1000, 2500);

  Trace {
    sizes = List.copyOf(sizes);
  }

  /** Streams the trace's keys to {@code keys}. */
  void replay(LongConsumer keys) throws IOException {
    format.read(path, keys);
  }

  /** The trace in file {@code path}, named and sized from its file name. */
  static Trace of(Path path) {
    String fileName = String.valueOf(path.getFileName());
    TraceFormat format = TraceFormat.ofFileName(fileName);
    String name = fileName.substring(fileName.indexOf("__") + 2);
    name = name.replaceFirst("\\.gz$|\\.xz$", "").replaceFirst("\\.trace$|\\.txt$", "");
    return new Trace(name, path, format, SIZES.getOrDefault(name, DEFAULT_SIZES));
  }

  /**
   * Every trace in {@code directory}, by file name: the compressed files named {@code
   * <format>__<name>.gz|.xz} (the READMEs and the licence beside them are plain text).
   */
  static List<Trace> in(Path directory) throws IOException {
    List<Trace> traces = new ArrayList<>();
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : (Iterable<Path>) files.sorted()::iterator) {
        String name = String.valueOf(file.getFileName());
        if (name.matches("[a-z0-9_]+__.+\\.(gz|xz)")) {
          traces.add(of(file));
        }
      }
    }
    if (traces.isEmpty()) {
      throw new IOException("directory=" + directory + " holds no trace files");
    }
    return traces;
  }
}
