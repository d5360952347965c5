package io.cairn.engine;

import static io.cairn.engine.TestBytes.bytes;
import static io.cairn.engine.TestBytes.key;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Which removals are reported, with what key, value and cause, on which thread, in what order. */
interface RemovalListenerContract extends StoreContract {

  @Test
  default void remove_presentKey_reportsExplicitOnTheCallingThread() {
    store().put(key("k"), bytes(20, 1), ByteStore.ETERNAL);
    store().remove(key("k"));
    removals().assertOnly(RemovalCause.EXPLICIT, key("k"), bytes(20, 1));
    assertEquals(Thread.currentThread().getName(), removals().all().get(0).thread());
  }

  @Test
  default void removeExpected_matchingValue_reportsExplicit() {
    store().put(key("k"), bytes(20, 1), ByteStore.ETERNAL);
    store().remove(key("k"), bytes(20, 2));
    assertEquals(List.of(), removals().all(), "a failed compare-and-remove reports nothing");
    store().remove(key("k"), bytes(20, 1));
    removals().assertOnly(RemovalCause.EXPLICIT, key("k"), bytes(20, 1));
  }

  @Test
  default void put_overLiveEntry_reportsReplacedWithTheOldValue() {
    store().put(key("k"), bytes(20, 1), ByteStore.ETERNAL);
    store().put(key("k"), bytes(30, 2), ByteStore.ETERNAL);
    removals().assertOnly(RemovalCause.REPLACED, key("k"), bytes(20, 1));
  }

  @Test
  default void replace_liveEntry_reportsReplacedWithTheOldValue() {
    store().put(key("k"), bytes(20, 1), ByteStore.ETERNAL);
    store().replace(key("k"), bytes(30, 2), ByteStore.ETERNAL);
    removals().assertOnly(RemovalCause.REPLACED, key("k"), bytes(20, 1));
  }

  @Test
  default void replaceExpected_matchingValue_reportsReplacedWithTheOldValue() {
    store().put(key("k"), bytes(20, 1), ByteStore.ETERNAL);
    store().replace(key("k"), bytes(20, 9), bytes(30, 2), ByteStore.ETERNAL);
    assertEquals(List.of(), removals().all(), "a failed compare-and-replace reports nothing");
    store().replace(key("k"), bytes(20, 1), bytes(30, 2), ByteStore.ETERNAL);
    removals().assertOnly(RemovalCause.REPLACED, key("k"), bytes(20, 1));
  }

  @Test
  default void writesThatChangeNothing_reportNothing() {
    store().put(key("k"), bytes(20, 1), ByteStore.ETERNAL);
    store().putIfAbsent(key("k"), bytes(20, 2), ByteStore.ETERNAL);
    store().touch(key("k"), now() + 100_000);
    store().remove(key("absent"));
    store().replace(key("absent"), bytes(8, 1), ByteStore.ETERNAL);
    store().put(key("fresh"), bytes(20, 3), ByteStore.ETERNAL);
    assertEquals(List.of(), removals().all());
  }

  @Test
  default void listener_eventsForOneKey_arriveInTheOrderOfTheRemovals() {
    store().put(key("k"), bytes(8, 1), ByteStore.ETERNAL);
    store().put(key("k"), bytes(8, 2), ByteStore.ETERNAL);
    store().replace(key("k"), bytes(8, 3), now() + 5);
    harness().advance(5);
    store().put(key("k"), bytes(8, 4), ByteStore.ETERNAL);
    store().remove(key("k"));
    List<RemovalRecorder.Removal> events = removals().forKey(key("k"));
    assertEquals(
        List.of(
            RemovalCause.REPLACED,
            RemovalCause.REPLACED,
            RemovalCause.EXPIRED,
            RemovalCause.EXPLICIT),
        events.stream().map(RemovalRecorder.Removal::cause).toList());
    for (int i = 0; i < 4; i++) {
      assertArrayEquals(bytes(8, i + 1), events.get(i).value(), "event " + i);
    }
  }

  @Test
  default void listener_subscribedToSomeCauses_hearsOnlyThose() {
    RemovalRecorder evictedOnly = new RemovalRecorder();
    ByteStore store =
        harness()
            .reopen(
                b ->
                    b.capacityBytes(1L << 20)
                        .segmentSize(16 << 10)
                        .removalListener(evictedOnly, EnumSet.of(RemovalCause.EVICTED)));
    store.put(key("a"), bytes(8, 1), ByteStore.ETERNAL);
    store.put(key("a"), bytes(8, 2), ByteStore.ETERNAL);
    store.remove(key("a"));
    store.put(key("b"), bytes(8, 1), now() + 1);
    harness().advance(1);
    store.get(key("b"));
    assertEquals(List.of(), evictedOnly.all(), "EXPLICIT, REPLACED and EXPIRED are not wanted");
    for (int i = 0; i < 4_000; i++) {
      store.put(key("fill" + i), bytes(1_000, i), ByteStore.ETERNAL);
    }
    List<RemovalRecorder.Removal> events = evictedOnly.all();
    assertFalse(events.isEmpty(), "4 MB written into 1 MiB evicts");
    assertTrue(events.stream().allMatch(r -> r.cause() == RemovalCause.EVICTED), events::toString);
  }

  @Test
  default void listener_throwing_neverUndoesOrBlocksTheRemoval() {
    AtomicInteger calls = new AtomicInteger();
    RemovalListener throwing =
        (k, v, c) -> {
          calls.incrementAndGet();
          throw new IllegalStateException("listener failure (expected by the test)");
        };
    ByteStore store =
        harness().reopen(b -> b.removalListener(throwing, EnumSet.allOf(RemovalCause.class)));
    store.put(key("k"), bytes(8, 1), ByteStore.ETERNAL);
    store.put(key("k"), bytes(8, 2), ByteStore.ETERNAL);
    assertTrue(store.remove(key("k")));
    harness().assertAbsent(key("k"));
    store.put(key("t"), bytes(8, 3), now() + 1);
    harness().advance(1);
    harness().assertAbsent(key("t"));
    assertEquals(3, calls.get(), "REPLACED, EXPLICIT and EXPIRED were each delivered");
    store.put(key("k"), bytes(8, 4), ByteStore.ETERNAL);
    harness().assertValue(key("k"), bytes(8, 4));
    assertEquals(1, store.size());
  }

  @Test
  @Timeout(20) // a listener called under the shard lock deadlocks here
  default void listener_callingTheStore_succeedsBecauseNoLockIsHeld() {
    ByteStore[] self = new ByteStore[1];
    RemovalListener auditing =
        (k, v, c) ->
            self[0].put(
                TestBytes.utf8("audit:" + new String(k, java.nio.charset.StandardCharsets.UTF_8)),
                v,
                ByteStore.ETERNAL);
    self[0] = harness().reopen(b -> b.removalListener(auditing, EnumSet.of(RemovalCause.EXPLICIT)));
    self[0].put(key("k"), bytes(8, 1), ByteStore.ETERNAL);
    assertTrue(self[0].remove(key("k")));
    harness().assertValue(key("audit:k"), bytes(8, 1));
  }
}
