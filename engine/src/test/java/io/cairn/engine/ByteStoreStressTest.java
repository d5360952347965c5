package io.cairn.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Many threads on one small store, with eviction and expiry never letting up: every answer is
 * checked, and afterwards every key is accounted for. Runs once per eviction policy.
 *
 * <p>What it proves: no read returns a torn value or another key's (values check themselves, see
 * {@link CheckedValue}); no update is lost and no removed value comes back (each key has one
 * writer, which knows what it wrote); every entry that disappears without its writer removing it is
 * reported EVICTED or EXPIRED, exactly once, and EXPIRED only after its instant; the counters agree
 * with the reports; committed bytes never pass the capacity; nothing throws.
 */
final class ByteStoreStressTest {

  private static final long CAPACITY = 2L << 20;
  private static final int SEGMENT = 16 << 10;
  private static final int OWNERS = 4;

  /**
   * Keys per owner: enough that their live values outgrow the store even once the cleaner has
   * reclaimed the dead bytes, so every policy must evict (600 each fit, now and then, once
   * cleaned).
   */
  private static final int KEYS_PER_OWNER = 1_200;

  private static final long RUN_MILLIS = 1_500;

  /** The owner byte of the keys every thread writes in the free-for-all. */
  private static final int SHARED = 100;

  /**
   * Shared keys: enough that their live values outgrow the store even once it is cleaned, so every
   * policy must evict.
   */
  private static final int SHARED_KEYS = 6_000;

  /** A removal report, reduced to what the bookkeeping needs. */
  private record Report(int owner, int index, long version, RemovalCause cause, long clock) {}

  @ParameterizedTest
  @EnumSource(EvictionPolicy.class)
  void ownedKeys_everyOperationUnderEvictionAndExpiry_keepLastWriteOrReportedRemoval(
      EvictionPolicy policy) throws InterruptedException {
    AtomicLong clock = new AtomicLong(StoreHarness.START);
    Queue<String> problems = new ConcurrentLinkedQueue<>();
    Queue<Report> reports = new ConcurrentLinkedQueue<>();
    OwnedKey[][] keys = new OwnedKey[OWNERS][KEYS_PER_OWNER];
    for (int o = 0; o < OWNERS; o++) {
      for (int i = 0; i < KEYS_PER_OWNER; i++) {
        keys[o][i] = new OwnedKey(OwnerWorker.key(o, i));
      }
    }
    RemovalListener listener =
        (k, v, cause) -> {
          long now = clock.get();
          OwnedKey m = owned(keys, k);
          String problem = m == null ? "a key never written" : CheckedValue.problem(m.hash, v);
          if (problem != null) {
            problems.add(cause + " of " + TestBytes.describe(k) + " carried " + problem);
          } else {
            int index = ByteBuffer.wrap(k).getInt(1);
            reports.add(new Report(k[0], index, CheckedValue.version(v), cause, now));
          }
        };
    ByteStore store = open(policy, clock, listener);
    try {
      ConcurrentRun run = new ConcurrentRun().ticker(clock).sampler(store);
      for (int o = 0; o < OWNERS; o++) {
        run.worker("owner-" + o, o, new OwnerWorker(store, clock, keys[o], problems));
      }
      run.worker("reader", 99, r -> readAnyKey(store, keys, r, problems));
      run.runFor(RUN_MILLIS);

      List<String> failures = new ArrayList<>(run.failures());
      awaitReportsMatchCounters(store, reports);
      for (OwnedKey[] mine : keys) {
        for (OwnedKey m : mine) {
          new OwnerWorker(store, clock, mine, problems).checkRead(m, store.get(m.key), "final get");
        }
      }
      StoreStats stats = awaitReportsMatchCounters(store, reports);
      failures.addAll(problems);
      failures.addAll(checkReports(keys, reports, clock.get()));
      assertGaugesMatchContents(store);
      assertEquals(List.of(), head(failures), failures.size() + " failures, " + stats);
      assertTrue(run.maxCommitted() <= CAPACITY, "committedBytes peaked at " + run.maxCommitted());
      assertTrue(stats.evictions() > 0, () -> "the run must evict: " + stats);
      assertTrue(stats.expirations() > 0, () -> "the run must expire: " + stats);
      assertEquals(count(reports, RemovalCause.EVICTED), stats.evictions(), "EVICTED reports");
      assertEquals(count(reports, RemovalCause.EXPIRED), stats.expirations(), "EXPIRED reports");
      assertEquals(count(reports, RemovalCause.EXPLICIT), stats.removals(), "EXPLICIT reports");
    } finally {
      store.close();
    }
  }

