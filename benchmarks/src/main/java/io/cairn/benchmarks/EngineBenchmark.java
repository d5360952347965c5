package io.cairn.benchmarks;

import io.cairn.engine.ByteStore;
import io.cairn.engine.EvictionPolicy;
import io.cairn.engine.StoreConfig;
import io.cairn.engine.StoreStats;
import io.cairn.engine.ValueReader;
import java.util.SplittableRandom;
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
import org.openjdk.jmh.infra.ThreadParams;

/**
 * Throughput of the engine's reads and writes through {@link ByteStore}, on a store that holds
 * every key, with keys drawn from a Zipf(0.99) distribution.
 *
 * <p>The store is filled with all {@link #entries} keys (16 bytes) before the first iteration, with
 * values of 100 bytes that never expire, and its capacity leaves room for the writes of an
 * iteration: every read is a hit and nothing is evicted. Overwrites append to a segment (the old
 * item becomes dead space that only segment eviction reclaims), so a write benchmark consumes
 * capacity; before each iteration the store is rebuilt if more than half of its capacity is
 * committed. Every iteration that saw an eviction or a miss says so on standard output: its figure
 * then does not measure what this class claims.
 *
 * <p>Each thread walks its own stretch of one precomputed key sequence ({@link ZipfSequence}); the
 * measured loop does no random number generation. Run with {@code -t 1} and {@code -t 2}; see
 * {@code docs/performance.md} for the commands.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@State(Scope.Benchmark)
public class EngineBenchmark {

  /** Skew of the key popularity: 0.99, YCSB's default and segcache's evaluation setting. */
  public static final double ZIPF_THETA = 0.99;

  /** Length of the key sequence: 4 Mi draws (16 MiB), so that a thread repeats it rarely. */
  public static final int SEQUENCE_LENGTH = 1 << 22;

  /** Wraps a position into the sequence; the length is a power of two. */
  public static final int SEQUENCE_MASK = SEQUENCE_LENGTH - 1;

  /** Distinct values written, so that successive writes do not store identical bytes. */
  public static final int VALUE_VARIANTS = 16;

  /** Share of writes in {@link #mix}, in percent. */
  public static final int MIX_WRITE_PERCENT = 25;

  /** Seed of the key sequence; the other seeds derive from it. */
  public static final long SEED = 0x5EED_CA12L;

  /** Reads the first long of a value in place; values start with a small long (a cached box). */
  private static final ValueReader<Long> FIRST_LONG = value -> value.getLong(0);

  /** The number of distinct keys, all of them in the store. */
  @Param("1000000")
  int entries;

  /**
   * The eviction policy. Nothing is evicted here, so it shows only what a policy costs on the way:
   * under MERGE and S3FIFO every read also counts itself in the key's index slot (a CAS).
   */
  @Param("FIFO")
  EvictionPolicy policy;

  /** The store's capacity in MiB: room for the entries plus an iteration's worth of overwrites. */
  @Param("4096")
  long capacityMiB;

  private byte[][] keys;
  private byte[][] values;
  private int[] sequence;
  private boolean[] writes;
  private ByteStore store;
  private StoreStats before;

  /** Builds the workload; nothing here is measured. */
  @Setup(Level.Trial)
  public void buildWorkload() {
    keys = Workload.keys16(entries);
    values = Workload.values(VALUE_VARIANTS, SEED + 1);
    sequence = ZipfSequence.generate(entries, ZIPF_THETA, SEQUENCE_LENGTH, SEED);
    writes = writePattern();
  }

  /** Opens and fills a store unless the current one still has room for an iteration's writes. */
  @Setup(Level.Iteration)
  public void ensureFilledStore() {
    long capacityBytes = capacityMiB << 20;
    if (store != null && store.stats().committedBytes() <= capacityBytes / 2) {
      before = store.stats();
      return;
    }
    closeStore();
    store =
        ByteStore.open(
            StoreConfig.builder(capacityBytes).name("bench").evictionPolicy(policy).build());
    for (int k = 0; k < entries; k++) {
      store.put(keys[k], values[k % VALUE_VARIANTS], ByteStore.ETERNAL);
    }
    before = store.stats();
    Workload.requireFilled(before, entries, capacityMiB);
  }

  /** Reports an iteration that evicted or missed: its figure is not a hit-only, no-eviction one. */
  @TearDown(Level.Iteration)
  public void reportAnomalies() {
    StoreStats after = store.stats();
    long evictions = after.evictions() - before.evictions();
    long misses = after.misses() - before.misses();
    if (evictions != 0 || misses != 0) {
      System.out.printf(
          "%n  WARNING: this iteration evicted %d and missed %d (committedMiB=%d, entries=%d)%n",
          evictions, misses, after.committedBytes() >> 20, after.entries());
    }
  }

  /** Releases the store's native memory. */
  @TearDown(Level.Trial)
  public void closeStore() {
    if (store != null) {
      store.close();
      store = null;
    }
  }

  /**
   * Which positions of the key sequence are writes in a mix: {@link #MIX_WRITE_PERCENT} of them, in
   * a seeded random order. Shared with {@code peers.PeerBenchmark}, so both mix the same way.
   */
  public static boolean[] writePattern() {
    boolean[] writes = new boolean[SEQUENCE_LENGTH];
    SplittableRandom random = new SplittableRandom(SEED + 2);
    for (int i = 0; i < SEQUENCE_LENGTH; i++) {
      writes[i] = random.nextInt(100) < MIX_WRITE_PERCENT;
    }
    return writes;
  }

  /**
   * A thread's position in the key sequence; threads start evenly spaced along it. Public for
   * {@code peers.PeerBenchmark}, which walks the sequence the same way.
   */
  @State(Scope.Thread)
  public static class Cursor {
    private int position;

    /** Places this thread's start. */
    @Setup(Level.Trial)
    public void start(ThreadParams thread) {
      position = (int) ((long) SEQUENCE_LENGTH * thread.getThreadIndex() / thread.getThreadCount());
    }

    /** The next position; wraps around the sequence. */
    public int next() {
      return position++ & SEQUENCE_MASK;
    }
  }

  /** A read that copies the value to the heap ({@link ByteStore#get}). */
  @Benchmark
  public byte[] get(Cursor cursor) {
    return store.get(keys[sequence[cursor.next()]]);
  }

  /** A zero-copy read ({@link ByteStore#read}) whose reader reads one long of the value. */
  @Benchmark
  public Long read(Cursor cursor) {
    return store.read(keys[sequence[cursor.next()]], FIRST_LONG);
  }

  /** An overwrite of an existing key with a 100-byte value that never expires. */
  @Benchmark
  public void put(Cursor cursor) {
    int i = cursor.next();
    store.put(keys[sequence[i]], values[i % VALUE_VARIANTS], ByteStore.ETERNAL);
  }

  /** 75% copy-out reads and 25% overwrites, interleaved in a seeded random order. */
  @Benchmark
  public byte[] mix(Cursor cursor) {
    int i = cursor.next();
    byte[] key = keys[sequence[i]];
    if (writes[i]) {
      store.put(key, values[i % VALUE_VARIANTS], ByteStore.ETERNAL);
      return null;
    }
    return store.get(key);
  }
}
