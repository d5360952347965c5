package io.cairn.benchmarks.peers;

import static io.cairn.benchmarks.EngineBenchmark.SEED;
import static io.cairn.benchmarks.EngineBenchmark.SEQUENCE_LENGTH;
import static io.cairn.benchmarks.EngineBenchmark.VALUE_VARIANTS;
import static io.cairn.benchmarks.EngineBenchmark.ZIPF_THETA;

import io.cairn.benchmarks.EngineBenchmark;
import io.cairn.benchmarks.EngineBenchmark.Cursor;
import io.cairn.benchmarks.ZipfSequence;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of Cairn against its peers (issue #6): {@code Long} keys drawn from a precomputed
 * Zipf(0.99) sequence over {@link #entries} keys, 100-byte values, a cache filled with every key
 * before the first iteration and large enough that nothing is evicted.
 *
 * <p>{@link #get}: 100% reads; {@link #mix}: 75% reads, 25% overwrites, in a seeded order fixed in
 * advance; {@link #put}: 100% overwrites. Run with {@code -t 1} and {@code -t 2}. Each thread walks
 * its own stretch of the sequence. Sequence, seeds and mix are {@link EngineBenchmark}'s. Values
 * written are drawn from 16 fixed instances, so the benchmark itself allocates nothing: what {@code
 * -prof gc} reports is the cache's allocation.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {
      "-Xms3g",
      "-Xmx3g",
      "-XX:MaxDirectMemorySize=2g",
      "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"
    })
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class PeerBenchmark {

  /** The cache measured. */
  @Param({
    "CAIRN_JCACHE",
    "CAIRN_ENGINE",
    "CAFFEINE_JCACHE_BY_VALUE",
    "CAFFEINE_JCACHE_BY_REFERENCE",
    "EHCACHE_HEAP",
    "EHCACHE_OFFHEAP",
    "CACHE2K_JCACHE",
    "CAFFEINE",
    "OHC"
  })
  Peer peer;

  /** The values: 100-byte arrays or 100-char strings. */
  @Param({"BYTES", "STRING"})
  ValueKind values;

  /** Distinct keys, all in the cache. */
  @Param("1000000")
  int entries;

  private Long[] keys;
  private Object[] variants;
  private int[] sequence;
  private boolean[] writes;
  private CacheUnderTest cache;

  /** Builds the workload; nothing here is measured. */
  @Setup(Level.Trial)
  public void buildWorkload() {
    keys = new Long[entries];
    for (int i = 0; i < entries; i++) {
      keys[i] = (long) i; // boxed once here, so that the measured loop does not box
    }
    variants = values.values(VALUE_VARIANTS, SEED + 1);
    sequence = ZipfSequence.generate(entries, ZIPF_THETA, SEQUENCE_LENGTH, SEED);
    writes = EngineBenchmark.writePattern();
  }

  /** Opens and fills the cache, or a fresh one if Cairn's has used half its capacity. */
  @Setup(Level.Iteration)
  public void ensureFilled() {
    if (cache != null && !cache.needsRebuild()) {
      return;
    }
    close();
    cache = Fill.filled(peer, values, entries, keys, variants);
  }

  /** Releases the cache. */
  @TearDown(Level.Trial)
  public void close() {
    if (cache != null) {
      cache.close();
      cache = null;
    }
  }

  /** A read of a key that is present. */
  @Benchmark
  public Object get(Cursor cursor) {
    return cache.get(keys[sequence[cursor.next()]]);
  }

  /** An overwrite of a key that is present. */
  @Benchmark
  public void put(Cursor cursor) {
    int i = cursor.next();
    cache.put(keys[sequence[i]], variants[i % VALUE_VARIANTS]);
  }

  /** 75% reads and 25% overwrites. */
  @Benchmark
  public Object mix(Cursor cursor) {
    int i = cursor.next();
    Long key = keys[sequence[i]];
    if (writes[i]) {
      cache.put(key, variants[i % VALUE_VARIANTS]);
      return null;
    }
    return cache.get(key);
  }
}
