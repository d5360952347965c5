package io.cairn.engine;

import static io.cairn.engine.TestBytes.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What every policy promises when the store is full: the byte bound holds, the write that needed
 * room succeeds and is readable, and every entry that disappears is counted and reported EVICTED.
 */
interface EvictionContract extends StoreContract {

  /** The small store eviction tests fill: 1 MiB in 64 segments of 16 KiB, over 2 shards. */
  long SMALL_CAPACITY = 1L << 20;

  int SMALL_SEGMENT = 16 << 10;

  @Test
  default void put_tenTimesCapacity_staysBoundedAndReportsEveryEviction() {
    ByteStore s = openSmall(2);
    int n = (int) (10 * SMALL_CAPACITY / 200);
    long maxCommitted = 0;
    for (int i = 0; i < n; i++) {
      byte[] value = valueFor(i);
      s.put(keyFor(i), value, ByteStore.ETERNAL);
      assertArrayEquals(value, s.get(keyFor(i)), "the value just written");
      if (i % 97 == 0) {
        maxCommitted = Math.max(maxCommitted, s.stats().committedBytes());
      }
    }
    StoreStats stats = s.stats();
    assertTrue(maxCommitted <= SMALL_CAPACITY, "committedBytes peaked at " + maxCommitted);
    assertTrue(stats.committedBytes() <= stats.capacityBytes(), stats::toString);
    assertTrue(stats.evictions() > 0, stats::toString);
    assertEvictedXorReadable(s, n);
  }

  @Test
  default void put_largeValuesFarBeyondCapacity_keepsTheStoreUsable() {
    ByteStore s = openSmall(2);
    int length = SMALL_SEGMENT * 6 / 10; // one item per segment: the worst fragmentation
    int n = (int) (8 * SMALL_CAPACITY / length);
    for (int i = 0; i < n; i++) {
      byte[] value = bytes(length, i);
      s.put(keyFor(i), value, ByteStore.ETERNAL);
      assertArrayEquals(value, s.get(keyFor(i)), "the value just written, key " + i);
      assertTrue(s.stats().committedBytes() <= SMALL_CAPACITY, () -> s.stats().toString());
    }
    assertTrue(s.stats().entries() >= 8, () -> "a full store holds more than a few: " + s.stats());
  }

  @Test
  default void put_mixedSizesBeyondCapacity_staysBoundedAndReportsEveryEviction() {
    ByteStore s = openSmall(2);
    int n = 6_000;
    for (int i = 0; i < n; i++) {
      s.put(keyFor(i), valueFor(i), ByteStore.ETERNAL);
      if (i % 50 == 0) {
        s.put(keyFor(1_000_000 + i), bytes(SMALL_SEGMENT / 2, i), ByteStore.ETERNAL);
        s.remove(keyFor(1_000_000 + i));
      }
    }
    assertTrue(s.stats().committedBytes() <= SMALL_CAPACITY, () -> s.stats().toString());
    assertEvictedXorReadable(s, n);
  }

  @Test
  default void put_moreTtlBucketsThanSegments_acceptsEveryWrite() {
    // 256 TTLs 8 s apart need 256 open segments; the small store has 64
    ByteStore s = openSmall(1);
    for (int i = 0; i < 4_000; i++) {
      long ttl = 1_000 + 8_000L * (i % 256);
      byte[] value = valueFor(i);
      s.put(keyFor(i), value, now() + ttl);
      assertArrayEquals(value, s.get(keyFor(i)), "the value just written");
    }
    assertTrue(s.stats().committedBytes() <= SMALL_CAPACITY, () -> s.stats().toString());
    assertTrue(s.stats().entries() > 0, () -> s.stats().toString());
  }

  /**
   * Beyond the Javadoc, from the design brief (fragmentation is what users of off-heap caches
   * complain of) and segcache's eager removal of emptied segments: space freed by removals is
   * reused before any live entry is evicted. A fifth of the store stays live while ten times its
   * capacity is written and removed again.
   */
  @Test
  default void putAndRemove_churnBesideALiveFifth_evictsNothing() {
    ByteStore s = openSmall(2);
    int live = (int) (SMALL_CAPACITY / 5 / 250);
    for (int i = 0; i < live; i++) {
      s.put(keyFor(i), valueFor(i), ByteStore.ETERNAL);
    }
    for (int i = live; i < live + 10 * SMALL_CAPACITY / 250; i++) {
      s.put(keyFor(i), valueFor(i), ByteStore.ETERNAL);
      s.remove(keyFor(i));
    }
    List<RemovalRecorder.Removal> evicted = removals().withCause(RemovalCause.EVICTED);
    assertEquals(
        0,
        evicted.size(),
        () ->
            evicted.size()
                + " of the "
                + live
                + " live entries evicted"
                + " while four fifths of the store held only removed items; first: "
                + evicted.subList(0, Math.min(3, evicted.size())));
    for (int i = 0; i < live; i++) {
      assertArrayEquals(valueFor(i), s.get(keyFor(i)), "live key");
    }
  }

