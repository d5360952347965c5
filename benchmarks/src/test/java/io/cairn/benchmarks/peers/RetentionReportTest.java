package io.cairn.benchmarks.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetentionReportTest {

  @Test
  void markdown_csvWithNumbers_groupsIntegersAndRightAlignsNumericColumns() {
    String table =
        RetentionReport.markdown(
            List.of(
                "peer,keys,lost_pct,evictions",
                "CAIRN_JCACHE,1000000,15.90,159000",
                "EHCACHE_OFFHEAP,1000000,0.00,-1"));
    assertEquals(
        "| peer | keys | lost_pct | evictions |\n"
            + "| --- | ---: | ---: | ---: |\n"
            + "| CAIRN_JCACHE | 1,000,000 | 15.90 | 159,000 |\n"
            + "| EHCACHE_OFFHEAP | 1,000,000 | 0.00 | n/a |\n",
        table);
  }

  @Test
  void render_someFilesPresent_tablesOfThoseOnlyInScenarioOrder(@TempDir Path dir)
      throws IOException {
    Files.writeString(dir.resolve("ttl.csv"), "cache,entries\nCAIRN_JCACHE,20000\n");
    Files.writeString(dir.resolve("overwrite.csv"), "peer,keys\nOHC,100000\n");
    String report = RetentionReport.render(dir);
    assertTrue(report.indexOf("overwrites") < report.indexOf("TTLs"), report);
    assertTrue(report.contains("| OHC | 100,000 |"), report);
    assertTrue(!report.contains("throughput"), report);
  }
}
