package io.cairn.engine;

import static io.cairn.engine.TestBytes.bytes;
import static io.cairn.engine.TestBytes.key;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** compute: what the function sees, each mutator, atomicity and re-entrance. */
interface ComputeContract extends StoreContract {

  /** What a compute function saw of its entry. */
  record Seen(boolean exists, byte[] value, long expireAt, long now) {}

  private static Seen look(MutableEntry e) {
    return new Seen(e.exists(), e.value(), e.expireAt(), e.now());
  }

  @Test
  default void compute_absentKey_seesNoEntryAndTheStoreClock() {
    harness().advance(42);
    Seen seen = store().compute(key("k"), ComputeContract::look);
    assertFalse(seen.exists());
    assertNull(seen.value());
    assertEquals(-1, seen.expireAt());
    assertEquals(StoreHarness.START + 42, seen.now());
    harness().assertAbsent(key("k"));
  }

  @Test
  default void compute_presentKey_seesValueAndExpiry() {
    store().put(key("k"), bytes(33, 1), now() + 5_000);
    Seen seen = store().compute(key("k"), ComputeContract::look);
    assertTrue(seen.exists());
    assertArrayEquals(bytes(33, 1), seen.value());
    assertEquals(now() + 5_000, seen.expireAt());
    assertEquals(now(), seen.now());
  }

  @Test
  default void compute_expiredEntry_seesNoEntry() {
    store().put(key("k"), bytes(8, 1), now() + 5);
    harness().advance(5);
    Seen seen = store().compute(key("k"), ComputeContract::look);
    assertFalse(seen.exists());
    assertNull(seen.value());
    assertEquals(-1, seen.expireAt());
  }

  @Test
  default void compute_functionResult_isReturned() {
    Object token = new Object();
    assertSame(token, store().compute(key("k"), e -> token));
    assertNull(store().compute(key("k"), e -> null));
  }

  @Test
  default void compute_setValueOnAbsentKey_createsEntry() {
    store().compute(key("k"), e -> mutate(e, x -> x.setValue(bytes(12, 2), now() + 300)));
    harness().assertValue(key("k"), bytes(12, 2));
    assertEquals(now() + 300, store().expiryOf(key("k")));
    assertEquals(List.of(), removals().all());
  }

  @Test
  default void compute_setValueOnPresentKey_replacesValueReportedReplaced() {
    store().put(key("k"), bytes(8, 1), ByteStore.ETERNAL);
    store().compute(key("k"), e -> mutate(e, x -> x.setValue(bytes(12, 2), now() + 300)));
    harness().assertValue(key("k"), bytes(12, 2));
    assertEquals(now() + 300, store().expiryOf(key("k")));
    removals().assertOnly(RemovalCause.REPLACED, key("k"), bytes(8, 1));
  }

  @Test
  default void compute_setExpireAt_changesOnlyTheExpiry() {
    store().put(key("k"), bytes(8, 1), ByteStore.ETERNAL);
    store().compute(key("k"), e -> mutate(e, x -> x.setExpireAt(now() + 20)));
    harness().assertValue(key("k"), bytes(8, 1));
    assertEquals(now() + 20, store().expiryOf(key("k")));
    harness().advance(20);
    harness().assertAbsent(key("k"));
  }

  @Test
  default void compute_setExpireAtOnAbsentKey_isIgnored() {
    store().compute(key("k"), e -> mutate(e, x -> x.setExpireAt(ByteStore.ETERNAL)));
    harness().assertAbsent(key("k"));
    assertFalse(store().containsKey(key("k")));
    assertEquals(0, store().size());
  }

  @Test
  default void compute_remove_removesEntryReportedExplicit() {
    store().put(key("k"), bytes(8, 1), ByteStore.ETERNAL);
    store().compute(key("k"), e -> mutate(e, MutableEntry::remove));
    harness().assertAbsent(key("k"));
    removals().assertOnly(RemovalCause.EXPLICIT, key("k"), bytes(8, 1));
  }

  @Test
  default void compute_removeOnAbsentKey_changesNothing() {
    store().compute(key("k"), e -> mutate(e, MutableEntry::remove));
    harness().assertAbsent(key("k"));
    assertEquals(List.of(), removals().all());
  }

  @Test
  default void compute_noMutation_leavesEntryAsItWas() {
    store().put(key("k"), bytes(8, 1), now() + 1_000);
    long putsBefore = store().stats().puts();
    store().compute(key("k"), ComputeContract::look);
    harness().assertValue(key("k"), bytes(8, 1));
    assertEquals(now() + 1_000, store().expiryOf(key("k")));
    assertEquals(putsBefore, store().stats().puts());
    assertEquals(List.of(), removals().all());
  }

  @Test
  default void compute_severalMutatorCalls_lastCallWins() {
    store().put(key("a"), bytes(8, 1), ByteStore.ETERNAL);
    store()
        .compute(
            key("a"),
            e ->
                mutate(
                    e,
                    x -> {
                      x.setValue(bytes(8, 2), ByteStore.ETERNAL);
                      x.remove();
                    }));
    harness().assertAbsent(key("a"));

    store().put(key("b"), bytes(8, 1), ByteStore.ETERNAL);
    store()
        .compute(
            key("b"),
            e ->
                mutate(
                    e,
                    x -> {
                      x.remove();
                      x.setValue(bytes(8, 3), now() + 50);
                    }));
    harness().assertValue(key("b"), bytes(8, 3));
    assertEquals(now() + 50, store().expiryOf(key("b")));

    store()
        .compute(
            key("c"),
            e ->
                mutate(
                    e,
                    x -> {
                      x.setValue(bytes(8, 4), ByteStore.ETERNAL);
                      x.setValue(bytes(9, 5), ByteStore.ETERNAL);
                    }));
    harness().assertValue(key("c"), bytes(9, 5));
  }

