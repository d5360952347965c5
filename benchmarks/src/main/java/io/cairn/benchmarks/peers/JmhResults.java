package io.cairn.benchmarks.peers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rows of JMH's CSV result files ({@code -rf csv}) for {@link PeerBenchmark}: one per
 * benchmark, parameter set and thread count, with the score, its 99.9% error and the allocation per
 * operation that {@code -prof gc} adds as a secondary row.
 */
final class JmhResults {

  /** One measured figure: ops/s and its error, bytes allocated per operation (NaN if unknown). */
  record Row(
      String operation,
      Peer peer,
      ValueKind values,
      int threads,
      double score,
      double error,
      double allocated) {}

  private final List<Row> rows;

  private JmhResults(List<Row> rows) {
    this.rows = rows;
  }

  /** Reads every {@code jmh-*.csv} in {@code dir}. */
  static JmhResults read(Path dir) throws IOException {
    List<Row> rows = new ArrayList<>();
    List<Path> files;
    try (var stream = Files.list(dir)) {
      files =
          stream.filter(p -> p.getFileName().toString().matches("jmh-.*\\.csv")).sorted().toList();
    }
    for (Path file : files) {
      List<String> lines = Files.readAllLines(file);
      List<String> header = fields(lines.get(0));
      int peerColumn = header.indexOf("Param: peer");
      int valuesColumn = header.indexOf("Param: values");
      Map<String, double[]> scores = new LinkedHashMap<>(); // key -> score, error, allocated
      for (String line : lines.subList(1, lines.size())) {
        List<String> f = fields(line);
        String[] metric = f.get(0).split(":", 2); // "...PeerBenchmark.get[:gc.alloc.rate.norm]"
        metric[0] = metric[0].substring(metric[0].lastIndexOf('.') + 1);
        String key = String.join(",", metric[0], f.get(peerColumn), f.get(valuesColumn), f.get(2));
        double score = Double.parseDouble(f.get(4));
        double error = Double.parseDouble(f.get(5)); // NaN when there were too few iterations
        if (metric.length == 1) {
          scores.put(key, new double[] {score, Double.isNaN(error) ? 0 : error, Double.NaN});
        } else if (metric[1].equals("gc.alloc.rate.norm") && scores.containsKey(key)) {
          scores.get(key)[2] = score;
        }
      }
      scores.forEach(
          (key, v) -> {
            String[] k = key.split(",");
            rows.add(
                new Row(
                    k[0],
                    Peer.valueOf(k[1]),
                    ValueKind.valueOf(k[2]),
                    Integer.parseInt(k[3]),
                    v[0],
                    v[1],
                    v[2]));
          });
    }
    return new JmhResults(rows);
  }

  private static List<String> fields(String line) {
    List<String> fields = new ArrayList<>();
    for (String field : line.split(",", -1)) {
      fields.add(field.replace("\"", "").trim());
    }
    return fields;
  }

  /** The figure of {@code operation} for {@code peer}, or empty if it was not run. */
  Optional<Row> find(String operation, Peer peer, ValueKind values, int threads) {
    return rows.stream()
        .filter(
            r ->
                r.operation().equals(operation)
                    && r.peer() == peer
                    && r.values() == values
                    && r.threads() == threads)
        .findFirst();
  }

  /** Whether any figure was measured with {@code values} for {@code operation}, {@code threads}. */
  boolean has(String operation, ValueKind values, int threads) {
    return rows.stream()
        .anyMatch(
            r -> r.operation().equals(operation) && r.values() == values && r.threads() == threads);
  }
}