  @Test
  default void evict_keysOverwrittenManyTimes_reportsOnlyTheirLiveValues() {
    ByteStore s = openSmall(2);
    int keys = 200;
    int[] version = new int[keys];
    for (int round = 0; round < 5; round++) {
      for (int i = 0; i < keys; i++) {
        s.put(keyFor(i), bytes(100, i * 100L + version[i]), ByteStore.ETERNAL);
        version[i]++;
      }
    }
    removals().reset();
    for (int i = keys; i < keys + 20 * SMALL_CAPACITY / 250; i++) {
      s.put(keyFor(i), valueFor(i), ByteStore.ETERNAL);
    }
    List<String> wrong = new ArrayList<>();
    Set<Integer> reported = new HashSet<>();
    for (RemovalRecorder.Removal r : removals().all()) {
      int i = ByteBuffer.wrap(r.key()).getInt();
      if (i < keys) {
        boolean live = java.util.Arrays.equals(bytes(100, i * 100L + version[i] - 1), r.value());
        if (r.cause() != RemovalCause.EVICTED || !live || !reported.add(i)) {
          wrong.add("key " + i + ": " + r + (live ? "" : " (an overwritten value)"));
        }
      }
    }
    assertEquals(List.of(), wrong.subList(0, Math.min(10, wrong.size())), wrong.size() + " wrong");
    for (int i = 0; i < keys; i++) {
      byte[] v = s.get(keyFor(i));
      assertTrue(
          (v != null) != reported.contains(i), "key " + i + " readable xor reported evicted");
    }
  }

  @Test
  default void put_smallestStoreTheConfigAllows_acceptsEveryWrite() {
    int segment = StoreConfig.MIN_SEGMENT_SIZE;
    for (int shards : new int[] {1, 4}) {
      ByteStore s =
          harness()
              .reopen(
                  b -> b.capacityBytes(2L * shards * segment).segmentSize(segment).shards(shards));
      for (int i = 0; i < 2_000; i++) {
        byte[] value = i % 100 == 99 ? bytes(segment - 256, i) : valueFor(i);
        s.put(keyFor(i), value, ByteStore.ETERNAL);
        assertArrayEquals(value, s.get(keyFor(i)), "shards=" + shards + ", the value just written");
        assertTrue(
            s.stats().committedBytes() <= s.stats().capacityBytes(), () -> s.stats().toString());
      }
    }
  }

  @Test
  default void put_overwriteThatEvictsTheOldItem_reportsTheOldValueOnce() {
    int segment = StoreConfig.MIN_SEGMENT_SIZE;
    ByteStore s =
        harness().reopen(b -> b.capacityBytes(2L * segment).segmentSize(segment).shards(1));
    int writes = 200;
    for (int v = 0; v < writes; v++) {
      s.put(keyFor(0), bytes(1_500, v), ByteStore.ETERNAL); // two fit a segment
      assertArrayEquals(bytes(1_500, v), s.get(keyFor(0)), "latest value " + v);
      byte[] other = bytes(1_000, -v - 1);
      Commits.update(s, keyFor(1), seen -> other, ByteStore.ETERNAL);
      assertArrayEquals(other, s.get(keyFor(1)), "the value the commit just wrote");
    }
    List<String> wrong = new ArrayList<>();
    Set<Integer> reported = new HashSet<>();
    for (RemovalRecorder.Removal r : removals().forKey(keyFor(0))) {
      int v = -1;
      for (int c = 0; c < writes; c++) {
        if (java.util.Arrays.equals(bytes(1_500, c), r.value())) {
          v = c;
        }
      }
      if (v < 0 || !reported.add(v) || r.cause() == RemovalCause.EXPLICIT) {
        wrong.add(r.toString());
      }
    }
    assertEquals(List.of(), wrong, "reports of key 0 that are foreign or repeated");
    int live = s.get(keyFor(0)) == null ? 0 : 1;
    assertEquals(writes - live, reported.size(), "every value but a live last one is reported");
  }

