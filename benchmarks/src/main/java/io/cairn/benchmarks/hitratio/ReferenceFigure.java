package io.cairn.benchmarks.hitratio;

import java.util.List;

/**
 * A published hit ratio (%) from the traces README, computed there with a plain simulator on
 * unit-size objects, to compare the replay against.
 *
 * @param trace the trace's name
 * @param size the cache size in entries
 * @param lru LRU's hit ratio, which this simulator's LRU must reproduce
 * @param s3fifo S3-FIFO's hit ratio
 * @param belady the optimal (Belady) hit ratio, an upper bound for every policy
 */
record ReferenceFigure(String trace, int size, double lru, double s3fifo, double belady) {

  /** The README's table. */
  static final List<ReferenceFigure> README =
      List.of(
          new ReferenceFigure("gli", 1000, 11.21, 35.05, 53.13),
          new ReferenceFigure("multi1", 1000, 48.23, 57.82, 71.40),
          new ReferenceFigure("multi3", 1000, 37.70, 45.37, 56.28),
          new ReferenceFigure("sprite", 1000, 90.64, 89.35, 93.24),
          new ReferenceFigure("loop", 1000, 0.00, 89.62, 98.71),
          new ReferenceFigure("zigzag", 1000, 48.03, 8.31, 48.03),
          new ReferenceFigure("web07", 1000, 50.41, 54.11, 63.58),
          new ReferenceFigure("orm-busy", 5000, 85.46, 86.63, 91.40));
}
