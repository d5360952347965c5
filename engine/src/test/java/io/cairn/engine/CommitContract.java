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

import java.util.List;
import org.junit.jupiter.api.Test;

/** readEntry, commit and the versioned touch: the engine half of prepare-outside, commit-inside. */
interface CommitContract extends StoreContract {

  /** What readEntry saw. */
  record Read(byte[] value, long expireAt, long version) {}

  private Read read(String key) {
    return store().readEntry(key(key), (v, e, version) -> new Read(v.toByteArray(), e, version));
  }

  @Test
  default void readEntry_absentKey_returnsNullAndCountsNothing() {
    assertNull(read("k"));
    assertEquals(0, store().stats().misses());
  }

  @Test
  default void readEntry_presentKey_seesValueExpiryAndANonAbsentVersion() {
    store().put(key("k"), bytes(20, 1), now() + 500);
    Read r = read("k");
    assertArrayEquals(bytes(20, 1), r.value());
    assertEquals(now() + 500, r.expireAt());
    assertNotEquals(ByteStore.ABSENT, r.version());
    assertEquals(0, store().stats().hits());
  }

  @Test
  default void readEntry_everyWrite_getsANewVersion() {
    store().put(key("k"), bytes(20, 1), ByteStore.ETERNAL);
    long first = read("k").version();
    store().put(key("k"), bytes(20, 1), ByteStore.ETERNAL);
    assertNotEquals(first, read("k").version());
    assertEquals(read("k").version(), read("k").version());
  }

  @Test
  default void commit_absentVersionOnAbsentKey_creates() {
    assertTrue(store().commit(key("k"), ByteStore.ABSENT, bytes(10, 3), ByteStore.ETERNAL));
    harness().assertValue(key("k"), bytes(10, 3));
  }

  @Test
  default void commit_absentVersionOnPresentKey_refusesAndKeepsTheValue() {
    store().put(key("k"), bytes(10, 1), ByteStore.ETERNAL);
    assertFalse(store().commit(key("k"), ByteStore.ABSENT, bytes(10, 3), ByteStore.ETERNAL));
    harness().assertValue(key("k"), bytes(10, 1));
  }

  @Test
  default void commit_currentVersion_replaces() {
    store().put(key("k"), bytes(10, 1), ByteStore.ETERNAL);
    long version = read("k").version();
    assertTrue(store().commit(key("k"), version, bytes(30, 2), now() + 70));
    harness().assertValue(key("k"), bytes(30, 2));
    assertEquals(now() + 70, store().expiryOf(key("k")));
    assertEquals(RemovalCause.REPLACED, removals().all().get(0).cause());
  }

  @Test
  default void commitKeepExpiry_afterATouch_keepsTheTouchedExpiry() {
    store().put(key("k"), bytes(10, 1), now() + 100);
    Read r = read("k");
    assertTrue(store().touch(key("k"), now() + 900)); // an access between the read and the commit
    assertTrue(store().commit(key("k"), r.version(), bytes(12, 2), ByteStore.KEEP_EXPIRY));
    harness().assertValue(key("k"), bytes(12, 2));
    assertEquals(now() + 900, store().expiryOf(key("k")));
  }

  @Test
  default void commitKeepExpiry_eternalEntry_staysEternal() {
    store().put(key("k"), bytes(10, 1), ByteStore.ETERNAL);
    assertTrue(store().commit(key("k"), read("k").version(), bytes(10, 2), ByteStore.KEEP_EXPIRY));
    assertEquals(ByteStore.ETERNAL, store().expiryOf(key("k")));
  }

  @Test
  default void commitKeepExpiry_staleVersion_refuses() {
    store().put(key("k"), bytes(10, 1), now() + 100);
    long stale = read("k").version();
    store().put(key("k"), bytes(10, 2), now() + 200);
    assertFalse(store().commit(key("k"), stale, bytes(10, 9), ByteStore.KEEP_EXPIRY));
    harness().assertValue(key("k"), bytes(10, 2));
    assertEquals(now() + 200, store().expiryOf(key("k")));
  }

  @Test
  default void commitKeepExpiry_withoutALiveEntryOrValue_isRefusedByName() {
    store().put(key("k"), bytes(10, 1), now() + 100);
    long version = read("k").version();
    IllegalArgumentException absent =
        assertThrows(
            IllegalArgumentException.class,
            () -> store().commit(key("k"), ByteStore.ABSENT, bytes(10, 2), ByteStore.KEEP_EXPIRY));
    assertTrue(absent.getMessage().contains("KEEP_EXPIRY"), absent.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> store().commit(key("k"), version, null, ByteStore.KEEP_EXPIRY));
    harness().assertValue(key("k"), bytes(10, 1));
  }

  @Test
  default void commit_staleVersion_refusesAndKeepsTheNewerValue() {
    store().put(key("k"), bytes(10, 1), ByteStore.ETERNAL);
    long stale = read("k").version();
    store().put(key("k"), bytes(10, 2), ByteStore.ETERNAL);
    assertFalse(store().commit(key("k"), stale, bytes(10, 9), ByteStore.ETERNAL));
    assertFalse(store().commit(key("k"), stale, null, 0));
    harness().assertValue(key("k"), bytes(10, 2));
  }

