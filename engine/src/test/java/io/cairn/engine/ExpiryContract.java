package io.cairn.engine;

import static io.cairn.engine.TestBytes.bytes;
import static io.cairn.engine.TestBytes.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Per-entry expiry on the store's clock: an entry is live while {@code now < expireAt} and is never
 * returned after; writes with such an instant remove; the background expirer reports without reads.
 */
interface ExpiryContract extends StoreContract {

  @Test
  default void readOps_oneMillisecondBeforeExpiry_seeTheEntry() {
    long at = now() + 1_000;
    store().put(key("k"), bytes(8, 1), at);
    harness().advance(999);
    harness().assertValue(key("k"), bytes(8, 1));
    assertTrue(store().containsKey(key("k")));
    assertEquals(at, store().expiryOf(key("k")));
    assertNotNull(Commits.read(store(), key("k")));
    assertTrue(iteratedKeys().contains(java.nio.ByteBuffer.wrap(key("k"))));
  }

  @Test
  default void readOps_atTheExpiryInstant_neverSeeTheEntry() {
    long at = now() + 1_000;
    store().put(key("k"), bytes(8, 1), at);
    harness().advance(1_000);
    assertFalse(iteratedKeys().contains(java.nio.ByteBuffer.wrap(key("k"))), "iterator");
    assertFalse(store().containsKey(key("k")), "containsKey");
    assertEquals(-1, store().expiryOf(key("k")), "expiryOf");
    assertNull(Commits.read(store(), key("k")), "readEntry");
    harness().assertAbsent(key("k"));
  }

  @Test
  default void conditionalWrites_onExpiredEntry_treatItAsAbsent() {
    for (String k : List.of("replace", "replaceExpected", "remove", "removeExpected", "pia")) {
      store().put(key(k), bytes(8, 1), now() + 10);
    }
    harness().advance(10);
    assertFalse(store().replace(key("replace"), bytes(8, 2), ByteStore.ETERNAL));
    assertFalse(
        store().replace(key("replaceExpected"), bytes(8, 1), bytes(8, 2), ByteStore.ETERNAL));
    assertFalse(store().remove(key("remove")));
    assertFalse(store().remove(key("removeExpected"), bytes(8, 1)));
    assertTrue(store().putIfAbsent(key("pia"), bytes(8, 3), ByteStore.ETERNAL));
    harness().assertAbsent(key("replace"));
    harness().assertAbsent(key("replaceExpected"));
    harness().assertValue(key("pia"), bytes(8, 3));
  }

  @Test
  default void put_expiringNowOrInThePast_storesNothing() {
    store().put(key("now"), bytes(8, 1), now());
    store().put(key("past"), bytes(8, 1), now() - 1);
    store().put(key("zero"), bytes(8, 1), 0);
    harness().assertAbsent(key("now"));
    harness().assertAbsent(key("past"));
    harness().assertAbsent(key("zero"));
    assertFalse(store().containsKey(key("now")));
    assertEquals(-1, store().expiryOf(key("past")));
    assertFalse(store().iterator().hasNext());
    assertEquals(List.of(), removals().all(), "nothing entered, so nothing left");
  }

  @Test
  default void put_expiringNowOverLiveEntry_removesItReportedExpired() {
    store().put(key("k"), bytes(8, 1), ByteStore.ETERNAL);
    store().put(key("k"), bytes(8, 2), now());
    harness().assertAbsent(key("k"));
    removals().assertOnly(RemovalCause.EXPIRED, key("k"), bytes(8, 1));
  }

  @Test
  default void replace_expiringNow_removesEntryReportedExpired() {
    store().put(key("k"), bytes(8, 1), ByteStore.ETERNAL);
    assertTrue(store().replace(key("k"), bytes(8, 2), now()), "a live entry existed");
    harness().assertAbsent(key("k"));
    removals().assertOnly(RemovalCause.EXPIRED, key("k"), bytes(8, 1));
  }

  @Test
  default void get_expiredEntry_reportsItExpired() {
    store().put(key("k"), bytes(8, 1), now() + 10);
    harness().advance(10);
    assertNull(store().get(key("k")));
    removals().assertOnly(RemovalCause.EXPIRED, key("k"), bytes(8, 1));
  }

  @Test
  default void put_overExpiredEntry_reportsExpiredNotReplaced() {
    store().put(key("k"), bytes(8, 1), now() + 10);
    harness().advance(10);
    store().put(key("k"), bytes(8, 2), ByteStore.ETERNAL);
    harness().assertValue(key("k"), bytes(8, 2));
    removals().assertOnly(RemovalCause.EXPIRED, key("k"), bytes(8, 1));
  }

