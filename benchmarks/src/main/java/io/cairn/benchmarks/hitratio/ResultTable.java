package io.cairn.benchmarks.hitratio;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Results pivoted to one row per trace and size with a column per policy, in the order the results
 * came (traces as listed, sizes ascending, policies as configured).
 */
final class ResultTable {

  /** One trace at one size, with each policy's result. */
  record Row(String trace, int size, Map<String, Result> byPolicy) {

    Row {
      byPolicy = Map.copyOf(byPolicy);
    }

    /** The policy's hit ratio, or NaN if it has no result or failed. */
    double hitRatio(String policy) {
      Result result = byPolicy.get(policy);
      return result == null ? Double.NaN : result.hitRatio();
    }
  }

  private final List<Result> results;
  private final List<String> policies;
  private final List<String> traces;
  private final List<Row> rows;

  ResultTable(List<Result> results) {
    this.results = List.copyOf(results);
    Set<String> policyNames = new LinkedHashSet<>();
    Set<String> traceNames = new LinkedHashSet<>();
    Map<String, Map<String, Result>> grouped = new LinkedHashMap<>();
    for (Result r : results) {
      policyNames.add(r.policy());
      traceNames.add(r.trace());
      grouped
          .computeIfAbsent(key(r.trace(), r.size()), k -> new LinkedHashMap<>())
          .put(r.policy(), r);
    }
    this.policies = List.copyOf(policyNames);
    this.traces = List.copyOf(traceNames);
    List<Row> pivoted = new ArrayList<>();
    for (Map<String, Result> byPolicy : grouped.values()) {
      Result any = byPolicy.values().iterator().next();
      pivoted.add(new Row(any.trace(), any.size(), byPolicy));
    }
    this.rows = List.copyOf(pivoted);
  }

  private static String key(String trace, int size) {
    return trace + '\u0000' + size;
  }

  List<Result> results() {
    return results;
  }

  List<String> policies() {
    return policies;
  }

  List<String> traces() {
    return traces;
  }

  List<Row> rows() {
    return rows;
  }

  Optional<Row> row(String trace, int size) {
    return rows.stream().filter(r -> r.trace().equals(trace) && r.size() == size).findFirst();
  }

  /** The policy's mean hit ratio over every row; NaN if any of them failed. */
  double mean(String policy) {
    return mean(policy, row -> true);
  }

  /** The policy's mean hit ratio over the sizes of {@code trace}; NaN if any of them failed. */
  double mean(String policy, String trace) {
    return mean(policy, row -> row.trace().equals(trace));
  }

  private double mean(String policy, Predicate<Row> rowFilter) {
    double sum = 0;
    int count = 0;
    for (Row row : rows) {
      if (rowFilter.test(row)) {
        double ratio = row.hitRatio(policy);
        if (Double.isNaN(ratio)) {
          return Double.NaN; // a mean over fewer rows would not compare with the others
        }
        sum += ratio;
        count++;
      }
    }
    return count == 0 ? Double.NaN : sum / count;
  }

  /** Every problem any result reports. */
  List<String> problems() {
    List<String> problems = new ArrayList<>();
    for (Result r : results) {
      problems.addAll(r.problems());
    }
    return problems;
  }
}
