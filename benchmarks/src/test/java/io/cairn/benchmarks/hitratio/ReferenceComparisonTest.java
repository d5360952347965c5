package io.cairn.benchmarks.hitratio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReferenceComparisonTest {

  private static Result result(String trace, int size, String policy, long hits) {
    return new Result(trace, size, policy, 10_000, hits, size, Optional.empty(), "");
  }

  @Test
  void markdown_referencePair_setBesideTheReadmeFigures() {
    ResultTable table =
        new ResultTable(
            List.of(
                result("gli", 1000, "FIFO", 1114),
                result("gli", 1000, "LRU", 1121),
                result("gli", 1000, "S3-FIFO", 3510),
                result("gli", 1000, "Caffeine", 5081),
                result("gli", 500, "FIFO", 95)));

    String md = ReferenceComparison.markdown(table, List.of("FIFO"));

    assertTrue(
        md.contains("| gli | 1000 | 11.21 | *11.21* | 35.10 | *35.05* | *53.13* | 50.81 | 11.14 |"),
        md);
    assertEquals(3, md.lines().filter(line -> line.startsWith("|")).count(), md);
  }

  @Test
  void markdown_noReferencePair_isEmpty() {
    ResultTable table = new ResultTable(List.of(result("gli", 500, "LRU", 95)));
    assertEquals("", ReferenceComparison.markdown(table, List.of()));
  }
}
