package io.cairn.engine;

import static io.cairn.engine.TestBytes.bytes;
import static io.cairn.engine.TestBytes.key;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.engine.segment.SegmentStore;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Values larger than a segment, up to {@link StoreConfig#maxItemBytes()} (a quarter of the
 * capacity): each is stored in a native allocation of its own, counted against the bound, expired,
 * replaced, removed and evicted like any entry, and its bytes go back to the budget once it is
 * gone. The harness store (8 MiB in 64 KiB segments) takes items up to 2 MiB.
 */
interface LargeValuesContract extends StoreContract {

  /** The harness store's largest item: a quarter of its 8 MiB. */
  long MAX_ITEM = StoreHarness.CAPACITY / 4;

  /** The most an item costs beyond key and value (ItemDescriptor.MAX_OVERHEAD). */
  int HEADER = 28;

  /** The longest value {@code key} can have in the harness store. */
  private static int longestValue(byte[] key) {
    return (int) MAX_ITEM - HEADER - key.length;
  }

  private long committed() {
    return store().stats().committedBytes();
  }

  /** Writes a small entry in each shard's way, so the segments they claim are not counted later. */
  private void warmUp() {
    for (int i = 0; i < 64; i++) {
      store().put(key("warm" + i), bytes(40, i), ByteStore.ETERNAL);
    }
  }

  @Test
  default void put_valuesFromASegmentToMaxItemBytes_roundTripThroughEveryReadPath() {
    assertEquals(MAX_ITEM, store().config().maxItemBytes());
    int segment = StoreHarness.SEGMENT_SIZE;
    byte[] k = key("v0");
    int[] lengths = {
      segment - HEADER - k.length, // exactly fills a segment: the largest ordinary item
      segment - HEADER - k.length + 1, // one byte more: the smallest large one
      segment + 3_001,
      300_007,
      (int) MAX_ITEM / 2,
      longestValue(k) // exactly maxItemBytes
    };
    for (int i = 0; i < lengths.length; i++) {
      store().put(key("v" + i), bytes(lengths[i], i), now() + 60_000 + i);
    }
    Map<String, byte[]> iterated = new HashMap<>();
    for (Iterator<StoreEntry> it = store().iterator(); it.hasNext(); ) {
      StoreEntry e = it.next();
      iterated.put(new String(e.key(), java.nio.charset.StandardCharsets.UTF_8), e.value());
    }
    for (int i = 0; i < lengths.length; i++) {
      byte[] expected = bytes(lengths[i], i);
      harness().assertValue(key("v" + i), expected);
      assertTrue(store().containsKey(key("v" + i)));
      assertEquals(now() + 60_000 + i, store().expiryOf(key("v" + i)));
      assertEquals(lengths[i], (int) store().read(key("v" + i), BytesView::length));
      assertArrayEquals(expected, iterated.get("v" + i), "iterated v" + i);
      long version = store().readEntry(key("v" + i), (v, e, ver) -> ver);
      assertNotEquals(ByteStore.ABSENT, version);
    }
    StoreStats stats = store().stats();
    assertEquals(lengths.length, stats.entries(), stats::toString);
    assertEquals(0, stats.evictions(), stats::toString);
    assertTrue(stats.liveBytes() > 3 * MAX_ITEM / 2, () -> "live bytes count them: " + stats);
    assertTrue(stats.committedBytes() >= stats.liveBytes(), stats::toString);
  }

  @Test
  default void writes_largeValues_workThroughEveryWriteOperation() {
    int length = 200_000;
    assertTrue(store().putIfAbsent(key("a"), bytes(length, 1), ByteStore.ETERNAL));
    assertFalse(store().putIfAbsent(key("a"), bytes(length, 2), ByteStore.ETERNAL));
    assertTrue(store().replace(key("a"), bytes(length + 8, 3), ByteStore.ETERNAL));
    assertTrue(store().replace(key("a"), bytes(length + 8, 3), bytes(length, 4), now() + 500));
    assertFalse(store().replace(key("absent"), bytes(length, 5), ByteStore.ETERNAL));
    harness().assertValue(key("a"), bytes(length, 4));
    long version = store().readEntry(key("a"), (v, e, ver) -> ver);
    assertTrue(store().commit(key("a"), version, bytes(length * 2, 6), ByteStore.ETERNAL));
    assertFalse(store().commit(key("a"), version, bytes(length, 7), ByteStore.ETERNAL));
    assertTrue(store().touch(key("a"), now() + 1_000));
    assertEquals(now() + 1_000, store().expiryOf(key("a")));
    Commits.update(store(), key("c"), seen -> bytes(length * 3, 8), ByteStore.ETERNAL);
    harness().assertValue(key("a"), bytes(length * 2, 6));
    harness().assertValue(key("c"), bytes(length * 3, 8));
    assertEquals(2, store().size());
    assertEquals(List.of(), removals().withCause(RemovalCause.EVICTED));
    assertEquals(3, removals().withCause(RemovalCause.REPLACED).size(), removals().all()::toString);
  }

