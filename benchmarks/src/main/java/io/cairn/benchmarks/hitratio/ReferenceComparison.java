package io.cairn.benchmarks.hitratio;

import java.util.List;

/** The Markdown table that sets the replay beside the traces README's reference figures. */
final class ReferenceComparison {

  private ReferenceComparison() {}

  /** The table, or an empty string if none of the reference pairs was replayed. */
  static String markdown(ResultTable table, List<String> enginePolicies) {
    StringBuilder md = new StringBuilder();
    int matched = 0;
    for (ReferenceFigure ref : ReferenceFigure.README) {
      var row = table.row(ref.trace(), ref.size());
      if (row.isEmpty()) {
        continue;
      }
      if (matched++ == 0) {
        md.append(
                "Beside the traces README's reference figures (%; README columns in italics):\n\n")
            .append("| trace | size | LRU | *README LRU* | S3-FIFO | *README S3-FIFO* | *Belady* |")
            .append(" Caffeine | ")
            .append(String.join(" | ", enginePolicies))
            .append(" |\n|---|---:|---:|---:|---:|---:|---:|---:|")
            .append("---:|".repeat(enginePolicies.size()))
            .append('\n');
      }
      ResultTable.Row r = row.get();
      md.append("| ").append(ref.trace()).append(" | ").append(ref.size());
      md.append(" | ").append(Report.percent(r.hitRatio("LRU")));
      md.append(" | *").append(format(ref.lru())).append('*');
      md.append(" | ").append(Report.percent(r.hitRatio("S3-FIFO")));
      md.append(" | *").append(format(ref.s3fifo())).append('*');
      md.append(" | *").append(format(ref.belady())).append('*');
      md.append(" | ").append(Report.percent(r.hitRatio("Caffeine")));
      for (String policy : enginePolicies) {
        md.append(" | ").append(Report.percent(r.hitRatio(policy)));
      }
      md.append(" |\n");
    }
    return md.toString();
  }

  private static String format(double percent) {
    return Report.percent(percent / 100);
  }
}