  @ParameterizedTest
  @EnumSource(EvictionPolicy.class)
  void sharedKeys_freeForAllUnderEvictionAndExpiry_everyValueSeenIsWellFormed(EvictionPolicy policy)
      throws InterruptedException {
    AtomicLong clock = new AtomicLong(StoreHarness.START);
    Queue<String> problems = new ConcurrentLinkedQueue<>();
    byte[][] keys = sharedKeys();
    RemovalListener listener = (k, v, cause) -> check(keys, k, v, cause + " report", problems);
    ByteStore store = open(policy, clock, listener);
    try {
      ConcurrentRun run = new ConcurrentRun().ticker(clock).sampler(store);
      for (int t = 0; t < 4; t++) {
        run.worker("writer-" + t, t, r -> sharedStep(store, clock, keys, r, problems));
      }
      run.runFor(RUN_MILLIS);
      List<String> failures = new ArrayList<>(run.failures());
      failures.addAll(problems);
      assertGaugesMatchContents(store);
      StoreStats stats = store.stats();
      assertEquals(List.of(), head(failures), failures.size() + " failures, " + stats);
      assertTrue(run.maxCommitted() <= CAPACITY, "committedBytes peaked at " + run.maxCommitted());
      assertTrue(stats.evictions() > 0, () -> "the run must evict: " + stats);
    } finally {
      store.close();
    }
  }

  /** One operation of the free-for-all on a random shared key; every value seen is checked. */
  private static String sharedStep(
      ByteStore store,
      AtomicLong clock,
      byte[][] keys,
      SplittableRandom r,
      Queue<String> problems) {
    byte[] k = keys[r.nextInt(keys.length)];
    long hash = TestBytes.hash(k);
    long at = r.nextInt(4) == 0 ? clock.get() + 10 + r.nextInt(300) : ByteStore.ETERNAL;
    byte[] v = CheckedValue.encode(hash, r.nextLong(), r.nextInt(1_500));
    int op = r.nextInt(16);
    switch (op) {
      case 0, 1 -> store.put(k, v, at);
      case 2 -> store.putIfAbsent(k, v, at);
      case 3 -> store.replace(k, v, at);
      case 4 -> {
        byte[] seen = check(keys, k, store.get(k), "get", problems);
        store.replace(k, seen != null ? seen : v, v, at);
      }
      case 5 -> store.remove(k);
      case 6 -> {
        byte[] seen = check(keys, k, store.get(k), "get", problems);
        store.remove(k, seen != null ? seen : v);
      }
      case 7, 8 -> {
        Commits.Seen seen = Commits.update(store, k, found -> v, at);
        if (seen != null) {
          check(keys, k, seen.value(), "readEntry", problems);
        }
      }
      case 9 -> store.touch(k, at);
      case 10, 11 -> check(keys, k, store.get(k), "get", problems);
      case 12, 13 -> check(keys, k, store.read(k, BytesView::toByteArray), "read", problems);
      case 14 -> {
        store.containsKey(k);
        store.expiryOf(k);
      }
      default -> {
        if (r.nextInt(300) == 0) {
          for (Iterator<StoreEntry> it = store.iterator(); it.hasNext(); ) {
            StoreEntry e = it.next();
            check(keys, e.key(), e.value(), "iterator", problems);
          }
        } else if (r.nextInt(3_000) == 0) {
          store.clear();
        } else {
          check(keys, k, store.get(k), "get", problems);
        }
      }
    }
    return "op " + op;
  }

  private static byte[][] sharedKeys() {
    byte[][] keys = new byte[SHARED_KEYS][];
    for (int i = 0; i < SHARED_KEYS; i++) {
      keys[i] = OwnerWorker.key(SHARED, i);
    }
    return keys;
  }

