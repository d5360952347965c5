package io.cairn.engine;

import static io.cairn.engine.TestBytes.bytes;
import static io.cairn.engine.TestBytes.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The counters and gauges of {@link StoreStats}. */
interface StatsContract extends StoreContract {

  @Test
  default void stats_newStore_countsNothingAndKnowsItsCapacity() {
    StoreStats s = store().stats();
    assertEquals(0, s.hits());
    assertEquals(0, s.misses());
    assertEquals(0, s.puts());
    assertEquals(0, s.removals());
    assertEquals(0, s.evictions());
    assertEquals(0, s.expirations());
    assertEquals(0, s.entries());
    assertEquals(0, s.liveBytes());
    assertEquals(StoreHarness.CAPACITY, s.capacityBytes());
    assertTrue(s.committedBytes() <= s.capacityBytes(), s::toString);
  }

  @Test
  default void stats_getAndRead_countHitsAndMisses() {
    store().put(key("k"), bytes(8, 1), ByteStore.ETERNAL);
    store().get(key("k"));
    store().get(key("absent"));
    store().read(key("k"), BytesView::length);
    store().read(key("absent"), BytesView::length);
    store().get(key("k"));
    StoreStats s = store().stats();
    assertEquals(3, s.hits(), s::toString);
    assertEquals(2, s.misses(), s::toString);
  }

  @Test
  default void stats_expiredEntryRead_countsAMiss() {
    store().put(key("k"), bytes(8, 1), now() + 1);
    harness().advance(1);
    store().get(key("k"));
    StoreStats s = store().stats();
    assertEquals(0, s.hits(), s::toString);
    assertEquals(1, s.misses(), s::toString);
    assertEquals(1, s.expirations(), s::toString);
  }

  @Test
  default void stats_containsKey_countsNoHitOrMiss() {
    store().put(key("k"), bytes(8, 1), ByteStore.ETERNAL);
    store().containsKey(key("k"));
    store().containsKey(key("absent"));
    StoreStats s = store().stats();
    assertEquals(0, s.hits(), s::toString);
    assertEquals(0, s.misses(), s::toString);
  }

  @Test
  default void stats_successfulWrites_countPuts() {
    store().put(key("a"), bytes(8, 1), ByteStore.ETERNAL); // 1
    store().put(key("a"), bytes(8, 2), ByteStore.ETERNAL); // 2
    store().putIfAbsent(key("b"), bytes(8, 1), ByteStore.ETERNAL); // 3
    store().putIfAbsent(key("b"), bytes(8, 2), ByteStore.ETERNAL); // refused
    store().replace(key("b"), bytes(8, 3), ByteStore.ETERNAL); // 4
    store().replace(key("absent"), bytes(8, 3), ByteStore.ETERNAL); // refused
    store().replace(key("b"), bytes(8, 3), bytes(8, 4), ByteStore.ETERNAL); // 5
    store().replace(key("b"), bytes(8, 3), bytes(8, 5), ByteStore.ETERNAL); // refused
    store().commit(key("c"), ByteStore.ABSENT, bytes(8, 6), ByteStore.ETERNAL); // 6
    assertEquals(6, store().stats().puts(), () -> store().stats().toString());
  }

  @Test
  default void stats_explicitRemovals_countRemovals() {
    for (String k : new String[] {"a", "b", "c", "d"}) {
      store().put(key(k), bytes(8, 1), ByteStore.ETERNAL);
    }
    store().remove(key("a")); // 1
    store().remove(key("a")); // refused
    store().remove(key("b"), bytes(8, 1)); // 2
    store().remove(key("c"), bytes(8, 2)); // refused
    store().commit(key("d"), Commits.version(store(), key("d")), null, ByteStore.ETERNAL); // 3
    StoreStats s = store().stats();
    assertEquals(3, s.removals(), s::toString);
    assertEquals(1, s.entries(), s::toString);
  }

  @Test
  default void stats_entriesAndLiveBytes_followTheContents() {
    for (int i = 0; i < 100; i++) {
      store().put(key("k" + i), bytes(100, i), ByteStore.ETERNAL);
    }
    StoreStats full = store().stats();
    assertEquals(100, full.entries(), full::toString);
    assertEquals(store().size(), full.entries());
    assertTrue(full.liveBytes() >= 100 * (100 + 2), full::toString);
    assertTrue(full.liveBytes() <= full.committedBytes(), full::toString);
    assertTrue(full.committedBytes() > 0, full::toString);
    assertTrue(full.committedBytes() <= full.capacityBytes(), full::toString);

    for (int i = 0; i < 100; i++) {
      store().put(key("k" + i), bytes(100, -i), ByteStore.ETERNAL);
    }
    StoreStats overwritten = store().stats();
    assertEquals(100, overwritten.entries(), overwritten::toString);
    assertEquals(full.liveBytes(), overwritten.liveBytes(), "same sizes, same live bytes");

    for (int i = 0; i < 100; i++) {
      store().remove(key("k" + i));
    }
    StoreStats empty = store().stats();
    assertEquals(0, empty.entries(), empty::toString);
    assertEquals(0, empty.liveBytes(), empty::toString);
  }

  @Test
  default void stats_segmentGauges_areConsistentWithCommittedBytes() {
    for (int i = 0; i < 3_000; i++) {
      store().put(key("k" + i), bytes(1_000, i), ByteStore.ETERNAL);
    }
    StoreStats s = store().stats();
    long segmentBytes =
        (long) (s.freeSegments() + s.activeSegments() + s.sealedSegments())
            * store().config().segmentSize();
    assertTrue(s.activeSegments() >= 1, s::toString);
    assertTrue(s.sealedSegments() >= 1, s::toString);
    assertTrue(segmentBytes <= s.committedBytes(), s::toString);
    assertTrue(s.liveBytes() <= segmentBytes, s::toString);
  }
}
