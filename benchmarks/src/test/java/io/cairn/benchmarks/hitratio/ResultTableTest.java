package io.cairn.benchmarks.hitratio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResultTableTest {

  private static Result result(String trace, int size, String policy, long hits, String failure) {
    return new Result(trace, size, policy, 100, hits, size, Optional.empty(), failure);
  }

  private static final ResultTable TABLE =
      new ResultTable(
          List.of(
              result("b", 10, "FIFO", 10, ""),
              result("b", 10, "LRU", 20, ""),
              result("b", 20, "FIFO", 30, ""),
              result("b", 20, "LRU", 40, ""),
              result("a", 10, "FIFO", 50, ""),
              result("a", 10, "LRU", 0, "boom")));

  @Test
  void rows_keepTheOrderResultsCameIn() {
    assertEquals(List.of("b", "a"), TABLE.traces());
    assertEquals(List.of("FIFO", "LRU"), TABLE.policies());
    assertEquals(3, TABLE.rows().size());
    assertEquals(20, TABLE.rows().get(1).size());
    assertEquals(0.5, TABLE.row("a", 10).orElseThrow().hitRatio("FIFO"));
    assertTrue(TABLE.row("a", 20).isEmpty());
  }

  @Test
  void mean_overAllRowsOrOneTrace() {
    assertEquals(0.3, TABLE.mean("FIFO"), 1e-12);
    assertEquals(0.2, TABLE.mean("FIFO", "b"), 1e-12);
    assertEquals(0.3, TABLE.mean("LRU", "b"), 1e-12);
  }

  @Test
  void mean_withAFailedRow_isNaN() {
    assertTrue(Double.isNaN(TABLE.mean("LRU")));
    assertTrue(Double.isNaN(TABLE.mean("LRU", "a")));
    assertTrue(Double.isNaN(TABLE.row("b", 10).orElseThrow().hitRatio("Caffeine")));
  }

  @Test
  void problems_nameTheFailedReplay() {
    assertEquals(List.of("a size=10 policy=LRU: failed: boom"), TABLE.problems());
  }
}