  /** Records a problem unless {@code value} is null or a well-formed value of {@code k}. */
  private static byte[] check(
      byte[][] keys, byte[] k, byte[] value, String how, Queue<String> problems) {
    if (value == null) {
      return null;
    }
    int index = k.length >= 5 && k[0] == SHARED ? ByteBuffer.wrap(k).getInt(1) : -1;
    String problem =
        index < 0 || index >= keys.length || !java.util.Arrays.equals(keys[index], k)
            ? "a key never written"
            : CheckedValue.problem(TestBytes.hash(k), value);
    if (problem != null) {
      problems.add(how + " of " + TestBytes.describe(k) + ": " + problem);
    }
    return value;
  }

  @ParameterizedTest
  @EnumSource(EvictionPolicy.class)
  void commit_concurrentIncrementsOfOneKey_loseNoUpdate(EvictionPolicy policy)
      throws InterruptedException {
    int threads = 4;
    int increments = 5_000;
    ByteStore store = openQuiet(policy, 16L << 20, 4);
    byte[] counter = TestBytes.key("counter");
    long[][] returned = new long[threads][increments];
    try {
      ConcurrentRun readers = new ConcurrentRun();
      long[] lastSeen = new long[1];
      readers.worker(
          "reader",
          1,
          r -> {
            byte[] v = store.get(counter);
            long n = v == null ? 0 : ByteBuffer.wrap(v).getLong();
            if (n < lastSeen[0]) {
              throw new AssertionError("the counter went back from " + lastSeen[0] + " to " + n);
            }
            lastSeen[0] = n;
          });
      List<Thread> workers =
          ConcurrentRun.start(
              threads,
              id -> {
                for (int j = 0; j < increments; j++) {
                  returned[id][j] = increment(store, counter);
                }
              });
      readers.runWhile(() -> workers.stream().anyMatch(Thread::isAlive));
      ConcurrentRun.joinAll(workers);
      assertEquals(List.of(), readers.failures());
      assertEquals(
          (long) threads * increments, ByteBuffer.wrap(store.get(counter)).getLong(), "final");
      long[] all =
          java.util.Arrays.stream(returned)
              .flatMapToLong(java.util.Arrays::stream)
              .sorted()
              .toArray();
      for (int i = 0; i < all.length; i++) {
        assertEquals(i + 1, all[i], "each count is returned to exactly one increment");
      }
      for (long[] mine : returned) {
        for (int j = 1; j < mine.length; j++) {
          assertTrue(mine[j] > mine[j - 1], "one thread's increments return growing counts");
        }
      }
      assertEquals(0, store.stats().evictions(), () -> store.stats().toString());
    } finally {
      store.close();
    }
  }

  /** Adds one to the counter at {@code key} by read and versioned commit; returns the new count. */
  private static long increment(ByteStore store, byte[] key) {
    Commits.Seen seen =
        Commits.update(
            store,
            key,
            found -> ByteBuffer.allocate(8).putLong(count(found) + 1).array(),
            ByteStore.ETERNAL);
    return count(seen) + 1;
  }

  private static long count(Commits.Seen seen) {
    return seen == null ? 0 : ByteBuffer.wrap(seen.value()).getLong();
  }

