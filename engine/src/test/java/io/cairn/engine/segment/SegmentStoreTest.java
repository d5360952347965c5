package io.cairn.engine.segment;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.engine.ByteStore;
import io.cairn.engine.EvictionPolicy;
import io.cairn.engine.RemovalCause;
import io.cairn.engine.StoreConfig;
import io.cairn.engine.StoreStats;
import java.util.EnumSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Internal behaviour of the segment store: index growth, relocation, the byte bound. */
class SegmentStoreTest {

  private final AtomicLong clock = new AtomicLong(1_000_000);

  private StoreConfig.Builder config(long capacity) {
    return StoreConfig.builder(capacity).clock(clock::get).expirationIntervalMillis(0);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(UTF_8);
  }

  @Test
  void put_manyKeys_indexGrowsAndEveryKeyStaysReadable() {
    try (ByteStore store = ByteStore.open(config(64 << 20).shards(2).build())) {
      for (int i = 0; i < 100_000; i++) {
        store.put(bytes("key-" + i), bytes("value-" + i), ByteStore.ETERNAL);
      }
      assertEquals(100_000, store.size());
      for (int i = 0; i < 100_000; i++) {
        assertArrayEquals(bytes("value-" + i), store.get(bytes("key-" + i)), "key-" + i);
      }
      StoreStats stats = store.stats();
      assertEquals(0, stats.evictions());
      assertTrue(stats.committedBytes() <= stats.capacityBytes());
    }
  }

  @Test
  void put_farBeyondCapacity_evictsWholeSegmentsAndStaysWithinBound() {
    for (EvictionPolicy policy : EvictionPolicy.values()) {
      try (ByteStore store =
          ByteStore.open(config(1 << 20).segmentSize(16 << 10).evictionPolicy(policy).build())) {
        byte[] value = new byte[200];
        for (int i = 0; i < 50_000; i++) {
          store.put(bytes("k" + i), value, i % 2 == 0 ? ByteStore.ETERNAL : clock.get() + 600_000);
          assertTrue(store.stats().committedBytes() <= 1 << 20, policy + " over bound at " + i);
        }
        StoreStats stats = store.stats();
        assertTrue(stats.evictions() > 0, policy + ": " + stats);
        assertEquals(stats.entries(), store.size());
        assertTrue(store.size() > 1000, policy + ": " + stats);
        assertArrayEquals(value, store.get(bytes("k49999")), policy.toString());
      }
    }
  }

  @Test
  void expire_segmentWithExtendedItem_keepsItAndReportsOnlyTheExpired() {
    ConcurrentHashMap<String, RemovalCause> removed = new ConcurrentHashMap<>();
    try (SegmentStore store =
        (SegmentStore)
            ByteStore.open(
                config(4 << 20)
                    .shards(1)
                    .removalListener(
                        (k, v, cause) -> removed.put(new String(k, UTF_8), cause),
                        EnumSet.allOf(RemovalCause.class))
                    .build())) {
      long t0 = clock.get();
      store.put(bytes("short"), bytes("a"), t0 + 5_000);
      store.put(bytes("extended"), bytes("b"), t0 + 5_000);
      assertTrue(store.touch(bytes("extended"), t0 + 60_000));
      clock.set(t0 + 5_000);
      store.expireNow();
      assertEquals(RemovalCause.EXPIRED, removed.get("short"));
      assertFalse(removed.containsKey("extended"));
      assertArrayEquals(bytes("b"), store.get(bytes("extended")));
      assertEquals(t0 + 60_000, store.expiryOf(bytes("extended")));
      clock.set(t0 + 60_000);
      store.expireNow();
      assertEquals(RemovalCause.EXPIRED, removed.get("extended"));
      assertEquals(0, store.size());
    }
  }

