package io.cairn.benchmarks.peers;

import java.io.Serializable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.cache.expiry.Duration;
import javax.cache.expiry.ExpiryPolicy;

/**
 * An expiry policy that gives each created entry its own time-to-live, drawn uniformly from {@code
 * [min, max)} at millisecond resolution, as an application whose entries carry their own lifetimes
 * would; access and update leave the expiry unchanged. The draws are a seeded sequence (the n-th
 * creation gets the n-th draw), so runs repeat.
 *
 * <p>Threading: thread-safe; concurrent creations take distinct draws.
 */
final class SpreadExpiryPolicy implements ExpiryPolicy, Serializable {

  private static final long serialVersionUID = 1L;

  /** The golden-ratio increment of SplittableRandom: consecutive calls land far apart. */
  private static final long GAMMA = 0x9E3779B97F4A7C15L;

  private final long minMillis;
  private final long spanMillis;
  private final long seed;
  private final AtomicLong creations = new AtomicLong();

  /**
   * @param min the shortest time-to-live, positive
   * @param max the bound of the longest, above {@code min}
   */
  SpreadExpiryPolicy(Duration min, Duration max, long seed) {
    this.minMillis = min.getTimeUnit().toMillis(min.getDurationAmount());
    this.spanMillis = max.getTimeUnit().toMillis(max.getDurationAmount()) - minMillis;
    if (minMillis <= 0 || spanMillis <= 0) {
      throw new IllegalArgumentException(
          "min=" + min + " and max=" + max + " must be 0 < min < max");
    }
    this.seed = seed;
  }

  @Override
  public Duration getExpiryForCreation() {
    long draw = mix(seed + creations.getAndIncrement() * GAMMA);
    return new Duration(TimeUnit.MILLISECONDS, minMillis + Math.floorMod(draw, spanMillis));
  }

  @Override
  public Duration getExpiryForAccess() {
    return null;
  }

  @Override
  public Duration getExpiryForUpdate() {
    return null;
  }

  /** SplittableRandom's output mix (Stafford's variant 13). */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