  @Test
  default void evict_amidOverwritesReadsAndRemovals_leavesOneEntryPerKeyAndRemovalsFinal() {
    ByteStore s = openSmall(4);
    java.util.SplittableRandom r = new java.util.SplittableRandom(42);
    int keys = 300;
    for (int step = 0; step < 100_000; step++) {
      harness().advance(1);
      int i = r.nextInt(keys);
      long at = r.nextInt(4) == 0 ? now() + 50 + r.nextInt(500) : ByteStore.ETERNAL;
      byte[] value = bytes(20 + r.nextInt(1_200), step);
      switch (r.nextInt(12)) {
        case 0, 1, 2 -> s.put(keyFor(i), value, at);
        case 3, 4 -> s.get(keyFor(i));
        case 5 -> s.remove(keyFor(i));
        case 6 -> s.touch(keyFor(i), at);
        case 7 -> s.replace(keyFor(i), value, at);
        case 8 -> Commits.update(s, keyFor(i), seen -> value, at);
        case 9 -> s.putIfAbsent(keyFor(i), value, at);
        case 10 -> s.put(keyFor(keys + step), valueFor(step), ByteStore.ETERNAL); // one-off fill
        default -> {
          if (r.nextInt(5_000) == 0) {
            s.clear();
          }
        }
      }
    }
    java.util.Map<ByteBuffer, Integer> seen = new java.util.HashMap<>();
    List<String> wrong = new ArrayList<>();
    for (java.util.Iterator<StoreEntry> it = s.iterator(); it.hasNext(); ) {
      StoreEntry e = it.next();
      if (seen.merge(ByteBuffer.wrap(e.key()), 1, Integer::sum) > 1) {
        wrong.add("returned twice: " + TestBytes.describe(e.key()));
      }
      if (!java.util.Arrays.equals(e.value(), s.get(e.key()))) {
        wrong.add("iterator and get disagree on " + TestBytes.describe(e.key()));
      }
    }
    for (ByteBuffer k : seen.keySet()) {
      s.remove(k.array());
      if (s.get(k.array()) != null) {
        wrong.add("readable after its removal: " + TestBytes.describe(k.array()));
      }
    }
    assertEquals(List.of(), wrong.subList(0, Math.min(10, wrong.size())), wrong.size() + " wrong");
    assertTrue(!s.iterator().hasNext(), "nothing left to iterate");
  }

  /** Opens the small store with {@code shards} shards. */
  default ByteStore openSmall(int shards) {
    return harness()
        .reopen(b -> b.capacityBytes(SMALL_CAPACITY).segmentSize(SMALL_SEGMENT).shards(shards));
  }

  /** Key {@code i} of an eviction test: 4 to 19 bytes, so items differ in size. */
  default byte[] keyFor(int i) {
    byte[] k = new byte[4 + (i & 15)];
    ByteBuffer.wrap(k).putInt(i);
    return k;
  }

  /** The value written for key {@code i}: 50 to 350 bytes. */
  default byte[] valueFor(int i) {
    return bytes(50 + (int) Math.floorMod(TestBytes.mix(i), 300L), i);
  }

  /**
   * Asserts that each of keys {@code 0..n-1} is either readable with its value or was reported
   * EVICTED exactly once with that value, that nothing else was reported, and that the counters
   * agree with the reports.
   */
  default void assertEvictedXorReadable(ByteStore s, int n) {
    List<RemovalRecorder.Removal> events = removals().all();
    Set<Integer> evicted = new HashSet<>();
    List<String> wrong = new ArrayList<>();
    for (RemovalRecorder.Removal r : events) {
      int i = ByteBuffer.wrap(r.key()).getInt();
      if (r.cause() == RemovalCause.EXPLICIT && i >= 1_000_000) {
        continue; // the large values the mixed-size test removes on purpose
      }
      if (r.cause() != RemovalCause.EVICTED) {
        wrong.add("unexpected cause " + r);
      } else if (!java.util.Arrays.equals(keyFor(i), r.key())) {
        wrong.add("a key never written " + r);
      } else if (!java.util.Arrays.equals(valueFor(i), r.value())) {
        wrong.add("the wrong value for key " + i + ": " + r);
      } else if (!evicted.add(i)) {
        wrong.add("evicted twice: key " + i);
      }
    }
    int readable = 0;
    for (int i = 0; i < n; i++) {
      byte[] v = s.get(keyFor(i));
      if (v == null) {
        if (!evicted.contains(i)) {
          wrong.add("key " + i + " vanished without a report");
        }
      } else {
        readable++;
        if (evicted.contains(i)) {
          wrong.add("key " + i + " reported evicted but still readable");
        } else if (!java.util.Arrays.equals(valueFor(i), v)) {
          wrong.add("key " + i + " reads the wrong value");
        }
      }
    }
    assertEquals(List.of(), wrong.subList(0, Math.min(20, wrong.size())), wrong.size() + " wrong");
    StoreStats stats = s.stats();
    assertEquals(evicted.size(), stats.evictions(), stats::toString);
    assertEquals(readable, stats.entries(), stats::toString);
    assertNotNull(s.get(keyFor(n - 1)), "the last write survives");
  }
}