  @Test
  default void commit_versionOfAnExpiredEntry_refuses() {
    store().put(key("k"), bytes(10, 1), now() + 5);
    long version = read("k").version();
    harness().advance(5);
    assertFalse(store().commit(key("k"), version, bytes(10, 2), ByteStore.ETERNAL));
    assertTrue(store().commit(key("k"), ByteStore.ABSENT, bytes(10, 2), ByteStore.ETERNAL));
    harness().assertValue(key("k"), bytes(10, 2));
  }

  @Test
  default void commit_nullValue_removesReportedExplicit() {
    store().put(key("k"), bytes(10, 1), ByteStore.ETERNAL);
    assertTrue(store().commit(key("k"), read("k").version(), null, 0));
    harness().assertAbsent(key("k"));
    assertEquals(RemovalCause.EXPLICIT, removals().all().get(0).cause());
    assertTrue(store().commit(key("k"), ByteStore.ABSENT, null, 0)); // absent as expected
  }

  @Test
  default void commit_itemLargerThanMaxItemBytes_throwsAndKeepsTheValue() {
    store().put(key("k"), bytes(10, 1), ByteStore.ETERNAL);
    byte[] huge = new byte[(int) store().config().maxItemBytes()];
    assertThrows(
        ItemTooLargeException.class,
        () -> store().commit(key("k"), read("k").version(), huge, ByteStore.ETERNAL));
    harness().assertValue(key("k"), bytes(10, 1));
  }

  @Test
  default void touchVersioned_currentVersion_setsExpiryStaleVersionDoesNot() {
    store().put(key("k"), bytes(10, 1), now() + 1_000);
    long version = read("k").version();
    assertTrue(store().touch(key("k"), version, now() + 40));
    assertEquals(now() + 40, store().expiryOf(key("k")));
    assertEquals(version, read("k").version()); // a touch in place keeps the item, so its version
    store().put(key("k"), bytes(10, 2), ByteStore.ETERNAL);
    assertFalse(store().touch(key("k"), version, now()));
    harness().assertValue(key("k"), bytes(10, 2));
  }

  /**
   * An entry written to never expire may be stored without room for an instant (the segment
   * engine's items have no expiry word then): a touch giving it one still sets it exactly, keeps
   * the value, and is a touch, not a put.
   */
  @Test
  default void touchVersioned_eternalEntryGivenAnInstant_setsItAndKeepsTheValue() {
    store().put(key("k"), bytes(10, 1), ByteStore.ETERNAL);
    long puts = store().stats().puts();
    assertTrue(store().touch(key("k"), read("k").version(), now() + 40));
    assertEquals(now() + 40, store().expiryOf(key("k")));
    harness().assertValue(key("k"), bytes(10, 1));
    assertEquals(puts, store().stats().puts());
    assertTrue(store().touch(key("k"), read("k").version(), ByteStore.ETERNAL));
    assertEquals(ByteStore.ETERNAL, store().expiryOf(key("k")));
    assertTrue(store().touch(key("k"), now() + 7));
    assertEquals(now() + 7, store().expiryOf(key("k")));
    assertEquals(List.of(), removals().all(), "a touch reports no removal");
  }

  @Test
  default void readEntry_expiredEntry_returnsNull() {
    store().put(key("k"), bytes(8, 1), now() + 5);
    harness().advance(5);
    assertNull(read("k"));
  }

  @Test
  default void commit_expiryNotAfterNow_removesTheEntryReportedExpired() {
    store().put(key("k"), bytes(8, 1), ByteStore.ETERNAL);
    assertTrue(store().commit(key("k"), read("k").version(), bytes(8, 2), now()));
    harness().assertAbsent(key("k"));
    removals().assertOnly(RemovalCause.EXPIRED, key("k"), bytes(8, 1));
  }

  @Test
  default void touchVersioned_expiryInThePast_removesTheEntryReportedExpired() {
    store().put(key("k"), bytes(8, 1), ByteStore.ETERNAL);
    assertTrue(store().touch(key("k"), read("k").version(), now() - 1));
    harness().assertAbsent(key("k"));
    removals().assertOnly(RemovalCause.EXPIRED, key("k"), bytes(8, 1));
  }

  @Test
  default void readEntry_viewCopiedAndModified_storeKeepsTheValue() {
    store().put(key("k"), bytes(8, 1), ByteStore.ETERNAL);
    read("k").value()[0] ^= 0x7f;
    harness().assertValue(key("k"), bytes(8, 1));
  }

  @Test
  default void commit_ofAValue_countsAPutAndOfARemovalARemoval() {
    StoreStats before = store().stats();
    assertTrue(store().commit(key("k"), ByteStore.ABSENT, bytes(8, 1), ByteStore.ETERNAL));
    assertTrue(store().commit(key("k"), read("k").version(), null, ByteStore.ETERNAL));
    StoreStats after = store().stats();
    assertEquals(before.puts() + 1, after.puts(), after::toString);
    assertEquals(before.removals() + 1, after.removals(), after::toString);
  }
}