  @Test
  default void writes_oneByteOverMaxItemBytes_refuseNamingLengthsLimitAndWhereItComesFrom() {
    store().put(key("k"), bytes(100_000, -1), ByteStore.ETERNAL);
    removals().reset();
    byte[] k = key("k");
    byte[] fits = bytes(longestValue(k), 1);
    byte[] over = bytes(longestValue(k) + 1, 2);
    Map<String, Consumer<ByteStore>> writes = Outcomes.everyWrite(bytes(100_000, -1), over);
    writes.forEach(
        (name, write) -> {
          ItemTooLargeException e =
              assertThrows(ItemTooLargeException.class, () -> write.accept(store()), name);
          assertEquals(MAX_ITEM, e.limit(), name);
          assertEquals(over.length, e.valueLength(), name);
          assertFalse(e.keyTooLong(), name);
          String m = e.getMessage();
          for (String part :
              new String[] {
                "key length=" + e.keyLength(),
                "value length=" + over.length,
                "maxItemBytes=" + MAX_ITEM,
                "a quarter of capacityBytes=" + StoreHarness.CAPACITY
              }) {
            assertTrue(
                m.contains(part), () -> name + ": the message should name " + part + ": " + m);
          }
          harness().assertValue(key("k"), bytes(100_000, -1));
          harness().assertAbsent(key("new"));
        });
    assertEquals(List.of(), removals().all(), "a refused write reports nothing");
    store().put(key("k"), fits, ByteStore.ETERNAL);
    harness().assertValue(key("k"), fits);
  }

  @Test
  default void maxItemBytes_smallAndLargeStores_refusalsNameTheSegmentOrTheHeaderLimit() {
    int segment = StoreHarness.SEGMENT_SIZE;
    ByteStore tiny = harness().reopen(b -> b.capacityBytes(2L * segment).shards(1));
    assertEquals(segment, tiny.config().maxItemBytes(), "a quarter of two segments is less");
    ItemTooLargeException e =
        assertThrows(
            ItemTooLargeException.class,
            () -> tiny.put(key("k"), new byte[segment - HEADER], ByteStore.ETERNAL));
    assertTrue(e.getMessage().contains("one segment of segmentSize=" + segment), e.getMessage());
    tiny.put(key("k"), new byte[segment - HEADER - 1], ByteStore.ETERNAL);

    ByteStore big = harness().reopen(b -> b.capacityBytes(256L << 20));
    assertEquals(StoreConfig.MAX_ITEM_BYTES, big.config().maxItemBytes());
    e =
        assertThrows(
            ItemTooLargeException.class,
            () -> big.put(key("k"), new byte[StoreConfig.MAX_ITEM_BYTES], ByteStore.ETERNAL));
    assertEquals(StoreConfig.MAX_ITEM_BYTES, e.limit());
    assertTrue(e.getMessage().contains("16 MiB limit of the item header"), e.getMessage());
    assertEquals(0, big.size());
  }

  @Test
  default void largeValue_expiredOnRead_reportedExpiredAndItsBytesGoBack() {
    warmUp();
    long before = committed();
    byte[] value = bytes(1 << 20, 1);
    store().put(key("big"), value, now() + 1_000);
    assertTrue(committed() >= before + value.length, () -> store().stats().toString());
    harness().advance(1_000);
    assertNull(store().get(key("big")));
    removals().assertOnly(RemovalCause.EXPIRED, key("big"), value);
    assertEquals(before, committed(), () -> store().stats().toString());
    assertEquals(64, store().size());
  }

