package io.cairn.benchmarks.hitratio;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Writes a {@link ResultTable} out: the raw CSV, and the Markdown that goes between the results
 * markers of {@code docs/eviction.md}.
 */
final class Report {

  /** Opens the generated part of the Markdown file. */
  static final String BEGIN = "<!-- results:begin -->";

  /** Closes the generated part of the Markdown file. */
  static final String END = "<!-- results:end -->";

  private static final String CSV_HEADER =
      "trace,size,policy,requests,hits,hit_ratio,entries,failure,"
          + "engine_entries_capacity,engine_segments,engine_segments_held,engine_items_per_segment,"
          + "engine_item_size,engine_segment_size,engine_capacity_bytes,engine_committed_bytes,"
          + "engine_evictions";

  private Report() {}

  /** The results, one line each, with the engine's sizing and sanity figures. */
  static String csv(ResultTable table) {
    StringBuilder out = new StringBuilder(CSV_HEADER).append('\n');
    for (Result r : table.results()) {
      out.append(r.trace())
          .append(',')
          .append(r.size())
          .append(',')
          .append(r.policy())
          .append(',')
          .append(r.requests())
          .append(',')
          .append(r.hits())
          .append(',')
          .append(
              Double.isNaN(r.hitRatio()) ? "" : String.format(Locale.ROOT, "%.6f", r.hitRatio()))
          .append(',')
          .append(r.entries())
          .append(',')
          .append(quote(r.failure()));
      Optional<EngineFigures> engine = r.engine();
      if (engine.isPresent()) {
        EngineFigures e = engine.get();
        EngineGeometry g = e.geometry();
        out.append(',').append(g.entries());
        out.append(',').append(g.segments());
        out.append(',').append(e.segmentsHeld());
        out.append(',').append(g.itemsPerSegment());
        out.append(',').append(g.itemSize());
        out.append(',').append(g.segmentSize());
        out.append(',').append(g.capacityBytes());
        out.append(',').append(e.committedBytes());
        out.append(',').append(e.evictions());
      } else {
        out.append(",".repeat(9));
      }
      out.append('\n');
    }
    return out.toString();
  }

  private static String quote(String field) {
    if (field.isEmpty()) {
      return field;
    }
    return '"' + field.replace("\"", "\"\"").replace('\n', ' ') + '"';
  }

  /** The generated Markdown: results table, means, reference comparison, chart, sanity. */
  static String markdown(ResultTable table, List<String> enginePolicies, String chartFile) {
    List<String> policies = table.policies();
    StringBuilder md = new StringBuilder();
    md.append("Hit ratio in % (hits / requests); the best of each row in bold. Engine policies: ")
        .append(String.join(", ", enginePolicies))
        .append(". Engine entries: the fewest and most entries the engine policies held at the")
        .append(" end, against the entries their segments can hold.\n\n");
    md.append("| trace | size | ")
        .append(String.join(" | ", policies))
        .append(" | engine entries |\n");
    md.append("|---|---:|").append("---:|".repeat(policies.size())).append("---:|\n");
    for (ResultTable.Row row : table.rows()) {
      double best =
          policies.stream()
              .mapToDouble(row::hitRatio)
              .filter(d -> !Double.isNaN(d))
              .max()
              .orElse(0);
      md.append("| ").append(row.trace()).append(" | ").append(row.size()).append(" |");
      for (String policy : policies) {
        double ratio = row.hitRatio(policy);
        String cell = percent(ratio);
        md.append(' ').append(!Double.isNaN(ratio) && ratio == best ? "**" + cell + "**" : cell);
        md.append(" |");
      }
      md.append(' ').append(engineEntries(row, enginePolicies)).append(" |\n");
    }
    md.append("\n**Mean hit ratio** over all ")
        .append(table.rows().size())
        .append(" trace/size pairs: ")
        .append(
            policies.stream()
                .map(p -> p + " " + percent(table.mean(p)))
                .collect(Collectors.joining(" · ")))
        .append(".\n\n");
    md.append(ReferenceComparison.markdown(table, enginePolicies));
    md.append("\n![Mean hit ratio per trace and policy](").append(chartFile).append(")\n\n");
    List<String> problems = table.problems();
    if (problems.isEmpty()) {
      md.append("Sanity: every engine replay ended holding exactly the segments it was sized for,")
          .append(" never more entries than they hold, and the store's hit counter agreed with the")
          .append(" simulator's.\n");
    } else {
      md.append("Problems found:\n\n");
      problems.forEach(p -> md.append("- ").append(p).append('\n'));
    }
    return md.toString();
  }

  private static String engineEntries(ResultTable.Row row, List<String> enginePolicies) {
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    long capacity = 0;
    for (String policy : enginePolicies) {
      Result r = row.byPolicy().get(policy);
      if (r != null && r.engine().isPresent()) {
        min = Math.min(min, r.entries());
        max = Math.max(max, r.entries());
        capacity = r.engine().get().geometry().entries();
      }
    }
    if (capacity == 0) {
      return "";
    }
    return (min == max ? Long.toString(min) : min + "–" + max) + " / " + capacity;
  }

  /** A ratio as a percentage with two decimals, or "n/a". */
  static String percent(double ratio) {
    return Double.isNaN(ratio) ? "n/a" : String.format(Locale.ROOT, "%.2f", 100 * ratio);
  }

  /**
   * Replaces what lies between {@link #BEGIN} and {@link #END} in {@code file} with {@code
   * generated}; creates the file with just the markers and the content if it does not exist.
   */
  static void replaceSection(Path file, String generated) throws IOException {
    String text =
        Files.exists(file)
            ? Files.readString(file, StandardCharsets.UTF_8)
            : "# Eviction policies on real traces\n\n" + BEGIN + "\n" + END + "\n";
    int begin = text.indexOf(BEGIN);
    int end = text.indexOf(END);
    if (begin < 0 || end < begin) {
      throw new IOException(
          "file=" + file + " lacks the markers " + BEGIN + " ... " + END + " in that order");
    }
    String updated =
        text.substring(0, begin + BEGIN.length())
            + "\n"
            + generated
            + (generated.endsWith("\n") ? "" : "\n")
            + text.substring(end);
    Files.writeString(file, updated, StandardCharsets.UTF_8);
  }
}
