package io.cairn.benchmarks.hitratio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {

  @TempDir Path dir;

  private static final EngineGeometry GEOMETRY = EngineGeometry.forEntries(1000);

  private static ResultTable table() {
    EngineFigures figures = new EngineFigures(GEOMETRY, 100, 432_384, 5, 400);
    return new ResultTable(
        List.of(
            new Result("gli", 1000, "FIFO", 1000, 400, 995, Optional.of(figures), ""),
            new Result("gli", 1000, "LRU", 1000, 500, 1000, Optional.empty(), ""),
            new Result("gli", 2000, "FIFO", 1000, 600, 1990, Optional.empty(), ""),
            new Result("gli", 2000, "LRU", 1000, 0, 1000, Optional.empty(), "failed")));
  }

  @Test
  void csv_engineAndReferenceRows_haveEveryColumn() {
    List<String> lines = Report.csv(table()).lines().toList();
    assertEquals(5, lines.size());
    int columns = lines.get(0).split(",", -1).length;
    for (String line : lines) {
      assertEquals(columns, line.split(",", -1).length, line);
    }
    assertEquals(
        "gli,1000,FIFO,1000,400,0.400000,995,,1000,100,100,10,416,4168,433440,432384,5",
        lines.get(1));
    assertEquals("gli,2000,LRU,1000,0,,1000,\"failed\",,,,,,,,,", lines.get(4));
  }

  @Test
  void markdown_table_boldsTheBestAndAveragesPerPolicy() {
    String md = Report.markdown(table(), List.of("FIFO"), "chart.png");
    assertTrue(md.contains("| gli | 1000 | 40.00 | **50.00** | 995 / 1000 |"), md);
    assertTrue(md.contains("| gli | 2000 | **60.00** | n/a |  |"), md);
    assertTrue(md.contains("FIFO 50.00 · LRU n/a"), md);
    assertTrue(md.contains("![Mean hit ratio per trace and policy](chart.png)"), md);
    assertTrue(md.contains("- gli size=2000 policy=LRU: failed: failed"), md);
  }

  @Test
  void replaceSection_existingFile_keepsTheProseAround() throws IOException {
    Path file = dir.resolve("eviction.md");
    Files.writeString(file, "intro\n" + Report.BEGIN + "\nold\n" + Report.END + "\noutro\n");
    Report.replaceSection(file, "new");
    assertEquals(
        "intro\n" + Report.BEGIN + "\nnew\n" + Report.END + "\noutro\n", Files.readString(file));
  }

  @Test
  void replaceSection_noMarkers_refuses() throws IOException {
    Path file = dir.resolve("eviction.md");
    Files.writeString(file, "prose only\n");
    assertThrows(IOException.class, () -> Report.replaceSection(file, "new"));
  }
}
