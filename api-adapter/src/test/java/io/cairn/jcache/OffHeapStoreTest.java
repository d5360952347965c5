package io.cairn.jcache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.engine.StoreConfig;
import io.cairn.jcache.configuration.CairnConfiguration;
import javax.cache.CacheException;
import org.junit.jupiter.api.Test;

class OffHeapStoreTest extends EntryStoreContractTest {

  @Override
  protected EntryStore<String, String> open() {
    return OffHeapStore.open(
        "test",
        new CairnConfiguration<String, String>().setExpirationIntervalMillis(0),
        getClass().getClassLoader(),
        null,
        false,
        expirations);
  }

  /** A 64 KiB store of 4 KiB segments: items up to 16 KiB, a quarter of it. */
  private OffHeapStore<String, String> openSmall() {
    return OffHeapStore.open(
        "small",
        new CairnConfiguration<String, String>().setCapacityBytes(64 << 10).setSegmentSize(4 << 10),
        getClass().getClassLoader(),
        null,
        false,
        expirations);
  }

  @Test
  void commit_itemLargerThanAQuarterOfTheCapacity_throwsCacheExceptionAndKeepsOldValue() {
    try (OffHeapStore<String, String> small = openSmall()) {
      StoreKey<String> k = small.key("k");
      small.commit(k, EntryStore.ABSENT, small.value("small"), Long.MAX_VALUE);
      long version = small.read(k, false).version();
      StoreConfig config = small.engine().config();
      StoreValue<String> huge = small.value("x".repeat((int) config.maxItemBytes()));
      EntryTooLargeException e =
          assertThrows(
              EntryTooLargeException.class, () -> small.commit(k, version, huge, Long.MAX_VALUE));
      assertTrue(e.getMessage().startsWith("cache small cannot store an entry"), e.getMessage());
      assertTrue(
          e.getMessage().contains(" is " + config.maxItemBytes() + " bytes"), e.getMessage());
      assertEquals(
          config.maxItemBytes() <= 4096,
          e.getMessage().contains("segment-size (now 4096 bytes"),
          e.getMessage());
      assertEquals("small", small.get(k));
    }
  }

  @Test
  void commit_valueLargerThanASegment_roundTrips() {
    try (OffHeapStore<String, String> small = openSmall()) {
      StoreKey<String> k = small.key("k");
      String entity = "e".repeat(10_000); // a 10 KB entity in a cache of 4 KiB segments
      assertTrue(small.commit(k, EntryStore.ABSENT, small.value(entity), Long.MAX_VALUE));
      assertEquals(entity, small.get(k));
    }
  }

  @Test
  void key_overTheEngineLimit_failsEveryCallAlikeWithoutTheKey() {
    StoreKey<String> k = store.key("k".repeat(70_000));
    for (Runnable call :
        new Runnable[] {
          () -> store.get(k),
          () -> store.read(k, true),
          () -> store.containsKey(k),
          () -> store.commit(k, EntryStore.ABSENT, store.value("v"), Long.MAX_VALUE),
          () -> store.touch(k, 1, Long.MAX_VALUE)
        }) {
      CacheException e = assertThrows(CacheException.class, call::run);
      assertEquals("cache test: key length=70001 exceeds the limit of 65535", e.getMessage());
    }
  }

  @Test
  void engine_holdsSerializedKeys() {
    set("k", "v", Long.MAX_VALUE);
    byte[] key = store.key("k").bytes();
    assertArrayEquals(new byte[] {1, 'k'}, key); // Latin-1 tag, then the chars
    assertEquals(1, ((OffHeapStore<String, String>) store).engine().size());
  }

  @Test
  void expired_noReportWanted_engineIsNotAskedToCopy() {
    wanted = false;
    var engine = ((OffHeapStore<String, String>) store).engine();
    assertFalse(engine.config().notifies(io.cairn.engine.RemovalCause.EXPIRED));
    wanted = true;
    assertTrue(engine.config().notifies(io.cairn.engine.RemovalCause.EXPIRED));
    assertFalse(engine.config().notifies(io.cairn.engine.RemovalCause.EVICTED));
  }
}