  @Test
  default void compute_throwingFunction_propagatesAndChangesNothing() {
    store().put(key("k"), bytes(8, 1), now() + 1_000);
    RuntimeException boom = new IllegalArgumentException("boom");
    RuntimeException thrown =
        assertThrows(
            RuntimeException.class,
            () ->
                store()
                    .compute(
                        key("k"),
                        e -> {
                          e.setValue(bytes(8, 2), ByteStore.ETERNAL);
                          throw boom;
                        }));
    assertSame(boom, thrown);
    assertThrows(
        IllegalArgumentException.class,
        () ->
            store()
                .compute(
                    key("k"),
                    e -> {
                      e.remove();
                      throw new IllegalArgumentException("boom");
                    }));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            store()
                .compute(
                    key("absent"),
                    e -> {
                      e.setValue(bytes(8, 2), ByteStore.ETERNAL);
                      throw new IllegalArgumentException("boom");
                    }));
    harness().assertValue(key("k"), bytes(8, 1));
    assertEquals(now() + 1_000, store().expiryOf(key("k")));
    harness().assertAbsent(key("absent"));
    assertEquals(List.of(), removals().all());
    // the key's lock was released: other writes of it proceed
    store().put(key("k"), bytes(8, 3), ByteStore.ETERNAL);
    harness().assertValue(key("k"), bytes(8, 3));
  }

  @Test
  @Timeout(20) // a store that deadlocks instead of throwing fails here rather than hanging
  default void compute_callingTheStoreFromTheFunction_throwsIllegalStateException() {
    store().put(key("k"), bytes(8, 1), ByteStore.ETERNAL);
    store().put(key("other"), bytes(8, 2), ByteStore.ETERNAL);
    Map<String, Consumer<ByteStore>> reentrantCalls = new LinkedHashMap<>();
    reentrantCalls.put("get same key", s -> s.get(key("k")));
    reentrantCalls.put("get other key", s -> s.get(key("other")));
    reentrantCalls.put("put same key", s -> s.put(key("k"), bytes(8, 9), ByteStore.ETERNAL));
    reentrantCalls.put("put other key", s -> s.put(key("other"), bytes(8, 9), ByteStore.ETERNAL));
    reentrantCalls.put("remove same key", s -> s.remove(key("k")));
    reentrantCalls.put("compute same key", s -> s.compute(key("k"), e -> null));
    reentrantCalls.put("compute other key", s -> s.compute(key("other"), e -> null));
    List<String> notRejected = new ArrayList<>();
    reentrantCalls.forEach(
        (name, call) ->
            notRejected.addAll(
                store()
                    .compute(
                        key("k"),
                        e ->
                            Outcomes.notThrowing(
                                IllegalStateException.class, store(), Map.of(name, call)))));
    assertEquals(List.of(), notRejected, "re-entrant calls that did not throw ISE");
    harness().assertValue(key("k"), bytes(8, 1));
    harness().assertValue(key("other"), bytes(8, 2));
    // every lock was released
    store().put(key("k"), bytes(8, 3), ByteStore.ETERNAL);
    store().put(key("other"), bytes(8, 4), ByteStore.ETERNAL);
    harness().assertValue(key("k"), bytes(8, 3));
    harness().assertValue(key("other"), bytes(8, 4));
  }

  @Test
  default void compute_setValueExpiringNow_removesEntryReportedExpired() {
    store().put(key("k"), bytes(8, 1), ByteStore.ETERNAL);
    store().compute(key("k"), e -> mutate(e, x -> x.setValue(bytes(8, 2), x.now())));
    harness().assertAbsent(key("k"));
    removals().assertOnly(RemovalCause.EXPIRED, key("k"), bytes(8, 1));
  }

  @Test
  default void compute_setExpireAtToThePast_removesEntryReportedExpired() {
    store().put(key("k"), bytes(8, 1), ByteStore.ETERNAL);
    store().compute(key("k"), e -> mutate(e, x -> x.setExpireAt(x.now() - 1)));
    harness().assertAbsent(key("k"));
    removals().assertOnly(RemovalCause.EXPIRED, key("k"), bytes(8, 1));
  }

  @Test
  default void compute_entryValueModified_storeKeepsValue() {
    store().put(key("k"), bytes(8, 1), ByteStore.ETERNAL);
    store()
        .compute(
            key("k"),
            e -> {
              e.value()[0] ^= 0x7f;
              return null;
            });
    harness().assertValue(key("k"), bytes(8, 1));
  }

  @Test
  default void compute_countsAPutWhenItSetsAValue() {
    long before = store().stats().puts();
    store().compute(key("k"), e -> mutate(e, x -> x.setValue(bytes(8, 1), ByteStore.ETERNAL)));
    assertEquals(before + 1, store().stats().puts());
  }

  /** Applies {@code change} to the entry and returns nothing: the shape of most test functions. */
  private static Void mutate(MutableEntry entry, Consumer<MutableEntry> change) {
    change.accept(entry);
    return null;
  }
}