  @Test
  default void largeValue_expiredByTheExpirer_reportedWithoutAnyRead() throws InterruptedException {
    ByteStore s = harness().reopen(b -> b.expirationIntervalMillis(5));
    warmUp();
    long before = committed();
    byte[] value = bytes(1 << 20, 2);
    s.put(key("big"), value, now() + 1_000);
    s.put(key("bigToo"), bytes(300_000, 3), ByteStore.ETERNAL);
    harness().advance(1_000);
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (removals().all().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    removals().assertOnly(RemovalCause.EXPIRED, key("big"), value);
    assertEquals(1, s.stats().expirations());
    assertTrue(committed() < before + value.length, () -> s.stats().toString());
    harness().assertValue(key("bigToo"), bytes(300_000, 3));
  }

  @Test
  default void largeValue_replacedBySmallAndBack_reportsEachReplacedValueAndFreesTheLargeBytes() {
    warmUp();
    long before = committed();
    byte[] large = bytes(700_000, 1);
    byte[] small = bytes(100, 2);
    byte[] larger = bytes(900_000, 3);
    store().put(key("k"), large, ByteStore.ETERNAL);
    store().put(key("k"), small, ByteStore.ETERNAL);
    harness().assertValue(key("k"), small);
    removals().assertOnly(RemovalCause.REPLACED, key("k"), large);
    assertEquals(before, committed(), "the large item's bytes went back");
    removals().reset();
    store().put(key("k"), larger, ByteStore.ETERNAL);
    harness().assertValue(key("k"), larger);
    removals().assertOnly(RemovalCause.REPLACED, key("k"), small);
    removals().reset();
    store().put(key("k"), large, ByteStore.ETERNAL);
    harness().assertValue(key("k"), large);
    removals().assertOnly(RemovalCause.REPLACED, key("k"), larger);
    // 8 bytes of segment header, 20 of item header (a large item carries its expiry whole, and a
    // value of 512 KiB or more its length in a word of its own), the 1-byte key, 3 of padding.
    assertEquals(before + large.length + 32, committed(), "only the live large item is held");
    removals().reset();
    assertTrue(store().remove(key("k")));
    harness().assertAbsent(key("k"));
    removals().assertOnly(RemovalCause.EXPLICIT, key("k"), large);
    assertEquals(before, committed());
  }

  @Test
  default void clear_withLargeValues_givesTheirBytesBackAndTheStoreWorksOn() {
    warmUp();
    for (int i = 0; i < 5; i++) { // the index makes room for the keys now: it does not shrink
      store().put(key("big" + i), bytes(8, i), ByteStore.ETERNAL);
    }
    long before = committed();
    for (int i = 0; i < 5; i++) {
      store().put(key("big" + i), bytes(500_000 + i, i), ByteStore.ETERNAL);
    }
    assertTrue(committed() > before + 2_500_000, () -> store().stats().toString());
    removals().reset(); // the small values' replacements
    store().clear();
    assertEquals(0, store().size());
    assertTrue(committed() <= before, () -> before + " before, after clear " + store().stats());
    assertEquals(List.of(), removals().all(), "clear reports nothing");
    store().put(key("big0"), bytes(500_000, 9), ByteStore.ETERNAL);
    harness().assertValue(key("big0"), bytes(500_000, 9));
    harness().assertAbsent(key("big1"));
  }

  @Test
  default void close_withLargeValues_returnsEveryNativeByte() {
    ByteStore s = store();
    for (int i = 0; i < 6; i++) {
      s.put(key("big" + i), bytes(400_000 + i, i), ByteStore.ETERNAL);
      s.put(key("small" + i), bytes(100, i), ByteStore.ETERNAL);
    }
    s.put(key("big0"), bytes(100, 0), ByteStore.ETERNAL); // one released before the close
    assertTrue(((SegmentStore) s).allocatedBytes() > 2_000_000);
    s.close();
    assertEquals(0, ((SegmentStore) s).allocatedBytes(), "native bytes held after close");
  }

  /**
   * Small writes far beyond the capacity, after large values: every large value is readable or was
   * reported EVICTED once with its bytes; the bound holds throughout. Every policy but UTIL (which
   * evicts the least live segment first, never a full large one while small ones exist) and RANDOM
   * (which may spare one by chance) evicts the large values, which are never read.
   */
  @Test
  default void smallWrites_afterLargeValues_evictThemAndReportThemEvicted() {
    int large = 6;
    for (int i = 0; i < large; i++) {
      store().put(key("big" + i), bytes(1_000_000 + i, i), ByteStore.ETERNAL);
    }
    long max = 0;
    int n = (int) (3 * StoreHarness.CAPACITY / 300);
    for (int i = 0; i < n; i++) {
      store().put(key("small" + i), bytes(250, i), ByteStore.ETERNAL);
      max = Math.max(max, committed());
    }
    assertTrue(max <= StoreHarness.CAPACITY, "committedBytes peaked at " + max);
    int evicted = 0;
    for (int i = 0; i < large; i++) {
      List<RemovalRecorder.Removal> reports = removals().forKey(key("big" + i));
      byte[] v = store().get(key("big" + i));
      if (v == null) {
        assertEquals(1, reports.size(), () -> "reports " + reports);
        assertEquals(RemovalCause.EVICTED, reports.get(0).cause());
        assertArrayEquals(bytes(1_000_000 + i, i), reports.get(0).value());
        evicted++;
      } else {
        assertEquals(List.of(), reports);
        assertArrayEquals(bytes(1_000_000 + i, i), v);
      }
    }
    EvictionPolicy policy = harness().policy();
    if (policy != EvictionPolicy.UTIL && policy != EvictionPolicy.RANDOM) {
      assertEquals(large, evicted, "large values never read");
    }
    harness().assertValue(key("small" + (n - 1)), bytes(250, n - 1));
  }

  /**
   * A store full of small live entries, over eight shards so that no shard alone holds a quarter of
   * the capacity, takes a value of maxItemBytes: more entries are evicted for it than one shard
   * holds (224-byte items), each reported once; the value is readable; the bound holds at every
   * removal report.
   */
  @Test
  default void put_maxItemIntoAStoreFullOfSmallEntries_evictsAcrossShardsAndStaysBounded() {
    AtomicReference<ByteStore> ref = new AtomicReference<>();
    AtomicLong maxCommitted = new AtomicLong();
    ByteStore s =
        harness()
            .reopen(
                b ->
                    b.shards(8)
                        .removalListener(
                            (k, v, cause) -> {
                              removals().onRemoval(k, v, cause);
                              maxCommitted.accumulateAndGet(
                                  ref.get().stats().committedBytes(), Math::max);
                            },
                            EnumSet.allOf(RemovalCause.class)));
    ref.set(s);
    int n = 0;
    while (s.stats().evictions() == 0) {
      s.put(smallKey(n), bytes(200, n), ByteStore.ETERNAL);
      n++;
    }
    removals().reset();
    long evictionsBefore = s.stats().evictions();
    byte[] k = key("big");
    byte[] value = bytes(longestValue(k), 7);
    s.put(k, value, ByteStore.ETERNAL);
    harness().assertValue(key("big"), value);
    assertTrue(maxCommitted.get() <= StoreHarness.CAPACITY, "peaked at " + maxCommitted);
    assertTrue(s.stats().committedBytes() <= StoreHarness.CAPACITY, s.stats()::toString);
    long evicted = s.stats().evictions() - evictionsBefore;
    long oneShard = StoreHarness.CAPACITY / 8; // each shard holds about its eighth
    assertTrue(evicted * 224 > oneShard * 5 / 4, () -> "evicted " + evicted + ": " + s.stats());
    List<String> wrong = new ArrayList<>();
    int readable = 0;
    java.util.Set<Integer> reported = new java.util.HashSet<>();
    for (RemovalRecorder.Removal r : removals().all()) {
      int i = ByteBuffer.wrap(r.key()).getInt(1);
      if (r.cause() != RemovalCause.EVICTED
          || !java.util.Arrays.equals(bytes(200, i), r.value())
          || !reported.add(i)) {
        wrong.add(r.toString());
      }
    }
    for (int i = 0; i < n; i++) {
      byte[] v = s.get(smallKey(i));
      if (v != null) {
        readable++;
        if (reported.contains(i) || !java.util.Arrays.equals(bytes(200, i), v)) {
          wrong.add("key " + i + " readable but reported, or wrong");
        }
      }
    }
    assertEquals(List.of(), wrong.subList(0, Math.min(10, wrong.size())), wrong.size() + " wrong");
    assertEquals(readable + 1, s.stats().entries(), s.stats()::toString);
  }

  /**
   * Large values of random sizes written, overwritten and removed far beyond the capacity: the
   * bound holds after every write, and every key reads its last value or nothing, in which case
   * that value was reported removed.
   */
  @Test
  default void largeValues_churnFarBeyondCapacity_eachKeyLastValueOrReportedGone() {
    SplittableRandom random = new SplittableRandom(18);
    int keys = 40;
    byte[][] last = new byte[keys][];
    for (int step = 0; step < 150; step++) {
      int i = random.nextInt(keys);
      if (random.nextInt(10) == 0) {
        store().remove(key("k" + i));
        last[i] = null;
      } else {
        int length = StoreHarness.SEGMENT_SIZE + random.nextInt((int) MAX_ITEM / 4);
        last[i] = bytes(length, step);
        store().put(key("k" + i), last[i], ByteStore.ETERNAL);
      }
      assertTrue(committed() <= StoreHarness.CAPACITY, () -> store().stats().toString());
    }
    for (int i = 0; i < keys; i++) {
      byte[] v = store().get(key("k" + i));
      if (v != null) {
        assertArrayEquals(last[i], v, "key " + i);
      } else if (last[i] != null) {
        List<RemovalRecorder.Removal> reports = removals().forKey(key("k" + i));
        assertFalse(reports.isEmpty(), "key " + i + " vanished without a report");
        RemovalRecorder.Removal r = reports.get(reports.size() - 1);
        assertEquals(RemovalCause.EVICTED, r.cause(), "key " + i);
        assertArrayEquals(last[i], r.value(), "key " + i + ": its last value reported");
      }
    }
    assertTrue(store().stats().evictions() > 0, () -> store().stats().toString());
  }

  private static byte[] smallKey(int i) {
    byte[] k = new byte[5];
    k[0] = 's';
    ByteBuffer.wrap(k).putInt(1, i);
    return k;
  }
}