  @Test
  default void expiry_lastInstantsOfTheClock_expireExactlyOrNever() {
    long last = ByteStore.MAX_INSTANT - 1;
    store().put(key("last"), bytes(8, 1), last);
    store().put(key("never"), bytes(8, 2), ByteStore.MAX_INSTANT);
    store().put(key("far"), bytes(8, 3), Long.MAX_VALUE - 1);
    store().put(key("eternal"), bytes(8, 4), ByteStore.ETERNAL);
    harness().clock.set(last - 1);
    harness().assertValue(key("last"), bytes(8, 1));
    harness().clock.set(last);
    harness().assertAbsent(key("last"));
    harness().clock.set(ByteStore.MAX_INSTANT);
    harness().assertValue(key("never"), bytes(8, 2));
    harness().assertValue(key("far"), bytes(8, 3));
    harness().assertValue(key("eternal"), bytes(8, 4));
  }

  @Test
  default void expirer_off_reportsNothingWithoutAnOperation() throws InterruptedException {
    store().put(key("k"), bytes(8, 1), now() + 10);
    harness().advance(3_600_000);
    Thread.sleep(300);
    assertEquals(List.of(), removals().all());
  }

  @Test
  default void expirer_fewEntries_reportsThemExpiredWithoutAnyRead() throws InterruptedException {
    assertExpirerReports(10, 64);
  }

  @Test
  default void expirer_manySegmentsOfEntries_reportsThemExpiredWithoutAnyRead()
      throws InterruptedException {
    // 3,000 items of ~1 KiB: dozens of sealed segments per shard, beside the active ones
    assertExpirerReports(3_000, 1_000);
  }

  @Test
  default void expirer_entryTouchedToLater_isNotExpiredAtItsFormerInstant()
      throws InterruptedException {
    ByteStore store = harness().reopen(b -> b.expirationIntervalMillis(5));
    for (int i = 0; i < 200; i++) {
      store.put(key("k" + i), bytes(100, i), now() + 1_000);
    }
    for (int i = 0; i < 200; i += 2) {
      assertTrue(store.touch(key("k" + i), ByteStore.ETERNAL));
      byte[] k = key("k" + (i + 1));
      assertTrue(store.touch(k, Commits.version(store, k), now() + 7_200_000));
    }
    harness().advance(3_600_000);
    Thread.sleep(200); // forty expirer passes
    assertEquals(List.of(), removals().all(), "nothing has reached its instant");
    for (int i = 0; i < 200; i++) {
      harness().assertValue(key("k" + i), bytes(100, i));
    }
  }

  @Test
  default void expirer_entryTouchedToSooner_isReportedWithoutAnyRead() throws InterruptedException {
    ByteStore store = harness().reopen(b -> b.expirationIntervalMillis(5));
    for (int i = 0; i < 100; i++) {
      store.put(key("k" + i), bytes(100, i), ByteStore.ETERNAL);
    }
    for (int i = 0; i < 100; i += 10) {
      assertTrue(store.touch(key("k" + i), now() + 1_000));
    }
    harness().advance(3_600_000);
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (removals().all().size() < 10 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    List<RemovalRecorder.Removal> events = removals().all();
    assertEquals(10, events.size(), () -> "reported by the expirer: " + events);
    assertTrue(events.stream().allMatch(r -> r.cause() == RemovalCause.EXPIRED), events::toString);
  }

  /**
   * Opens a store whose expirer runs every 10 ms, writes {@code count} entries that expire in a
   * second and as many that never do, moves the clock an hour on and waits for the expirer alone to
   * report exactly the expiring ones.
   */
  private void assertExpirerReports(int count, int valueLength) throws InterruptedException {
    ByteStore store =
        harness().reopen(b -> b.capacityBytes(64L << 20).expirationIntervalMillis(10));
    for (int i = 0; i < count; i++) {
      store.put(key("short" + i), bytes(valueLength, i), now() + 1_000);
      store.put(key("long" + i), bytes(valueLength, -i), ByteStore.ETERNAL);
    }
    harness().advance(3_600_000);
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (removals().all().size() < count && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    Thread.sleep(50); // room for a wrong extra report to show
    List<RemovalRecorder.Removal> events = removals().all();
    Set<String> reported = new HashSet<>();
    List<String> wrong = new ArrayList<>();
    for (RemovalRecorder.Removal r : events) {
      String k = new String(r.key(), java.nio.charset.StandardCharsets.UTF_8);
      int i = k.startsWith("short") ? Integer.parseInt(k.substring(5)) : -1;
      if (r.cause() != RemovalCause.EXPIRED
          || i < 0
          || !java.util.Arrays.equals(bytes(valueLength, i), r.value())
          || !reported.add(k)) {
        wrong.add(r.toString());
      }
    }
    assertEquals(List.of(), wrong, "reports that are not one EXPIRED per expiring entry");
    assertEquals(count, reported.size(), "expiring entries reported by the expirer alone");
    assertEquals(count, store.stats().expirations());
    for (int i = 0; i < count; i += Math.max(1, count / 100)) {
      harness().assertValue(key("long" + i), bytes(valueLength, -i));
    }
  }

  private Set<java.nio.ByteBuffer> iteratedKeys() {
    Set<java.nio.ByteBuffer> keys = new HashSet<>();
    for (Iterator<StoreEntry> it = store().iterator(); it.hasNext(); ) {
      keys.add(java.nio.ByteBuffer.wrap(it.next().key()));
    }
    return keys;
  }
}
