package io.cairn.engine.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.engine.memory.MemoryRegion;
import io.cairn.engine.memory.NativeMemory;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The index against a map of fake items: a slot's segment and offset stand for an item, and the
 * matcher resolves them through the map.
 */
class HashIndexTest {

  private final NativeMemory memory = new NativeMemory();
  private final HashIndex index = new HashIndex(memory, HashIndex.MIN_BUCKETS);
  private final Map<Long, Long> hashOfLocation = new HashMap<>();

  private final KeyMatcher matcher =
      new KeyMatcher() {
        @Override
        public boolean matches(long slot, byte[] key) {
          Long hash = hashOfLocation.get(IndexDescriptor.location(slot));
          return hash != null && hash == keyHash(key);
        }

        @Override
        public long hashOf(long slot) {
          return hashOfLocation.get(IndexDescriptor.location(slot));
        }
      };

  @AfterEach
  void free() {
    index.free();
    assertEquals(0, memory.allocatedBytes());
  }

  private static byte[] key(long n) {
    return Long.toString(n).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }

  private static long keyHash(byte[] key) {
    long n = Long.parseLong(new String(key, java.nio.charset.StandardCharsets.US_ASCII));
    long h = n * 0x9E3779B97F4A7C15L;
    return h ^ (h >>> 29);
  }

  private long slotFor(long n) {
    long hash = keyHash(key(n));
    long slot =
        IndexDescriptor.slot(
            IndexDescriptor.tagOf(hash), (int) (n >>> 17), (int) (n & 0x1FFFF) * 8);
    hashOfLocation.put(IndexDescriptor.location(slot), hash);
    return slot;
  }

  @Test
  void insertFindClear_singleKey_roundTrips() {
    long slot = slotFor(7);
    long hash = keyHash(key(7));
    assertTrue(index.insert(hash, slot));
    long position = index.find(hash, key(7), matcher);
    assertNotEquals(HashIndex.NOT_FOUND, position);
    assertEquals(slot, index.slotAt(position));
    assertEquals(position, index.findLocation(hash, IndexDescriptor.location(slot)));
    index.clear(position);
    assertEquals(HashIndex.NOT_FOUND, index.find(hash, key(7), matcher));
    assertEquals(0, index.count());
  }

  @Test
  void insert_untilThenRebuild_everyKeyStillFound() {
    int n = 0;
    while (index.count() < index.growThreshold()) {
      assertTrue(index.insert(keyHash(key(n)), slotFor(n)), "insert " + n);
      n++;
    }
    long oldBytes = index.bytes();
    MemoryRegion old = index.rebuild(index.buckets() * 2, matcher);
    memory.free(old);
    assertEquals(2 * oldBytes, index.bytes());
    for (int i = 0; i < n; i++) {
      assertNotEquals(
          HashIndex.NOT_FOUND, index.find(keyHash(key(i)), key(i), matcher), "key " + i);
    }
    assertEquals(HashIndex.NOT_FOUND, index.find(keyHash(key(n)), key(n), matcher));
  }

  @Test
  void insert_fullTable_reportsNoRoomInsteadOfOverwriting() {
    long capacity = index.buckets() * IndexDescriptor.ITEM_SLOTS_PER_BUCKET;
    int inserted = 0;
    for (int i = 0; i < capacity + 10; i++) {
      if (index.insert(keyHash(key(i)), slotFor(i))) {
        inserted++;
      }
    }
    assertEquals(capacity, inserted, "every slot used, none twice");
    assertEquals(capacity, index.count());
  }

  @Test
  void slot_packing_roundTripsEveryField() {
    long slot = IndexDescriptor.slot(0xABC, (1 << 24) - 1, ((1 << 20) - 1) * 8);
    assertEquals(0xABC, IndexDescriptor.tag(slot));
    assertEquals((1 << 24) - 1, IndexDescriptor.segment(slot));
    assertEquals(((1 << 20) - 1) * 8, IndexDescriptor.offset(slot));
    assertEquals(0, IndexDescriptor.frequency(slot));
    assertNotEquals(0, IndexDescriptor.tagOf(0L), "a tag is never 0, so a slot is never empty");
  }

  @Test
  void clearAll_removesEverySlot() {
    for (int i = 0; i < 20; i++) {
      index.insert(keyHash(key(i)), slotFor(i));
    }
    index.clearAll();
    assertEquals(0, index.count());
    for (int i = 0; i < 20; i++) {
      assertEquals(HashIndex.NOT_FOUND, index.find(keyHash(key(i)), key(i), matcher));
    }
  }
}
