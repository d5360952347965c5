package io.cairn.engine;

import static io.cairn.engine.TestBytes.bytes;
import static io.cairn.engine.TestBytes.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** close, isClosed and config. */
interface LifecycleContract extends StoreContract {

  @Test
  default void isClosed_beforeAndAfterClose_tellsTheState() {
    assertFalse(store().isClosed());
    store().close();
    assertTrue(store().isClosed());
  }

  @Test
  default void close_calledTwice_isIdempotent() {
    store().put(key("k"), bytes(8, 1), ByteStore.ETERNAL);
    store().close();
    store().close();
    assertTrue(store().isClosed());
  }

  @Test
  default void close_thenEveryOperation_throwsStoreClosedException() {
    ByteStore s = store();
    s.put(key("k"), bytes(8, 1), ByteStore.ETERNAL);
    s.close();
    Map<String, Consumer<ByteStore>> ops = new LinkedHashMap<>();
    ops.put("get", x -> x.get(key("k")));
    ops.put("read", x -> x.read(key("k"), BytesView::length));
    ops.put("expiryOf", x -> x.expiryOf(key("k")));
    ops.put("containsKey", x -> x.containsKey(key("k")));
    ops.put("put", x -> x.put(key("k"), bytes(8, 2), ByteStore.ETERNAL));
    ops.put("putIfAbsent", x -> x.putIfAbsent(key("n"), bytes(8, 2), ByteStore.ETERNAL));
    ops.put("replace", x -> x.replace(key("k"), bytes(8, 2), ByteStore.ETERNAL));
    ops.put("replaceExpected", x -> x.replace(key("k"), bytes(8, 1), bytes(8, 2), 1L << 62));
    ops.put("remove", x -> x.remove(key("k")));
    ops.put("removeExpected", x -> x.remove(key("k"), bytes(8, 1)));
    ops.put("touch", x -> x.touch(key("k"), ByteStore.ETERNAL));
    ops.put("readEntry", x -> x.readEntry(key("k"), (v, at, version) -> version));
    ops.put("commit", x -> x.commit(key("k"), ByteStore.ABSENT, bytes(8, 2), ByteStore.ETERNAL));
    ops.put("touchVersioned", x -> x.touch(key("k"), 1, ByteStore.ETERNAL));
    ops.put("clear", ByteStore::clear);
    ops.put("size", ByteStore::size);
    ops.put("iterator", ByteStore::iterator);
    List<String> notRejected = Outcomes.notThrowing(StoreClosedException.class, s, ops);
    assertEquals(List.of(), notRejected, "operations after close that did not throw ISE");
    assertTrue(s.isClosed());
    // Documented: stats and config still answer, so a management bean can read a closed store.
    assertEquals(1, s.stats().puts());
    assertEquals(s.config(), s.config());
  }

  @Test
  default void close_storesWithExpirer_leaveNoThreadsBehind() throws InterruptedException {
    // a first store may start threads that all stores share; later ones must not add to them
    harness().reopen(b -> b.expirationIntervalMillis(5)).close();
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    for (int i = 0; i < 5; i++) {
      ByteStore s = harness().reopen(b -> b.expirationIntervalMillis(5));
      s.put(key("k"), bytes(8, 1), now() + 1);
      harness().advance(10_000);
      Thread.sleep(20);
      s.close();
    }
    long deadline = System.nanoTime() + 5_000_000_000L;
    List<String> added;
    do {
      Thread.sleep(20);
      added =
          Thread.getAllStackTraces().keySet().stream()
              .filter(t -> !before.contains(t) && t.isAlive())
              .map(Thread::getName)
              .filter(name -> !name.startsWith("junit-"))
              .collect(Collectors.toList());
    } while (!added.isEmpty() && System.nanoTime() < deadline);
    assertEquals(List.of(), added, "threads still alive after their stores closed");
  }

  @Test
  default void iterator_storeClosedMidway_throwsOrReturnsIntactCopies() {
    for (int i = 0; i < 5_000; i++) {
      store().put(key("k" + i), bytes(64, i), ByteStore.ETERNAL);
    }
    java.util.Iterator<StoreEntry> it = store().iterator();
    it.next();
    store().close();
    int returned = 0;
    try {
      while (it.hasNext()) {
        StoreEntry e = it.next();
        String k = new String(e.key(), java.nio.charset.StandardCharsets.UTF_8);
        int i = Integer.parseInt(k.substring(1));
        assertTrue(java.util.Arrays.equals(bytes(64, i), e.value()), "intact copy of " + k);
        returned++;
      }
    } catch (IllegalStateException expected) {
      // allowed: the store is closed
    }
    assertTrue(returned <= 5_000);
  }

  @Test
  default void config_returnsTheConfigurationTheStoreRunsWith() {
    StoreConfig c = store().config();
    assertEquals(StoreHarness.CAPACITY, c.capacityBytes());
    assertEquals(StoreHarness.SEGMENT_SIZE, c.segmentSize());
    assertEquals(StoreHarness.SHARDS, c.shards());
    assertEquals(harness().policy(), c.evictionPolicy());
    assertEquals(0, c.expirationIntervalMillis());
    assertSame(removals(), c.removalListener());
    assertEquals(StoreHarness.START, c.clock().getAsLong());
  }

  @Test
  default void open_defaultsForASmallCapacity_resolveAWorkingStore() {
    ByteStore s = harness().reopen(b -> StoreConfig.builder(1L << 20).clock(harness().clock::get));
    StoreConfig c = s.config();
    assertTrue(c.segmentSize() >= StoreConfig.MIN_SEGMENT_SIZE, c::toString);
    assertTrue(c.capacityBytes() / c.segmentSize() >= 2L * c.shards(), c::toString);
    s.put(key("k"), bytes(8, 1), ByteStore.ETERNAL);
    harness().assertValue(key("k"), bytes(8, 1));
  }
}
