package io.cairn.engine.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.engine.ByteStore;
import io.cairn.engine.EvictionPolicy;
import io.cairn.engine.ItemTooLargeException;
import io.cairn.engine.StoreConfig;
import io.cairn.engine.memory.NativeMemory;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Large segments, one item each ({@link LargeItems}): never FREE, never cleaned, never copied, and
 * paid for in the budget, which no reservation outlives the store's close.
 */
class LargeItemsTest {

  private static final int SEGMENT = 4096;

  private final NativeMemory memory = new NativeMemory();
  private final SegmentTable table = new SegmentTable();
  private final AtomicLong clock = new AtomicLong(1_700_000_000_000L);

  @AfterEach
  void free() {
    for (int id = 0; id < table.size(); id++) {
      if (table.region(id) != null) {
        memory.free(table.region(id));
      }
    }
  }

  private int sealed(int liveBytes) {
    int id = table.add(memory.allocate(SEGMENT, false));
    table.open(id, 0, Pools.NEW);
    table.append(id, SEGMENT);
    table.addItem(id, liveBytes, ByteStore.ETERNAL);
    table.setState(id, SegmentTable.SEALED);
    return id;
  }

  private int large(int size) {
    int id = table.addLarge(memory.allocate(size, false), 0, Pools.NEW);
    table.addItem(id, size, ByteStore.ETERNAL);
    return id;
  }

  private static byte[] key(long i) {
    return ByteBuffer.allocate(8).putLong(i).array();
  }

  @Test
  void addLarge_isSealedWrittenToItsEndAndNotAnOrdinarySegment() {
    int ordinary = sealed(100);
    int big = large(3 * SEGMENT + 8);
    assertEquals(SegmentTable.SEALED, table.state(big));
    assertTrue(table.isLarge(big));
    assertFalse(table.isLarge(ordinary));
    assertEquals(3 * SEGMENT + 8, table.writeOffset(big));
    assertEquals(1, table.largeCount());
    assertEquals(3 * SEGMENT + 8, table.largeBytes());
    assertEquals(1, table.ordinaryCount(), "a large segment is not one the shard keeps");
    assertThrows(IllegalStateException.class, () -> table.empty(big), "never FREE");
  }

  @Test
  void release_largeSegment_idIsReusedByAnOrdinarySegment() {
    int big = large(2 * SEGMENT);
    table.removeItem(big, 2 * SEGMENT);
    memory.free(table.release(big));
    assertEquals(SegmentTable.RELEASED, table.state(big));
    assertFalse(table.isLarge(big));
    assertEquals(0, table.largeCount());
    assertEquals(0, table.largeBytes());
    assertEquals(big, table.add(memory.allocate(SEGMENT, false)), "the id is reused");
    assertFalse(table.isLarge(big));
    assertEquals(SegmentTable.FREE, table.state(big));
    assertEquals(0, table.liveItems(big));
  }

  /**
   * Before: a full large segment counted {@code segmentSize - liveBytes}, a negative amount, toward
   * what cleaning could give back, and so hid the space of two half-empty segments.
   */
  @Test
  void cleanerSelect_largeSegmentBesideSparseOnes_picksASparseOneNeverTheLarge() {
    int half = sealed(SEGMENT / 2);
    int otherHalf = sealed(SEGMENT / 2);
    large(4 * SEGMENT);
    int victim = Cleaner.select(table, SEGMENT, Cleaner.MAX_UTILIZATION);
    assertTrue(victim == half || victim == otherHalf, "victim " + victim);
    for (int id = 0; id < table.size(); id++) {
      if (!table.isLarge(id)) {
        table.setState(id, SegmentTable.ACTIVE);
      }
    }
    assertEquals(
        SegmentTable.NONE,
        Cleaner.select(table, SEGMENT, 100.0),
        "a large segment is never cleaned, whatever the utilization allowed");
  }

  @Test
  void put_itemOfExactly16MiB_roundTripsAndOneMoreRefusedNamingTheHeaderLimit() {
    try (ByteStore store =
        ByteStore.open(StoreConfig.builder(64L << 20).expirationIntervalMillis(0).build())) {
      byte[] k = key(1);
      byte[] value = new byte[StoreConfig.MAX_ITEM_BYTES - ItemDescriptor.MAX_OVERHEAD - k.length];
      value[0] = 1;
      value[value.length - 1] = 2;
      store.put(k, value, ByteStore.ETERNAL);
      assertArrayEquals(value, store.get(k));
      ItemTooLargeException e =
          assertThrows(
              ItemTooLargeException.class,
              () -> store.put(k, Arrays.copyOf(value, value.length + 1), ByteStore.ETERNAL));
      assertEquals(StoreConfig.MAX_ITEM_BYTES, e.limit());
      assertTrue(e.getMessage().contains("maxItemBytes=16777216"), e.getMessage());
      assertArrayEquals(value, store.get(k));
      assertTrue(
          StoreConfig.MAX_ITEM_BYTES - ItemDescriptor.MAX_OVERHEAD
              <= ItemDescriptor.MAX_VALUE_LENGTH,
          "the header holds the length of any value an item of MAX_ITEM_BYTES has");
    }
  }

  /**
   * A large item read between rounds survives a scan of small items that evicts everything else
   * many times over, and it is never copied: its version, which a move would change, stays. FIFO,
   * the control, evicts it.
   */
  @ParameterizedTest
  @EnumSource(
      value = EvictionPolicy.class,
      names = {"MERGE", "S3FIFO", "TINYLFU", "FIFO"})
  void copyingPolicy_readLargeItemAmidScan_keptInPlace(EvictionPolicy policy) {
    try (SegmentStore store =
        (SegmentStore)
            ByteStore.open(
                StoreConfig.builder(1 << 20)
                    .segmentSize(16 << 10)
                    .shards(1)
                    .evictionPolicy(policy)
                    .clock(clock::get)
                    .expirationIntervalMillis(0)
                    .build())) {
      byte[] big = new byte[100_000];
      Arrays.fill(big, (byte) 7);
      store.put(key(-1), big, ByteStore.ETERNAL);
      long version = store.readEntry(key(-1), (v, e, ver) -> ver);
      for (int i = 0; i < 40_000; i++) {
        store.put(key(i), new byte[100], ByteStore.ETERNAL);
        if (i % 100 == 0) {
          store.get(key(-1));
        }
      }
      assertTrue(store.stats().evictions() > 20_000, store.stats().toString());
      Long now = store.readEntry(key(-1), (v, e, ver) -> ver);
      if (policy == EvictionPolicy.FIFO) {
        assertNull(now, "the control: FIFO evicts the oldest, read or not");
      } else {
        assertNotNull(now, policy + " evicted a large item read throughout");
        assertEquals(version, now, policy + " kept it in place");
        assertArrayEquals(big, store.get(key(-1)));
      }
      assertTrue(store.stats().committedBytes() <= 1 << 20);
    }
  }
}