  @Test
  void expire_earliestItemOfSegment_isSweptAloneWithoutTouchingOthers() {
    ConcurrentHashMap<String, RemovalCause> removed = new ConcurrentHashMap<>();
    try (SegmentStore store =
        (SegmentStore)
            ByteStore.open(
                config(4 << 20)
                    .shards(1)
                    .removalListener(
                        (k, v, cause) -> removed.put(new String(k, UTF_8), cause),
                        EnumSet.of(RemovalCause.EXPIRED))
                    .build())) {
      long t0 = clock.get();
      store.put(bytes("one"), bytes("1"), t0 + 1_000);
      store.put(bytes("two"), bytes("2"), t0 + 7_000); // same 8 s TTL bucket, same segment
      clock.set(t0 + 1_000);
      store.expireNow();
      assertEquals(RemovalCause.EXPIRED, removed.get("one"));
      assertNull(removed.get("two"));
      assertEquals(1, store.size());
    }
  }

  @Test
  void readsAndWrites_racingOnSmallStore_neverSeeForeignOrTornValues() throws Exception {
    try (ByteStore store =
        ByteStore.open(
            StoreConfig.builder(1 << 20)
                .segmentSize(8 << 10)
                .shards(2)
                .expirationIntervalMillis(1)
                .build())) {
      int threads = 4;
      java.util.List<Thread> workers = new java.util.ArrayList<>();
      AtomicReference<Throwable> failure = new AtomicReference<>();
      long deadline = System.nanoTime() + 1_000_000_000L;
      for (int t = 0; t < threads; t++) {
        Thread worker =
            new Thread(
                () -> {
                  java.util.Random random = new java.util.Random();
                  try {
                    while (System.nanoTime() < deadline) {
                      int k = random.nextInt(5_000);
                      byte[] key = bytes("key-" + k);
                      if (random.nextBoolean()) {
                        byte[] value = new byte[1 + random.nextInt(300)];
                        java.util.Arrays.fill(value, (byte) k);
                        store.put(key, value, System.currentTimeMillis() + random.nextInt(50));
                      } else {
                        byte[] value = store.get(key);
                        if (value != null) {
                          for (byte b : value) {
                            if (b != (byte) k) {
                              throw new AssertionError("foreign byte in value of key-" + k);
                            }
                          }
                        }
                      }
                    }
                  } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                  }
                });
        workers.add(worker);
        worker.start();
      }
      for (Thread worker : workers) {
        worker.join();
      }
      if (failure.get() != null) {
        throw new AssertionError(failure.get());
      }
      assertTrue(store.stats().committedBytes() <= 1 << 20);
    }
  }

  @Test
  void close_releasesEveryAllocatedByte() {
    SegmentStore store = (SegmentStore) ByteStore.open(config(32 << 20).build());
    for (int i = 0; i < 100_000; i++) {
      store.put(bytes("key-" + i), new byte[100], ByteStore.ETERNAL);
    }
    assertTrue(store.allocatedBytes() > 10 << 20);
    store.close();
    assertEquals(0, store.allocatedBytes());
    assertTrue(store.isClosed());
  }

  /**
   * Index growth under readers: while one writer inserts 150,000 new keys into one shard (the index
   * grows by an eighth some 25 times, each rebuild a move that fails overlapping optimistic reads),
   * readers of keys written before always get their own value, never a miss.
   */
  @Test
  void get_whileTheIndexGrows_alwaysFindsEarlierKeys() throws Exception {
    try (ByteStore store = ByteStore.open(config(256 << 20).shards(1).build())) {
      int earlier = 5_000;
      for (int i = 0; i < earlier; i++) {
        store.put(bytes("old-" + i), bytes("value-" + i), ByteStore.ETERNAL);
      }
      AtomicBoolean stop = new AtomicBoolean();
      AtomicReference<String> failure = new AtomicReference<>();
      AtomicLong reads = new AtomicLong();
      Thread[] readers = new Thread[2];
      for (int t = 0; t < readers.length; t++) {
        int start = t;
        readers[t] =
            new Thread(
                () -> {
                  for (int i = start; !stop.get(); i = (i + 31) % earlier) {
                    byte[] value = store.get(bytes("old-" + i));
                    if (value == null || !new String(value, UTF_8).equals("value-" + i)) {
                      failure.compareAndSet(null, "old-" + i + " read " + value);
                      return;
                    }
                    reads.incrementAndGet();
                  }
                });
        readers[t].start();
      }
      for (int i = 0; i < 150_000 && failure.get() == null; i++) {
        store.put(bytes("new-" + i), bytes("v" + i), ByteStore.ETERNAL);
      }
      stop.set(true);
      for (Thread reader : readers) {
        reader.join();
      }
      assertNull(failure.get());
      assertTrue(reads.get() > 0);
      assertEquals(earlier + 150_000, store.size());
    }
  }

  private static final long DAY = 86_400_000L;

  /** An item's expiry is a 32-bit delta from its segment's base time, 49.7 days at most. */
  private static final long REACH = ItemDescriptor.MAX_DELTA;

  @Test
  void put_expiryFarBeyondTheDeltasReach_isKeptExactlyAndExpiresOnTime() {
    try (ByteStore store = ByteStore.open(config(8 << 20).shards(1).build())) {
      long far = clock.get() + 400 * DAY + 123;
      store.put(bytes("far"), bytes("v"), far);
      store.put(bytes("near"), bytes("w"), clock.get() + 1_000);
      assertEquals(far, store.expiryOf(bytes("far")));
      clock.addAndGet(400 * DAY + 122);
      assertArrayEquals(bytes("v"), store.get(bytes("far")));
      clock.incrementAndGet();
      assertNull(store.get(bytes("far")), "expired at its exact instant");
    }
  }

  @Test
  void put_intoAnOpenSegmentTooOldForItsExpiry_goesToANewSegmentExactly() {
    try (ByteStore store = ByteStore.open(config(8 << 20).shards(1).build())) {
      store.put(bytes("first"), bytes("1"), ByteStore.ETERNAL); // opens a segment now
      clock.addAndGet(40 * DAY);
      long expireAt = clock.get() + 20 * DAY + 7; // 60 days past the open segment's base
      int before = store.stats().activeSegments() + store.stats().sealedSegments();
      store.put(bytes("second"), bytes("2"), expireAt);
      assertEquals(expireAt, store.expiryOf(bytes("second")));
      assertEquals(ByteStore.ETERNAL, store.expiryOf(bytes("first")));
      assertEquals(before + 1, store.stats().activeSegments() + store.stats().sealedSegments());
    }
  }

  /**
   * A touch whose new instant the item's expiry word cannot say (beyond 49.7 days past its
   * segment's base) rewrites the item: the instant is exact, the value unchanged, and the rewrite
   * is neither a put nor a reported replacement. A touch within reach stays in place.
   */
  @Test
  void touch_beyondTheDeltasReach_rewritesTheItemQuietlyAndExactly() {
    java.util.List<RemovalCause> reported = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (ByteStore store =
        ByteStore.open(
            config(8 << 20)
                .shards(1)
                .removalListener(
                    (k, v, cause) -> reported.add(cause), EnumSet.allOf(RemovalCause.class))
                .build())) {
      store.put(bytes("k"), bytes("value"), clock.get() + 3_600_000);
      long puts = store.stats().puts();
      long far = clock.get() + REACH + 5 * DAY;
      assertTrue(store.touch(bytes("k"), far));
      assertEquals(far, store.expiryOf(bytes("k")));
      assertArrayEquals(bytes("value"), store.get(bytes("k")));
      assertEquals(puts, store.stats().puts());
      assertEquals(1, store.size());
      long near = clock.get() + 60_000;
      assertTrue(store.touch(bytes("k"), near));
      assertEquals(near, store.expiryOf(bytes("k")));
      assertTrue(store.touch(bytes("k"), ByteStore.ETERNAL));
      assertEquals(ByteStore.ETERNAL, store.expiryOf(bytes("k")));
      assertEquals(java.util.List.of(), reported);
      assertEquals(
          ItemDescriptor.itemSize(1, 5, ItemDescriptor.Expiry.FAR),
          store.stats().liveBytes(),
          "one far item");
    }
  }

  /** Puts {@code key} and then fillers until just before the first eviction; returns them. */
  private static int fillToTheBound(ByteStore store, int fillers, long expireAt) {
    byte[] value = new byte[200];
    store.put(bytes("k"), bytes("value"), expireAt);
    int i = 0;
    while (i < fillers && store.stats().evictions() == 0) {
      store.put(bytes("filler-" + i++), value, expireAt);
    }
    return i;
  }

  /**
   * A touch beyond reach rewrites the item, and the room for the rewrite may evict the segment
   * holding the item itself (FIFO, a full store, the item in the oldest segment). The eviction is
   * reported, so the rewrite must not put the item back: before, it did, and a key reported evicted
   * stayed readable.
   */
  @Test
  void touch_whoseRewriteEvictsTheItemItself_leavesItEvictedAsReported() {
    java.util.List<String> evicted = new java.util.concurrent.CopyOnWriteArrayList<>();
    StoreConfig.Builder builder =
        config(1 << 20)
            .segmentSize(16 << 10)
            .shards(1)
            .evictionPolicy(EvictionPolicy.FIFO)
            .removalListener(
                (k, v, cause) -> evicted.add(new String(k, UTF_8)),
                EnumSet.of(RemovalCause.EVICTED));
    long expireAt = clock.get() + 3_600_000;
    int fillers;
    try (ByteStore probe = ByteStore.open(builder.build())) {
      fillers = fillToTheBound(probe, Integer.MAX_VALUE, expireAt) - 1; // the last one evicted
    }
    evicted.clear();
    try (ByteStore store = ByteStore.open(builder.build())) {
      fillToTheBound(store, fillers, expireAt);
      assertEquals(0, store.stats().evictions(), "full, nothing evicted yet");
      assertTrue(store.touch(bytes("k"), clock.get() + REACH + 5 * DAY));
      assertTrue(store.stats().evictions() > 0, "the rewrite made room: " + store.stats());
      assertTrue(evicted.contains("k"), "the oldest segment, holding k, was evicted");
      assertNull(store.get(bytes("k")), "reported evicted, so gone");
      assertEquals(-1, store.expiryOf(bytes("k")));
      assertEquals(store.size(), fillers + 1 - evicted.size(), "counts match what is stored");
    }
  }

  /**
   * The cleaner copies live items into segments opened later, with later base times: each copy's
   * expiry is re-encoded for its new segment and must read back exactly.
   */
  @Test
  void clean_itemsCopiedIntoLaterSegments_keepTheirExactExpiry() {
    try (ByteStore store =
        ByteStore.open(config(1 << 20).segmentSize(16 << 10).shards(1).build())) {
      java.util.Map<String, Long> expiries = new java.util.HashMap<>();
      byte[] value = new byte[100];
      for (int round = 0; round < 80; round++) {
        for (int i = 0; i < 330; i++) {
          // 300 keys overwritten every round, 30 new ones kept: segments stay partly live.
          String key = i < 300 ? "k" + i : "cold" + round + "-" + i;
          long expireAt = clock.get() + 45 * DAY + round * 1_000L + i;
          store.put(bytes(key), value, expireAt);
          expiries.put(key, expireAt);
        }
        clock.addAndGet(DAY / 4);
      }
      assertTrue(store.stats().cleanedSegments() > 0, store.stats().toString());
      int present = 0;
      for (java.util.Map.Entry<String, Long> e : expiries.entrySet()) {
        long expiry = store.expiryOf(bytes(e.getKey()));
        if (expiry != -1) { // the bound may have evicted some
          assertEquals(e.getValue(), expiry, e.getKey());
          present++;
        }
      }
      assertTrue(present > expiries.size() / 2, present + " of " + expiries.size());
      assertTrue(store.stats().cleanedSegments() > 0, store.stats().toString());
    }
  }
}
