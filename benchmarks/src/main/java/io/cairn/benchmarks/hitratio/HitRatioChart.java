package io.cairn.benchmarks.hitratio;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.ChartEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler.LegendPosition;

/** Draws the results with XChart, headless, to PNG files. */
final class HitRatioChart {

  private HitRatioChart() {}

  /**
   * A grouped bar chart: for each trace, each policy's hit ratio averaged over the trace's sizes.
   */
  static void meanPerTrace(ResultTable table, Path png) throws IOException {
    List<String> traces = table.traces();
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(Math.max(1000, 110 * traces.size()))
            .height(620)
            .title("Hit ratio per trace, mean over the trace's cache sizes")
            .xAxisTitle("trace")
            .yAxisTitle("hit ratio (%)")
            .build();
    chart.getStyler().setLegendPosition(LegendPosition.OutsideE);
    chart.getStyler().setXAxisLabelRotation(40);
    chart.getStyler().setAvailableSpaceFill(0.85);
    chart.getStyler().setYAxisMin(0.0);
    chart.getStyler().setYAxisMax(100.0);
    chart.getStyler().setYAxisDecimalPattern("#");
    for (String policy : table.policies()) {
      List<Double> values = new ArrayList<>();
      for (String trace : traces) {
        values.add(asPercent(table.mean(policy, trace)));
      }
      chart.addSeries(policy, traces, values);
    }
    try (OutputStream out = Files.newOutputStream(png)) {
      ChartEncoder.saveChart(chart, out, "png");
    }
  }

  /** Columns of the by-size grid: four small charts side by side. */
  private static final int GRID_COLUMNS = 4;

  /** The size of one chart of the by-size grid, in pixels. */
  private static final int CELL_WIDTH = 420;

  private static final int CELL_HEIGHT = 300;

  /**
   * A grid of small line charts, one per trace: hit ratio against cache size per policy, {@value
   * #GRID_COLUMNS} to a row, the last row's empty cells left white.
   */
  static void perTraceBySize(ResultTable table, Path png) throws IOException {
    List<XYChart> charts = new ArrayList<>();
    for (String trace : table.traces()) {
      XYChart chart =
          new XYChartBuilder()
              .width(CELL_WIDTH)
              .height(CELL_HEIGHT)
              .title(trace)
              .xAxisTitle("cache size (entries)")
              .yAxisTitle("hit ratio (%)")
              .build();
      chart.getStyler().setLegendVisible(charts.isEmpty());
      chart.getStyler().setLegendPosition(LegendPosition.InsideNW);
      chart.getStyler().setYAxisDecimalPattern("#.#");
      for (String policy : table.policies()) {
        List<Integer> sizes = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (ResultTable.Row row : table.rows()) {
          if (row.trace().equals(trace)) {
            sizes.add(row.size());
            values.add(asPercent(row.hitRatio(policy)));
          }
        }
        chart.addSeries(policy, sizes, values);
      }
      charts.add(chart);
    }
    // XChart's own grid (BitmapEncoder.saveBitmap with rows and columns) reads a chart for every
    // cell and throws IndexOutOfBoundsException when the last row is not full (7 traces): draw
    // the grid here instead.
    int columns = Math.max(1, Math.min(GRID_COLUMNS, charts.size()));
    int rows = Math.max(1, (charts.size() + columns - 1) / columns);
    BufferedImage grid =
        new BufferedImage(columns * CELL_WIDTH, rows * CELL_HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = grid.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, grid.getWidth(), grid.getHeight());
      for (int i = 0; i < charts.size(); i++) {
        BufferedImage cell = BitmapEncoder.getBufferedImage(charts.get(i));
        g.drawImage(cell, (i % columns) * CELL_WIDTH, (i / columns) * CELL_HEIGHT, null);
      }
    } finally {
      g.dispose();
    }
    try (OutputStream out = Files.newOutputStream(png)) {
      if (!ImageIO.write(grid, "png", out)) {
        throw new IOException("no PNG writer for " + png);
      }
    }
  }

  /** A ratio as a percentage; a failed replay is drawn as 0 (the table says n/a). */
  private static double asPercent(double ratio) {
    return Double.isNaN(ratio) ? 0 : 100 * ratio;
  }
}
