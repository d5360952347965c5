package io.cairn.jcache.management;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * A cache's statistics, as the JCache specification's table defines them, and Cairn's count of
 * skipped puts ({@link CairnStatisticsMXBean}); and its reads counted whatever the statistics say
 * ({@link CairnReadCounters}).
 *
 * <p>Recording methods do nothing while statistics are disabled, but for the skipped puts and the
 * {@link CairnReadCounters}. Times are recorded in nanoseconds and reported as averages in
 * microseconds.
 *
 * <p>Threading: thread-safe; counters are {@link LongAdder}s so that they stay off the contended
 * path. A read while writers run may see one counter updated and another not yet.
 */
public final class CacheStatisticsImpl implements CairnStatisticsMXBean, CairnReadCounters {
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final LongAdder puts = new LongAdder();
  private final LongAdder removals = new LongAdder();
  private final LongAdder evictions = new LongAdder();
  private final LongAdder getNanos = new LongAdder();
  private final LongAdder putNanos = new LongAdder();
  private final LongAdder removeNanos = new LongAdder();
  private final LongAdder skippedPuts = new LongAdder(); // counted even while disabled
  private final LongAdder allHits = new LongAdder(); // CairnReadCounters: always, never reset
  private final LongAdder allMisses = new LongAdder(); // CairnReadCounters: always, never reset
  private volatile boolean enabled;

  /** The engine's count of evictions, when it counts them; read, never counted twice. */
  private volatile LongSupplier engineEvictions;

  /** The engine's count at the last {@link #clear()}. */
  private volatile long evictionsCleared;

  /** Whether recording is on. */
  public boolean isEnabled() {
    return enabled;
  }

  /** Turns recording on or off; the counts are kept. */
  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  /** The current time for timing an operation, or 0 when disabled (saving the clock read). */
  public long start() {
    return enabled ? System.nanoTime() : 0L;
  }

  /** Records one get, a hit or a miss, that started at {@code start}. */
  public void got(boolean hit, long start) {
    (hit ? allHits : allMisses).increment();
    if (enabled) {
      (hit ? hits : misses).increment();
      getTime(start);
    }
  }

  /** Records {@code count} puts made by an operation that started at {@code start}. */
  public void put(long count, long start) {
    if (enabled && count > 0) {
      puts.add(count);
      putTime(start);
    }
  }

  /** Records {@code count} removals made by an operation that started at {@code start}. */
  public void removed(long count, long start) {
    if (enabled && count > 0) {
      removals.add(count);
      removeTime(start);
    }
  }

  /**
   * Records a put the cache did not keep; {@code counted} if the operation has counted it as a put
   * (it may still be about to: a bulk put adds its count once done), which this takes back.
   */
  public void skippedPut(boolean counted) {
    skippedPuts.increment();
    if (enabled && counted) {
      puts.decrement();
    }
  }

  /** Records {@code count} hits. */
  public void hits(long count) {
    allHits.add(count);
    if (enabled) {
      hits.add(count);
    }
  }

  /** Records {@code count} misses. */
  public void misses(long count) {
    allMisses.add(count);
    if (enabled) {
      misses.add(count);
    }
  }

  /** Reads evictions from the engine's counter from now on, instead of being told of each. */
  public void evictionsFrom(LongSupplier counter) {
    this.evictionsCleared = counter.getAsLong();
    this.engineEvictions = counter;
  }

  /** Records {@code count} evictions. */
  public void evictions(long count) {
    if (enabled) {
      evictions.add(count);
    }
  }

  /** Records the time of a get that started at {@code start} (from {@link #start()}). */
  public void getTime(long start) {
    if (enabled && start != 0L) {
      getNanos.add(System.nanoTime() - start);
    }
  }

  /** Records the time of a put that started at {@code start}. */
  private void putTime(long start) {
    if (enabled && start != 0L) {
      putNanos.add(System.nanoTime() - start);
    }
  }

  /** Records the time of a removal that started at {@code start}. */
  private void removeTime(long start) {
    if (enabled && start != 0L) {
      removeNanos.add(System.nanoTime() - start);
    }
  }

  @Override
  public void clear() {
    hits.reset();
    misses.reset();
    puts.reset();
    removals.reset();
    evictions.reset();
    skippedPuts.reset();
    LongSupplier counter = engineEvictions;
    if (counter != null) {
      evictionsCleared = counter.getAsLong();
    }
    getNanos.reset();
    putNanos.reset();
    removeNanos.reset();
  }

  @Override
  public long hitCount() {
    return allHits.sum();
  }

  @Override
  public long missCount() {
    return allMisses.sum();
  }

  @Override
  public long getCacheHits() {
    return hits.sum();
  }

  @Override
  public float getCacheHitPercentage() {
    return percentage(getCacheHits(), getCacheGets());
  }

  @Override
  public long getCacheMisses() {
    return misses.sum();
  }

  @Override
  public float getCacheMissPercentage() {
    return percentage(getCacheMisses(), getCacheGets());
  }

  @Override
  public long getCacheGets() {
    return getCacheHits() + getCacheMisses();
  }

  @Override
  public long getCachePuts() {
    // never negative: a bulk put's skip is taken back before the put is added
    return Math.max(0, puts.sum());
  }

  @Override
  public long getCacheSkippedPuts() {
    return skippedPuts.sum();
  }

  @Override
  public long getCacheRemovals() {
    return removals.sum();
  }

  @Override
  public long getCacheEvictions() {
    LongSupplier counter = engineEvictions;
    return counter == null ? evictions.sum() : Math.max(0, counter.getAsLong() - evictionsCleared);
  }

  @Override
  public float getAverageGetTime() {
    return averageMicros(getNanos.sum(), getCacheGets());
  }

  @Override
  public float getAveragePutTime() {
    return averageMicros(putNanos.sum(), getCachePuts());
  }

  @Override
  public float getAverageRemoveTime() {
    return averageMicros(removeNanos.sum(), getCacheRemovals());
  }

  private static float percentage(long part, long whole) {
    return whole == 0 ? 0f : 100f * part / whole;
  }

  private static float averageMicros(long nanos, long count) {
    return count == 0 ? 0f : (float) TimeUnit.NANOSECONDS.toMicros(nanos) / count;
  }
}
