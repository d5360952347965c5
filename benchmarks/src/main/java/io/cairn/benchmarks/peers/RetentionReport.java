package io.cairn.benchmarks.peers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The CSV files of {@link Retention} as Markdown tables, one per scenario that ran, in the order of
 * the scenarios: columns named as in the CSV header, numbers right-aligned, integers grouped by
 * thousands, -1 (the cache does not say) shown as {@code n/a}.
 */
final class RetentionReport {

  /** Each file the report knows, with its table's title. */
  private static final List<String[]> TABLES =
      List.of(
          new String[] {"overwrite.csv", "Keys lost to overwrites"},
          new String[] {"fillcost.csv", "Put throughput with live data at a share of the bound"},
          new String[] {"ttl.csv", "Varying TTLs in a default (64 MiB) Cairn cache"});

  private static final Pattern INTEGER = Pattern.compile("-?\\d+");
  private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

  private RetentionReport() {}

  /** The tables of the files present in {@code dir}. */
  static String render(Path dir) {
    StringBuilder out = new StringBuilder();
    for (String[] table : TABLES) {
      Path csv = dir.resolve(table[0]);
      if (Files.exists(csv)) {
        try {
          List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
          out.append("### ").append(table[1]).append("\n\n").append(markdown(lines)).append('\n');
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read " + csv, e);
        }
      }
    }
    return out.toString();
  }

  /** One Markdown table of a CSV header line and its rows. */
  static String markdown(List<String> csv) {
    String[] header = csv.get(0).split(",", -1);
    StringBuilder out = new StringBuilder();
    row(out, header);
    String[] rule = new String[header.length];
    for (int c = 0; c < header.length; c++) {
      boolean numeric = csv.size() > 1 && NUMBER.matcher(cell(csv.get(1), c)).matches();
      rule[c] = numeric ? "---:" : "---";
    }
    row(out, rule);
    for (String line : csv.subList(1, csv.size())) {
      row(
          out,
          Arrays.stream(line.split(",", -1)).map(RetentionReport::shown).toArray(String[]::new));
    }
    return out.toString();
  }

  private static String cell(String line, int column) {
    String[] cells = line.split(",", -1);
    return column < cells.length ? cells[column] : "";
  }

  private static String shown(String cell) {
    if (cell.equals("-1")) {
      return "n/a";
    }
    return INTEGER.matcher(cell).matches()
        ? String.format(Locale.ROOT, "%,d", Long.parseLong(cell))
        : cell;
  }

  private static void row(StringBuilder out, String[] cells) {
    out.append('|');
    for (String cell : cells) {
      out.append(' ').append(cell).append(" |");
    }
    out.append('\n');
  }
}
