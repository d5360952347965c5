package io.cairn.benchmarks;

import java.util.SplittableRandom;

/**
 * A precomputed sequence of key indexes drawn from a Zipf distribution, so that a benchmark's
 * measured loop only reads the next int.
 *
 * <p>Rank {@code r} (1-based) of {@code n} is drawn with probability {@code (1 / r^theta) / H},
 * where {@code H} is the sum of {@code 1 / i^theta} over {@code i = 1..n}. Sampling is exact: the
 * cumulative distribution is tabulated once and each uniform draw is located in it by binary
 * search. Ranks are then mapped to key indexes through a seeded random permutation, so the hot keys
 * are scattered over the key space (and over the order in which a store was filled) rather than
 * being keys {@code 0, 1, 2, ...}; YCSB's "scrambled Zipfian" does the same for the same reason.
 *
 * <p>Not thread-safe while generating; the returned array is not shared by this class.
 */
public final class ZipfSequence {

  private ZipfSequence() {}

  /**
   * Draws {@code length} key indexes in {@code [0, n)}.
   *
   * @param n the number of distinct keys, at least 1
   * @param theta the skew, at least 0 (0 is uniform; 0.99 is the customary "Zipfian" of YCSB)
   * @param length how many draws
   * @param seed the seed of every random choice: equal arguments give equal sequences
   */
  public static int[] generate(int n, double theta, int length, long seed) {
    if (n < 1) {
      throw new IllegalArgumentException("n=" + n + " must be positive");
    }
    if (!(theta >= 0)) {
      throw new IllegalArgumentException("theta=" + theta + " must not be negative");
    }
    if (length < 0) {
      throw new IllegalArgumentException("length=" + length + " must not be negative");
    }
    SplittableRandom random = new SplittableRandom(seed);
    double[] cumulative = cumulativeWeights(n, theta);
    double total = cumulative[n - 1];
    int[] keyOfRank = permutation(n, random);
    int[] sequence = new int[length];
    for (int i = 0; i < length; i++) {
      sequence[i] = keyOfRank[rankOf(cumulative, random.nextDouble() * total)];
    }
    return sequence;
  }

  /** {@code c[k]} is the weight of ranks 0..k (0-based), not normalized. */
  private static double[] cumulativeWeights(int n, double theta) {
    double[] cumulative = new double[n];
    double sum = 0;
    for (int k = 0; k < n; k++) {
      sum += 1.0 / Math.pow(k + 1, theta);
      cumulative[k] = sum;
    }
    return cumulative;
  }

  /** The smallest 0-based rank whose cumulative weight exceeds {@code u}. */
  private static int rankOf(double[] cumulative, double u) {
    int low = 0;
    int high = cumulative.length - 1;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (cumulative[mid] > u) {
        high = mid;
      } else {
        low = mid + 1;
      }
    }
    return low;
  }

  /** A uniformly random permutation of {@code 0..n-1} (Fisher-Yates). */
  private static int[] permutation(int n, SplittableRandom random) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }
}
