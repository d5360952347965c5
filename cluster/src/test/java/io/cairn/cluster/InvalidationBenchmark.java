package io.cairn.cluster;

import io.cairn.jcache.configuration.ClusterMode;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;

/**
 * Measures what clustering costs, on demand (never in the test run): the latency of a synchronous
 * invalidation (a sync put, which returns when every other member dropped the key), the throughput
 * of writes in each mode, and local reads of a clustered cache against a local one. Members are
 * cache managers in this JVM talking TCP over 127.0.0.1 (static discovery), so the figures hold the
 * protocol's cost and the loopback network's, not a real network's.
 *
 * <p>Run: {@code mvn -q -pl cluster -am test-compile exec:java@bench} (docs/cluster.md, Benchmark).
 */
public final class InvalidationBenchmark {
  /** Distinct keys written and read: small enough to stay cached, large enough to spread. */
  private static final int KEYS = 10_000;

  /** How long each write measurement runs, after a warm-up as long. */
  private static final long RUN_NANOS = 3_000_000_000L;

  private InvalidationBenchmark() {}

  /** Prints one table row per member count, then the read comparison. */
  public static void main(String[] args) throws Exception {
    System.out.println(
        "| members | sync put p50 us | sync put p99 us | sync puts/s | sync puts/s, 4 threads"
            + " | async puts/s | local puts/s |");
    System.out.println("|---|---|---|---|---|---|---|");
    for (int members = 1; members <= 3; members++) {
      List<CacheManager> managers = start(members);
      try {
        Cache<String, String> sync = cache(managers, "sync", ClusterMode.INVALIDATE_SYNC);
        Cache<String, String> async = cache(managers, "async", ClusterMode.INVALIDATE_ASYNC);
        Cache<String, String> local = cache(managers, "local", ClusterMode.LOCAL);
        long[] latencies = puts(sync);
        Arrays.sort(latencies);
        System.out.printf(
            Locale.ROOT,
            "| %d | %.1f | %.1f | %,d | %,d | %,d | %,d |%n",
            members,
            latencies[latencies.length / 2] / 1e3,
            latencies[(int) (latencies.length * 0.99)] / 1e3,
            rate(latencies.length),
            rate(threads(sync, 4)),
            rate(puts(async).length),
            rate(puts(local).length));
        if (members == 3) {
          reads(sync, local);
        }
      } finally {
        managers.forEach(CacheManager::close);
      }
    }
  }

  private static long rate(int operations) {
    return operations * 1_000_000_000L / RUN_NANOS;
  }

  /** Puts on member 0 for the warm-up and then {@link #RUN_NANOS}; the latency of each. */
  private static long[] puts(Cache<String, String> cache) {
    for (int phase = 0; phase < 2; phase++) {
      long[] latencies = new long[1 << 16];
      int n = 0;
      long end = System.nanoTime() + RUN_NANOS;
      for (long now = System.nanoTime(); now < end; ) {
        cache.put("k" + (n % KEYS), "v" + n);
        long after = System.nanoTime();
        if (n == latencies.length) {
          latencies = Arrays.copyOf(latencies, n * 2);
        }
        latencies[n++] = after - now;
        now = after;
      }
      if (phase == 1) {
        return Arrays.copyOf(latencies, n);
      }
    }
    throw new AssertionError();
  }

  /** Puts on member 0 from {@code count} threads, each on its own keys; returns how many. */
  private static int threads(Cache<String, String> cache, int count) throws InterruptedException {
    int[] done = new int[count];
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < count; t++) {
      int thread = t;
      threads.add(
          new Thread(
              () -> {
                long end = System.nanoTime() + 2 * RUN_NANOS; // warm-up, then the counted half
                long counted = System.nanoTime() + RUN_NANOS;
                for (int n = 0; System.nanoTime() < end; n++) {
                  cache.put("t" + thread + "-" + (n % KEYS), "v" + n);
                  if (System.nanoTime() >= counted) {
                    done[thread]++;
                  }
                }
              }));
    }
    threads.forEach(Thread::start);
    for (Thread thread : threads) {
      thread.join();
    }
    return Arrays.stream(done).sum();
  }

  /** Gets of cached keys: a clustered cache against a local one, alternating, best of three. */
  private static void reads(Cache<String, String> clustered, Cache<String, String> local) {
    for (int k = 0; k < KEYS; k++) {
      clustered.put("k" + k, "v" + k);
      local.put("k" + k, "v" + k);
    }
    String[] keys = new String[KEYS];
    Arrays.setAll(keys, k -> "k" + k);
    double bestClustered = Double.MAX_VALUE;
    double bestLocal = Double.MAX_VALUE;
    for (int round = 0; round < 4; round++) {
      bestClustered = Math.min(bestClustered, nanosPerGet(clustered, keys));
      bestLocal = Math.min(bestLocal, nanosPerGet(local, keys));
    }
    System.out.printf(
        Locale.ROOT,
        "%nlocal reads of cached keys, 1 thread, best of 4 rounds of 2M gets: invalidate-sync"
            + " cache %.0f ns/get, local cache %.0f ns/get%n",
        bestClustered,
        bestLocal);
  }

  private static double nanosPerGet(Cache<String, String> cache, String[] keys) {
    int gets = 2_000_000;
    long found = 0;
    long start = System.nanoTime();
    for (int i = 0; i < gets; i++) {
      found += cache.get(keys[i % keys.length]) == null ? 0 : 1;
    }
    long nanos = System.nanoTime() - start;
    if (found != gets) {
      throw new AssertionError("a cached key was missing: " + found);
    }
    return (double) nanos / gets;
  }

  /** The cache {@code name} in {@code mode} on every member; returns member 0's. */
  private static Cache<String, String> cache(
      List<CacheManager> managers, String name, ClusterMode mode) {
    List<Cache<String, String>> caches = new ArrayList<>();
    for (CacheManager manager : managers) {
      caches.add(manager.createCache(name, Members.configuration(mode)));
    }
    return caches.get(0);
  }

  /** {@code count} members over TCP on 127.0.0.1, once each sees them all. */
  private static List<CacheManager> start(int count) throws Exception {
    List<String> ports = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ports.add(Integer.toString(Members.freePort()));
    }
    List<CacheManager> managers = new ArrayList<>();
    for (String port : ports) {
      Properties properties = new Properties();
      properties.setProperty("cairn.cluster.name", "cairn-bench-" + ports);
      properties.setProperty("cairn.cluster.bind-port", port);
      properties.setProperty("cairn.cluster.port-range", "1");
      properties.put("cairn.cluster.members", ports.stream().map(p -> "127.0.0.1:" + p).toList());
      managers.add(
          Caching.getCachingProvider()
              .getCacheManager(
                  URI.create("bench:" + port),
                  InvalidationBenchmark.class.getClassLoader(),
                  properties));
    }
    for (CacheManager manager : managers) {
      while (manager.unwrap(ClusterNode.class).view().size() < count) {
        Thread.sleep(20);
      }
    }
    return managers;
  }
}
