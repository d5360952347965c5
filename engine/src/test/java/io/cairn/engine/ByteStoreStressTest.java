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
  private static final int KEYS_PER_OWNER = 600;
  private static final long RUN_MILLIS = 2_000;

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