  @ParameterizedTest
  @EnumSource(EvictionPolicy.class)
  void close_duringConcurrentOperations_completesOrThrowsIllegalStateException(
      EvictionPolicy policy) throws InterruptedException {
    AtomicLong clock = new AtomicLong(StoreHarness.START);
    Queue<String> problems = new ConcurrentLinkedQueue<>();
    byte[][] keys = sharedKeys();
    ByteStore store = open(policy, clock, (k, v, c) -> check(keys, k, v, "report", problems));
    // operations concurrent with close() may complete; those begun after it returned may not
    java.util.concurrent.atomic.AtomicBoolean closeReturned =
        new java.util.concurrent.atomic.AtomicBoolean();
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      SplittableRandom r = new SplittableRandom(t);
      workers.add(
          new Thread(
              () -> {
                int afterClose = 0;
                while (afterClose < 1_000) {
                  boolean closedBefore = closeReturned.get();
                  try {
                    String op = sharedStep(store, clock, keys, r, problems);
                    if (closedBefore) {
                      problems.add(op + " after close returned normally");
                    }
                  } catch (IllegalStateException e) {
                    if (!store.isClosed()) {
                      problems.add("IllegalStateException while open: " + e);
                    }
                  } catch (RuntimeException | Error e) {
                    problems.add(ConcurrentRun.describe(e));
                    return;
                  }
                  if (closedBefore) {
                    afterClose++;
                  }
                }
              }));
    }
    workers.forEach(Thread::start);
    Thread.sleep(300);
    store.close();
    closeReturned.set(true);
    for (Thread w : workers) {
      w.join(30_000);
      assertTrue(!w.isAlive(), "a worker is stuck after close");
    }
    assertEquals(List.of(), head(new ArrayList<>(problems)));
    assertTrue(store.isClosed());
  }

  @ParameterizedTest
  @EnumSource(EvictionPolicy.class)
  void readers_whileTheIndexGrowsManyTimes_alwaysFindStableKeys(EvictionPolicy policy)
      throws InterruptedException {
    ByteStore store = openQuiet(policy, 64L << 20, 2);
    int stable = 1_000;
    try {
      for (int i = 0; i < stable; i++) {
        store.put(TestBytes.key("stable" + i), TestBytes.bytes(16, i), ByteStore.ETERNAL);
      }
      ConcurrentRun readers = new ConcurrentRun();
      for (int t = 0; t < 2; t++) {
        readers.worker(
            "reader-" + t,
            t,
            r -> {
              int i = r.nextInt(stable);
              byte[] v =
                  r.nextBoolean()
                      ? store.get(TestBytes.key("stable" + i))
                      : store.read(TestBytes.key("stable" + i), BytesView::toByteArray);
              if (!java.util.Arrays.equals(TestBytes.bytes(16, i), v)) {
                throw new AssertionError("stable" + i + " read " + TestBytes.describe(v));
              }
            });
      }
      Thread writer =
          new Thread(
              () -> {
                for (int i = 0; i < 300_000; i++) {
                  store.put(
                      ByteBuffer.allocate(8).putLong(i).array(),
                      TestBytes.bytes(8, i),
                      ByteStore.ETERNAL);
                }
              });
      writer.start();
      readers.runWhile(writer::isAlive);
      writer.join();
      assertEquals(List.of(), readers.failures());
      assertEquals(stable + 300_000, store.size());
      assertEquals(0, store.stats().evictions(), () -> store.stats().toString());
    } finally {
      store.close();
    }
  }

  @ParameterizedTest
  @EnumSource(EvictionPolicy.class)
  void stats_concurrentReads_countEveryHitAndMissExactly(EvictionPolicy policy)
      throws InterruptedException {
    ByteStore store = openQuiet(policy, 16L << 20, 4);
    try {
      for (int i = 0; i < 500; i++) {
        store.put(TestBytes.key("p" + i), TestBytes.bytes(8, i), ByteStore.ETERNAL);
      }
      int threads = 4;
      int reads = 50_000;
      long[] hits = new long[threads];
      ConcurrentRun.joinAll(
          ConcurrentRun.start(
              threads,
              id -> {
                SplittableRandom r = new SplittableRandom(id);
                for (int j = 0; j < reads; j++) {
                  String k = (r.nextBoolean() ? "p" : "absent") + r.nextInt(500);
                  Object found =
                      r.nextBoolean()
                          ? store.get(TestBytes.key(k))
                          : store.read(TestBytes.key(k), BytesView::length);
                  if (found != null) {
                    hits[id]++;
                  }
                }
              }));
      long hit = java.util.Arrays.stream(hits).sum();
      StoreStats s = store.stats();
      assertEquals(hit, s.hits(), s::toString);
      assertEquals((long) threads * reads - hit, s.misses(), s::toString);
    } finally {
      store.close();
    }
  }

  /**
   * Checks every version of every key against its reports: at most one report each, a cause the
   * version's history allows, and a report wherever the history demands one.
   */
  private static List<String> checkReports(OwnedKey[][] keys, Queue<Report> reports, long now) {
    Map<String, List<Report>> byVersion = new HashMap<>();
    for (Report r : reports) {
      byVersion
          .computeIfAbsent(r.owner() + "/" + r.index() + "/" + r.version(), x -> new ArrayList<>())
          .add(r);
    }
    List<String> wrong = new ArrayList<>();
    for (int o = 0; o < OWNERS; o++) {
      for (int i = 0; i < KEYS_PER_OWNER; i++) {
        OwnedKey m = keys[o][i];
        for (long v = 1; v <= m.version + 1; v++) {
          List<Report> got = byVersion.getOrDefault(o + "/" + i + "/" + v, List.of());
          String what = "key " + o + "/" + i + " v" + v + " ";
          if (got.size() > 1) {
            wrong.add(what + "reported " + got.size() + " times: " + got);
          }
          for (Report r : got) {
            String bad = badCause(m, v, r);
            if (bad != null) {
              wrong.add(what + bad + ": " + r);
            }
          }
          String missing = missingReport(m, v, got, now);
          if (missing != null) {
            wrong.add(what + missing);
          }
        }
      }
    }
    return wrong;
  }

  private static String badCause(OwnedKey m, long v, Report r) {
    if (!m.has(v, OwnedKey.WRITTEN)) {
      return "never written, yet reported";
    }
    return switch (r.cause()) {
      case EXPLICIT -> m.has(v, OwnedKey.REMOVED) ? null : "EXPLICIT though never removed";
      case REPLACED -> m.has(v, OwnedKey.SUPERSEDED) ? null : "REPLACED though never written over";
      case EXPIRED ->
          m.minExpiry(v) <= r.clock()
              ? null
              : "EXPIRED at " + r.clock() + " before its instant " + m.minExpiry(v);
      case EVICTED -> null;
    };
  }

  private static String missingReport(OwnedKey m, long v, List<Report> got, long now) {
    boolean live = m.present && v == m.current;
    if (live) {
      return got.isEmpty() ? null : "still live, yet reported removed";
    }
    if (!got.isEmpty() || !m.has(v, OwnedKey.WRITTEN)) {
      return null;
    }
    if (m.has(v, OwnedKey.REMOVED)) {
      return "removed by its writer, never reported EXPLICIT";
    }
    if (m.has(v, OwnedKey.VANISHED) && !m.has(v, OwnedKey.EXPIRED_BY_TIME)) {
      return "disappeared before its expiry and was never reported";
    }
    if (m.has(v, OwnedKey.SUPERSEDED) && m.minExpiry(v) > now) {
      return "written over while live, never reported REPLACED";
    }
    return null;
  }

  /** A non-owner's read of any key: whatever comes back must be well formed for that key. */
  private static void readAnyKey(
      ByteStore store, OwnedKey[][] keys, SplittableRandom r, Queue<String> problems) {
    OwnedKey m = keys[r.nextInt(OWNERS)][r.nextInt(KEYS_PER_OWNER)];
    int op = r.nextInt(2_000);
    byte[] value;
    if (op == 0) {
      for (Iterator<StoreEntry> it = store.iterator(); it.hasNext(); ) {
        StoreEntry e = it.next();
        OwnedKey owner = owned(keys, e.key());
        String problem =
            owner == null ? "a key never written" : CheckedValue.problem(owner.hash, e.value());
        if (problem != null) {
          problems.add("iterator: " + TestBytes.describe(e.key()) + " " + problem);
        }
      }
      return;
    } else if (op < 1_000) {
      value = store.get(m.key);
    } else {
      value = store.read(m.key, BytesView::toByteArray);
    }
    if (value != null) {
      String problem = CheckedValue.problem(m.hash, value);
      if (problem != null) {
        problems.add("reader: " + TestBytes.describe(m.key) + " " + problem);
      }
    }
  }

  private static OwnedKey owned(OwnedKey[][] keys, byte[] k) {
    if (k.length < 5 || k[0] < 0 || k[0] >= OWNERS) {
      return null;
    }
    int index = ByteBuffer.wrap(k).getInt(1);
    if (index < 0 || index >= KEYS_PER_OWNER) {
      return null;
    }
    OwnedKey m = keys[k[0]][index];
    return java.util.Arrays.equals(m.key, k) ? m : null;
  }

  /**
   * Once the threads are done and the background expirer has reclaimed what had expired at the
   * frozen clock (waited for, up to 5 s): size, the entries gauge and the iterator agree, and
   * liveBytes covers the keys and values plus at most 32 bytes of header and alignment each.
   */
  private static void assertGaugesMatchContents(ByteStore store) throws InterruptedException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    long entries;
    long payload;
    StoreStats s;
    long size;
    do {
      Thread.sleep(20);
      entries = 0;
      payload = 0;
      for (Iterator<StoreEntry> it = store.iterator(); it.hasNext(); ) {
        StoreEntry e = it.next();
        entries++;
        payload += e.key().length + e.value().length;
      }
      s = store.stats();
      size = store.size();
    } while ((size != entries || s.entries() != entries) && System.nanoTime() < deadline);
    java.util.Map<ByteBuffer, Integer> seen = new HashMap<>();
    List<String> unreadable = new ArrayList<>();
    for (Iterator<StoreEntry> it = store.iterator(); it.hasNext(); ) {
      StoreEntry e = it.next();
      seen.merge(ByteBuffer.wrap(e.key()), 1, Integer::sum);
      byte[] v = store.get(e.key());
      if (!java.util.Arrays.equals(v, e.value())) {
        unreadable.add(
            TestBytes.describe(e.key())
                + " iterated "
                + TestBytes.describe(e.value())
                + " but get returns "
                + TestBytes.describe(v));
      }
    }
    long twice = seen.values().stream().filter(n -> n > 1).count();
    for (Map.Entry<ByteBuffer, Integer> e : seen.entrySet()) {
      if (e.getValue() > 1 && store.remove(e.getKey().array())) {
        byte[] after = store.get(e.getKey().array());
        if (after != null) {
          unreadable.add(
              TestBytes.describe(e.getKey().array())
                  + " still reads "
                  + TestBytes.describe(after)
                  + " after its removal");
        }
      }
    }
    String numbers =
        "iterated "
            + entries
            + " ("
            + seen.size()
            + " distinct keys, "
            + twice
            + " returned more than once; disagreeing with get: "
            + head(unreadable)
            + "), size "
            + size
            + ", payload "
            + payload
            + ", "
            + s;
    assertEquals(entries, size, numbers);
    assertEquals(entries, s.entries(), numbers);
    assertTrue(s.liveBytes() >= payload, numbers);
    assertTrue(s.liveBytes() <= payload + 32 * entries, numbers);
  }

  /** A store with no listener, no expirer and the system clock. */
  private static ByteStore openQuiet(EvictionPolicy policy, long capacity, int shards) {
    return ByteStore.open(
        StoreConfig.builder(capacity)
            .shards(shards)
            .evictionPolicy(policy)
            .expirationIntervalMillis(0)
            .build());
  }

  static ByteStore open(EvictionPolicy policy, AtomicLong clock, RemovalListener listener) {
    return ByteStore.open(
        StoreConfig.builder(CAPACITY)
            .name("stress-" + policy)
            .segmentSize(SEGMENT)
            .shards(4)
            .evictionPolicy(policy)
            .clock(clock::get)
            .expirationIntervalMillis(5)
            .removalListener(listener, EnumSet.allOf(RemovalCause.class))
            .build());
  }

  /**
   * Waits (up to 5 s) until the counters equal the reports received, twice in a row: the background
   * expirer may be between removing entries and reporting them.
   */
  private static StoreStats awaitReportsMatchCounters(ByteStore store, Queue<Report> reports)
      throws InterruptedException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    int agreeing = 0;
    StoreStats s;
    do {
      Thread.sleep(20);
      s = store.stats();
      boolean agree =
          s.evictions() == count(reports, RemovalCause.EVICTED)
              && s.expirations() == count(reports, RemovalCause.EXPIRED)
              && s.removals() == count(reports, RemovalCause.EXPLICIT);
      agreeing = agree ? agreeing + 1 : 0;
    } while (agreeing < 2 && System.nanoTime() < deadline);
    return s;
  }

  private static long count(Queue<Report> reports, RemovalCause cause) {
    return reports.stream().filter(r -> r.cause() == cause).count();
  }

  static List<String> head(List<String> failures) {
    return failures.subList(0, Math.min(failures.size(), 15));
  }
}
