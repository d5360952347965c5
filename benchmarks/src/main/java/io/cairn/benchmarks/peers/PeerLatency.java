package io.cairn.benchmarks.peers;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.cairn.benchmarks.EngineBenchmark;
import io.cairn.benchmarks.ZipfSequence;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import org.HdrHistogram.Histogram;

/**
 * Read latency under GC pressure, for one cache in one JVM: a cache filled with {@code entries}
 * entries ({@code Long} keys, 100-byte {@code byte[]} values), then {@code threads} threads running
 * 75% reads and 25% overwrites on Zipf(0.99) keys, each read timed with {@code System.nanoTime}
 * into an HdrHistogram. Collector pauses during the measured window are counted from the JVM's GC
 * notifications. Prints one CSV line.
 *
 * <p>Every value written is a fresh array, as an application's would be, so the on-heap caches keep
 * promoting new objects and the collector has real work; Cairn and the off-heap peers copy the
 * value off the heap and drop it young.
 *
 * <p>Usage: {@code java -Xms4g -Xmx4g -cp benchmarks.jar io.cairn.benchmarks.peers.PeerLatency PEER
 * [entries [seconds [threads]]]}; by default 5,000,000 entries, a 20-second warm-up and a 30-second
 * measurement, 2 threads. Prints {@code peer, threads, reads, p50, p99, p99.9, max (µs), ops/s, GC
 * pauses, longest pause, total pause (ms)}.
 */
public final class PeerLatency {

  private static final int SEQUENCE_LENGTH = 1 << 22;
  private static final int WARMUP_SECONDS = 20;
  private static final long SEED = 0x5EED_1A7EL;

  /** Highest latency recorded exactly: 10 s; longer reads (none expected) are clamped to it. */
  private static final long MAX_NANOS = 10_000_000_000L;

  private PeerLatency() {}

  /** Runs one measurement; see the class comment. */
  public static void main(String[] args) throws InterruptedException {
    Peer peer = Peer.valueOf(args[0]);
    int entries = args.length > 1 ? Integer.parseInt(args[1].replace("_", "")) : 5_000_000;
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
    int threads = args.length > 3 ? Integer.parseInt(args[3]) : 2;

    Long[] keys = new Long[entries];
    for (int i = 0; i < entries; i++) {
      keys[i] = (long) i;
    }
    int[] sequence =
        ZipfSequence.generate(entries, EngineBenchmark.ZIPF_THETA, SEQUENCE_LENGTH, SEED);
    SplittableRandom random = new SplittableRandom(SEED);
    CacheUnderTest cache = peer.open(ValueKind.BYTES, entries);
    for (int k = 0; k < entries; k++) {
      cache.put(keys[k], ValueKind.BYTES.value(random));
    }

    Pauses pauses = new Pauses();
    AtomicBoolean recording = new AtomicBoolean();
    AtomicBoolean stop = new AtomicBoolean();
    List<Worker> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Worker worker =
          new Worker(cache, keys, sequence, SEQUENCE_LENGTH / threads * t, recording, stop);
      workers.add(worker);
      worker.start();
    }
    Thread.sleep(WARMUP_SECONDS * 1000L);
    pauses.reset();
    recording.set(true);
    long start = System.nanoTime();
    Thread.sleep(seconds * 1000L);
    stop.set(true);
    long elapsed = System.nanoTime() - start;
    Histogram reads = new Histogram(MAX_NANOS, 3);
    long operations = 0;
    for (Worker worker : workers) {
      worker.join();
      reads.add(worker.histogram);
      operations += worker.operations;
    }
    System.out.printf(
        Locale.ROOT,
        "%s,%d,%d,%.1f,%.1f,%.1f,%.1f,%.0f,%d,%d,%d%n",
        peer,
        threads,
        reads.getTotalCount(),
        reads.getValueAtPercentile(50) / 1e3,
        reads.getValueAtPercentile(99) / 1e3,
        reads.getValueAtPercentile(99.9) / 1e3,
        reads.getMaxValue() / 1e3,
        operations * 1e9 / elapsed,
        pauses.count.get(),
        pauses.longest.get(),
        pauses.total.get());
    if (cache.lockedReads() >= 0) {
      System.err.printf(
          Locale.ROOT,
          "%s: %d reads waited for a shard's read lock since the cache opened (warm-up included)%n",
          peer,
          cache.lockedReads());
    }
    cache.close();
  }

  /** One thread of the 75/25 mix; only its reads are timed. */
  private static final class Worker extends Thread {
    private final CacheUnderTest cache;
    private final Long[] keys;
    private final int[] sequence;
    private final AtomicBoolean recording;
    private final AtomicBoolean stop;
    private final SplittableRandom random;
    private int position;
    final Histogram histogram = new Histogram(MAX_NANOS, 3);
    long operations; // counted while recording

    Worker(
        CacheUnderTest cache,
        Long[] keys,
        int[] sequence,
        int start,
        AtomicBoolean recording,
        AtomicBoolean stop) {
      super("latency-" + start);
      this.cache = cache;
      this.keys = keys;
      this.sequence = sequence;
      this.position = start;
      this.recording = recording;
      this.stop = stop;
      this.random = new SplittableRandom(start);
    }

    @Override
    public void run() {
      while (!stop.get()) {
        boolean record = recording.get();
        Long key = keys[sequence[position++ & (SEQUENCE_LENGTH - 1)]];
        if (random.nextInt(100) < EngineBenchmark.MIX_WRITE_PERCENT) {
          cache.put(key, ValueKind.BYTES.value(random));
        } else {
          long t0 = System.nanoTime();
          Object value = cache.get(key);
          long t1 = System.nanoTime();
          if (value == null) {
            throw new IllegalStateException("missing key " + key);
          }
          if (record) {
            histogram.recordValue(Math.min(t1 - t0, MAX_NANOS));
          }
        }
        if (record) {
          operations++;
        }
      }
    }
  }

  /** Stop-the-world collector pauses reported by the JVM since the last {@link #reset}. */
  private static final class Pauses {
    final AtomicLong count = new AtomicLong();
    final AtomicLong longest = new AtomicLong();
    final AtomicLong total = new AtomicLong();

    Pauses() {
      NotificationListener listener =
          (notification, handback) -> {
            if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
                notification.getType())) {
              return;
            }
            GarbageCollectionNotificationInfo info =
                GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
            // G1's concurrent cycle reports its (concurrent) duration too; it is no pause.
            if (info.getGcName().contains("Concurrent")) {
              return;
            }
            long millis = info.getGcInfo().getDuration();
            count.incrementAndGet();
            total.addAndGet(millis);
            longest.accumulateAndGet(millis, Math::max);
          };
      for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
        ((NotificationEmitter) gc).addNotificationListener(listener, null, null);
      }
    }

    void reset() {
      count.set(0);
      longest.set(0);
      total.set(0);
    }
  }
}
