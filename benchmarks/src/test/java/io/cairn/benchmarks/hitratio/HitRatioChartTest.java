package io.cairn.benchmarks.hitratio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HitRatioChartTest {

  @TempDir Path dir;

  /** A table of {@code traces} traces at two sizes, FIFO and LRU. */
  private static ResultTable table(int traces) {
    List<Result> results = new ArrayList<>();
    for (int t = 0; t < traces; t++) {
      for (int size : new int[] {100, 200}) {
        for (String policy : List.of("FIFO", "LRU")) {
          results.add(
              new Result(
                  "t" + t, size, policy, 1000, 10L * t + size / 10, size, Optional.empty(), ""));
        }
      }
    }
    return new ResultTable(results);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 4, 5, 7, 8, 20})
  void perTraceBySize_anyTraceCount_drawsAGridOfFourColumns(int traces) throws IOException {
    Path png = dir.resolve("by-size-" + traces + ".png");
    HitRatioChart.perTraceBySize(table(traces), png); // 7 threw IndexOutOfBoundsException in XChart
    BufferedImage image = ImageIO.read(png.toFile());
    int columns = Math.min(4, traces);
    assertEquals(columns * 420, image.getWidth());
    assertEquals((traces + columns - 1) / columns * 300, image.getHeight());
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7})
  void meanPerTrace_anyTraceCount_writesAPng(int traces) throws IOException {
    Path png = dir.resolve("mean-" + traces + ".png");
    HitRatioChart.meanPerTrace(table(traces), png);
    assertEquals(620, ImageIO.read(png.toFile()).getHeight());
  }
}
