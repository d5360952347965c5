package io.cairn.engine;

import static io.cairn.engine.TestBytes.bytes;
import static io.cairn.engine.TestBytes.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Input the store must refuse, or survive: nulls, keys too long and items larger than {@link
 * StoreConfig#maxItemBytes()}, and expiry instants at the edges of {@code long}. Each refusal must
 * leave every entry as it was.
 *
 * <p>Expiry instants: the store's rule is that an instant not after the clock means expired, so
 * {@code Long.MIN_VALUE}, {@code -1} and {@code 0} given to a write remove the entry (or store
 * nothing); an instant far in the future, up to {@code Long.MAX_VALUE - 1}, means live for as long
 * as any clock will run. Instants are kept in 48 bits, so from {@link ByteStore#MAX_INSTANT} on
 * they mean never, and a clock outside 0 to {@code MAX_INSTANT} is refused.
 */
final class ByteStoreBadInputTest {

  /** 256 KiB segments: large enough for the longest key, small enough to overflow cheaply. */
  private static final int SEGMENT = 256 << 10;

  /** The largest item of the 8 MiB store: a quarter of it. */
  private static final int MAX_ITEM = 2 << 20;

  private static final int BYSTANDERS = 200;

  private final StoreHarness harness = new StoreHarness(EvictionPolicy.FIFO);
  private ByteStore store;

  @BeforeEach
  void open() {
    store = harness.reopen(b -> b.capacityBytes(8L << 20).segmentSize(SEGMENT));
    for (int i = 0; i < BYSTANDERS; i++) {
      store.put(key("bystander" + i), bytes(i, i), ByteStore.ETERNAL);
    }
    store.put(key("k"), bytes(16, -1), ByteStore.ETERNAL);
    harness.removals.reset();
  }

  @AfterEach
  void close() {
    harness.close();
  }

  @Test
  void everyMethod_nullArgument_throwsNullPointerExceptionAndChangesNothing() {
    byte[] k = key("k");
    byte[] v = bytes(8, 1);
    Map<String, Consumer<ByteStore>> calls = new LinkedHashMap<>();
    calls.put("get(null)", s -> s.get(null));
    calls.put("read(null, r)", s -> s.read(null, BytesView::length));
    calls.put("read(k, null)", s -> s.read(k, null));
    calls.put("expiryOf(null)", s -> s.expiryOf(null));
    calls.put("containsKey(null)", s -> s.containsKey(null));
    calls.put("put(null, v)", s -> s.put(null, v, ByteStore.ETERNAL));
    calls.put("put(k, null)", s -> s.put(k, null, ByteStore.ETERNAL));
    calls.put("putIfAbsent(null, v)", s -> s.putIfAbsent(null, v, ByteStore.ETERNAL));
    calls.put("putIfAbsent(new, null)", s -> s.putIfAbsent(key("new"), null, ByteStore.ETERNAL));
    calls.put("replace(null, v)", s -> s.replace(null, v, ByteStore.ETERNAL));
    calls.put("replace(k, null)", s -> s.replace(k, null, ByteStore.ETERNAL));
    calls.put("replace(null, e, v)", s -> s.replace(null, v, v, ByteStore.ETERNAL));
    calls.put("replace(k, null, v)", s -> s.replace(k, null, v, ByteStore.ETERNAL));
    calls.put("replace(k, e, null)", s -> s.replace(k, bytes(16, -1), null, ByteStore.ETERNAL));
    calls.put("remove(null)", s -> s.remove(null));
    calls.put("remove(null, e)", s -> s.remove(null, v));
    calls.put("remove(k, null)", s -> s.remove(k, null));
    calls.put("touch(null)", s -> s.touch(null, ByteStore.ETERNAL));
    calls.put("readEntry(null, r)", s -> s.readEntry(null, (view, at, version) -> version));
    calls.put("readEntry(k, null)", s -> s.readEntry(k, null));
    calls.put("commit(null, ...)", s -> s.commit(null, ByteStore.ABSENT, v, ByteStore.ETERNAL));
    calls.put("touch(null, version, at)", s -> s.touch(null, 1, ByteStore.ETERNAL));
    assertEquals(List.of(), Outcomes.notThrowing(NullPointerException.class, store, calls));
    assertUntouched();
    harness.assertAbsent(key("new"));
  }

  @Test
  void writes_keyLongerThan65535Bytes_throwNamingTheLimitAndChangeNothing() {
    byte[] longKey = bytes(65_536, 7);
    Map<String, Consumer<ByteStore>> writes = new LinkedHashMap<>();
    writes.put("put", s -> s.put(longKey, bytes(8, 1), ByteStore.ETERNAL));
    writes.put("putIfAbsent", s -> s.putIfAbsent(longKey, bytes(8, 1), ByteStore.ETERNAL));
    writes.put("replace", s -> s.replace(longKey, bytes(8, 1), ByteStore.ETERNAL));
    writes.put("commit", s -> s.commit(longKey, ByteStore.ABSENT, bytes(8, 1), ByteStore.ETERNAL));
    assertRefusedNaming("65535", writes);
    assertEquals(BYSTANDERS + 1, store.size());
  }

  @Test
  void writes_itemLargerThanMaxItemBytes_throwNamingTheLimitAndKeepTheOldMapping() {
    byte[] huge = bytes(MAX_ITEM, 8);
    byte[] justTooLarge = bytes(MAX_ITEM - 1, 9); // with the key and a header it cannot fit
    Map<String, Consumer<ByteStore>> writes = Outcomes.everyWrite(bytes(16, -1), huge);
    writes.put("put just too large", s -> s.put(key("k"), justTooLarge, ByteStore.ETERNAL));
    writes.put("put 16 MiB", s -> s.put(key("k"), new byte[16 << 20], ByteStore.ETERNAL));
    assertRefusedNaming("maxItemBytes=" + MAX_ITEM, writes);
    harness.assertAbsent(key("new"));
  }

  @Test
  void put_largestKeyAndValueThatFit_areAccepted() {
    store.put(bytes(65_535, 1), bytes(10, 1), ByteStore.ETERNAL);
    store.put(key("big"), bytes(SEGMENT - 1_024, 2), ByteStore.ETERNAL);
    harness.assertValue(bytes(65_535, 1), bytes(10, 1));
    harness.assertValue(key("big"), bytes(SEGMENT - 1_024, 2));
  }

  @Test
  void put_itemOfExactlyMaxItemBytes_isAcceptedAndOneByteMoreIsRefused() {
    int header = 28; // ItemDescriptor.MAX_OVERHEAD: headers in front of key and value, at most
    byte[] k = key("exact");
    byte[] fills = bytes(MAX_ITEM - header - k.length, 3);
    assertEquals(MAX_ITEM, store.config().maxItemBytes());
    store.put(k, fills, ByteStore.ETERNAL);
    harness.assertValue(k, fills);
    assertRefusedNaming(
        "maxItemBytes=" + MAX_ITEM,
        Map.of("one byte more", s -> s.put(k, bytes(fills.length + 1, 4), ByteStore.ETERNAL)));
    harness.assertValue(k, fills);
  }

  @Test
  void writes_expiryAtOrBeforeNow_removeTheEntryAndReportItExpired() {
    long[] instants = {Long.MIN_VALUE, Long.MIN_VALUE + 1, -1, 0, harness.now()};
    for (long at : instants) {
      store.put(key("k"), bytes(16, -1), ByteStore.ETERNAL);
      harness.removals.reset();
      store.put(key("k"), bytes(16, 1), at);
      harness.assertAbsent(key("k"));
      assertFalse(store.containsKey(key("k")), "expireAt=" + at);
      harness.removals.assertOnly(RemovalCause.EXPIRED, key("k"), bytes(16, -1));
      store.put(key("fresh"), bytes(16, 1), at);
      harness.assertAbsent(key("fresh"));
    }
    harness.advance(1_000_000_000L);
    harness.assertAbsent(key("k"));
    harness.assertAbsent(key("fresh"));
    store.put(key("k"), bytes(16, -1), ByteStore.ETERNAL);
    assertUntouched();
  }

  @Test
  void touchAndVersionedTouch_expiryAtOrBeforeNow_removeTheEntry() {
    for (long at : new long[] {Long.MIN_VALUE, -1, 0}) {
      store.put(key("t"), bytes(4, 1), ByteStore.ETERNAL);
      store.touch(key("t"), at);
      harness.assertAbsent(key("t"));
      store.put(key("c"), bytes(4, 1), ByteStore.ETERNAL);
      assertTrue(store.touch(key("c"), Commits.version(store, key("c")), at));
      harness.assertAbsent(key("c"));
      store.put(key("r"), bytes(4, 1), ByteStore.ETERNAL);
      assertTrue(store.replace(key("r"), bytes(4, 2), at), "a live entry existed");
      harness.assertAbsent(key("r"));
    }
    assertUntouched();
  }

  @Test
  void writes_expiryFarInTheFuture_liveUntilTheClockGetsThere() {
    long[] instants = {Long.MAX_VALUE - 1, Long.MAX_VALUE / 2, 1L << 48, ByteStore.MAX_INSTANT};
    for (int i = 0; i < instants.length; i++) {
      store.put(key("far" + i), bytes(8, i), instants[i]);
      store.put(key("touched" + i), bytes(8, i), harness.now() + 1);
      assertTrue(store.touch(key("touched" + i), instants[i]));
    }
    harness.advance(100L * 365 * 86_400_000L); // a century later
    for (int i = 0; i < instants.length; i++) {
      harness.assertValue(key("far" + i), bytes(8, i));
      harness.assertValue(key("touched" + i), bytes(8, i));
    }
    assertUntouched();
  }

  @Test
  void writes_withAClockNearTheEndOfTime_doNotOverflow() {
    harness.clock.set(ByteStore.MAX_INSTANT - 10);
    store.put(key("soon"), bytes(8, 1), ByteStore.MAX_INSTANT - 5);
    store.put(key("eternal"), bytes(8, 2), ByteStore.ETERNAL);
    store.put(key("past"), bytes(8, 3), ByteStore.MAX_INSTANT - 10);
    store.put(key("min"), bytes(8, 3), Long.MIN_VALUE);
    harness.assertValue(key("soon"), bytes(8, 1));
    harness.assertValue(key("eternal"), bytes(8, 2));
    harness.assertAbsent(key("past"));
    harness.assertAbsent(key("min"));
    harness.clock.set(ByteStore.MAX_INSTANT - 5);
    harness.assertAbsent(key("soon"));
    harness.assertValue(key("eternal"), bytes(8, 2));
    harness.clock.set(StoreHarness.START);
    assertUntouched();
  }

  @Test
  void keyOperations_clockOutsideItsRange_throwIllegalStateExceptionAndChangeNothing() {
    byte[] k = key("k");
    Map<String, Consumer<ByteStore>> ops = new LinkedHashMap<>();
    ops.put("get", s -> s.get(k));
    ops.put("read", s -> s.read(k, BytesView::length));
    ops.put("containsKey", s -> s.containsKey(k));
    ops.put("expiryOf", s -> s.expiryOf(k));
    ops.put("put", s -> s.put(k, bytes(8, 1), ByteStore.ETERNAL));
    ops.put("putIfAbsent", s -> s.putIfAbsent(key("new"), bytes(8, 1), ByteStore.ETERNAL));
    ops.put("replace", s -> s.replace(k, bytes(8, 1), ByteStore.ETERNAL));
    ops.put("replaceExpected", s -> s.replace(k, bytes(16, -1), bytes(8, 1), ByteStore.ETERNAL));
    ops.put("remove", s -> s.remove(k));
    ops.put("removeExpected", s -> s.remove(k, bytes(16, -1)));
    ops.put("touch", s -> s.touch(k, 1));
    ops.put("commit", s -> s.commit(k, ByteStore.ABSENT, bytes(8, 1), ByteStore.ETERNAL));
    ops.put("readEntry", s -> s.readEntry(k, (v, at, version) -> version));
    for (long bad : new long[] {-1, Long.MIN_VALUE, ByteStore.MAX_INSTANT + 1, Long.MAX_VALUE}) {
      harness.clock.set(bad);
      assertEquals(
          List.of(), Outcomes.notThrowing(IllegalStateException.class, store, ops), "clock=" + bad);
      harness.clock.set(StoreHarness.START);
      assertUntouched();
      harness.assertAbsent(key("new"));
    }
    assertEquals(List.of(), harness.removals.all());
  }

  /**
   * Runs each write and asserts it threw ItemTooLargeException with {@code limit} in its message,
   * changing nothing.
   */
  private void assertRefusedNaming(String limit, Map<String, Consumer<ByteStore>> writes) {
    writes.forEach(
        (name, write) -> {
          ItemTooLargeException e =
              assertThrows(ItemTooLargeException.class, () -> write.accept(store), name);
          assertTrue(
              e.getMessage() != null && e.getMessage().contains(limit),
              () -> name + ": the message should name the limit " + limit + ": " + e.getMessage());
          assertUntouched();
        });
    assertEquals(List.of(), harness.removals.all(), "a refused write reports nothing");
  }

  /** Asserts that the mapping of "k" and every bystander are as {@link #open()} left them. */
  private void assertUntouched() {
    harness.assertValue(key("k"), bytes(16, -1));
    assertEquals(ByteStore.ETERNAL, store.expiryOf(key("k")));
    for (int i = 0; i < BYSTANDERS; i++) {
      harness.assertValue(key("bystander" + i), bytes(i, i));
    }
  }
}
