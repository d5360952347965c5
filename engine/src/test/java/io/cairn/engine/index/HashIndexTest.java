package io.cairn.engine.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.engine.memory.MemoryRegion;
import io.cairn.engine.memory.NativeMemory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The index against a map of fake items: a slot's segment and offset stand for an item, and the
 * matcher resolves them through the map.
 */
class HashIndexTest {

  private final NativeMemory memory = new NativeMemory();
  private final HashIndex index = new HashIndex(memory, HashIndex.MIN_BUCKETS);
  private final Map<Long, Long> hashOfLocation = new ConcurrentHashMap<>();

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
    assertEquals(HashIndex.bytesFor(index.buckets()), index.bytes());
    for (int i = 0; i < n; i++) {
      assertNotEquals(
          HashIndex.NOT_FOUND, index.find(keyHash(key(i)), key(i), matcher), "key " + i);
    }
    assertEquals(HashIndex.NOT_FOUND, index.find(keyHash(key(n)), key(n), matcher));
  }

  @Test
  void insert_fullTable_reportsNoRoomInsteadOfOverwriting() {
    long capacity = index.buckets() * IndexDescriptor.SLOTS_PER_BUCKET;
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
    long slot = IndexDescriptor.slot(0xABC, (1 << 23) - 1, ((1 << 21) - 1) * 4);
    assertEquals(0xABC, IndexDescriptor.tag(slot));
    assertEquals((1 << 23) - 1, IndexDescriptor.segment(slot));
    assertEquals(((1 << 21) - 1) * 4, IndexDescriptor.offset(slot));
    assertEquals(8 << 20, IndexDescriptor.MAX_SEGMENT_BYTES, "4-byte units address 8 MiB");
    assertEquals(0, IndexDescriptor.frequency(slot));
    assertNotEquals(0, IndexDescriptor.tagOf(0L), "a tag is never 0, so a slot is never empty");
  }

  @Test
  void incrementFrequency_onAnEmptySlot_plantsNothing() {
    long slot = slotFor(3);
    long hash = keyHash(key(3));
    index.insert(hash, slot);
    long position = index.find(hash, key(3), matcher);
    index.clear(position); // a writer clears while a reader still holds the position
    index.incrementFrequency(position, 0, 7); // the reader read 0 after the clear
    assertEquals(0, index.slotAt(position), "a phantom slot would be seen by iteration");
    index.incrementFrequency(position, slot, 7); // or read the old slot before the clear
    assertEquals(0, index.slotAt(position));
  }

  @Test
  void incrementFrequency_liveSlot_countsUpToTheMaximum() {
    long slot = slotFor(4);
    long hash = keyHash(key(4));
    index.insert(hash, slot);
    long position = index.find(hash, key(4), matcher);
    for (int i = 0; i < 10; i++) {
      index.incrementFrequency(position, index.slotAt(position), 3);
    }
    assertEquals(3, IndexDescriptor.frequency(index.slotAt(position)));
    assertEquals(IndexDescriptor.location(slot), IndexDescriptor.location(index.slotAt(position)));
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

  @Test
  void bytesFor_isSixtyFiveBytesPerBucket_eightSlotsAndASpillByte() {
    assertEquals(8, IndexDescriptor.SLOTS_PER_BUCKET);
    assertEquals(65L * 1000, HashIndex.bytesFor(1000));
    assertEquals(HashIndex.bytesFor(HashIndex.MIN_BUCKETS), index.bytes());
  }

  @Test
  void homeBucket_extremeHashes_stayInsideTheTable() {
    long[] hashes = {0, -1, 0xFFFF_FFFFL, 0x8000_0000L, Long.MIN_VALUE, Long.MAX_VALUE, 1};
    for (long buckets : new long[] {8, 9, 1000, 1125, 4_194_304L, Integer.MAX_VALUE}) {
      for (long hash : hashes) {
        long home = IndexDescriptor.homeBucket(hash, buckets);
        assertTrue(home >= 0 && home < buckets, "hash=" + hash + " buckets=" + buckets);
      }
      assertEquals(buckets - 1, IndexDescriptor.homeBucket(0xFFFF_FFFFL, buckets));
      assertEquals(0, IndexDescriptor.homeBucket(0xFFFF_FFFF_0000_0000L, buckets));
    }
  }

  @Test
  void grownBuckets_doublesSmallTablesThenGrowsByAnEighth() {
    assertEquals(16, index.grownBuckets());
    long buckets = HashIndex.MIN_BUCKETS;
    int rebuilds = 0;
    while (buckets < 100_000) {
      long grown = grownOf(buckets);
      assertTrue(grown > buckets);
      if (buckets >= HashIndex.DOUBLING_LIMIT) {
        assertTrue(grown <= buckets + buckets / 8 + 1, buckets + " -> " + grown);
      }
      buckets = grown;
      rebuilds++;
    }
    assertTrue(rebuilds < 60, "rebuilds=" + rebuilds);
  }

  private long grownOf(long buckets) {
    return buckets < HashIndex.DOUBLING_LIMIT ? buckets * 2 : buckets + (buckets + 7) / 8;
  }

  /**
   * Load: a large table fills to its threshold with random hashes and no spill window overflows.
   */
  @Test
  void insert_randomHashesUpToTheThreshold_neverOverflowsASpillWindow() {
    long buckets = 20_011; // not a power of two
    memory.free(index.rebuild(buckets, matcher));
    int n = 0;
    while (index.count() < index.growThreshold()) {
      assertTrue(index.insert(keyHash(key(n)), slotFor(n)), "insert " + n);
      n++;
    }
    assertEquals((long) (buckets * 8 * 0.85), n, "85% of slots used before growing");
    for (int i = 0; i < n; i += 97) {
      assertNotEquals(
          HashIndex.NOT_FOUND, index.find(keyHash(key(i)), key(i), matcher), "key " + i);
    }
  }

  @Test
  void insert_homeIsTheLastBucket_spillsAroundToTheFirst() {
    long last = 0xFFFF_FFFFL; // the low 32 bits pick the bucket: this one is always the last
    List<Long> slots = new ArrayList<>();
    for (int i = 0; i < IndexDescriptor.SLOTS_PER_BUCKET + 3; i++) {
      long hash = (((long) i + 1) << 52) | last;
      long slot = IndexDescriptor.slot(IndexDescriptor.tagOf(hash), 1, i * 8);
      hashOfLocation.put(IndexDescriptor.location(slot), hash);
      assertTrue(index.insert(hash, slot));
      slots.add(slot);
    }
    for (long slot : slots) {
      long hash = hashOfLocation.get(IndexDescriptor.location(slot));
      long position = index.findLocation(hash, IndexDescriptor.location(slot));
      assertNotEquals(HashIndex.NOT_FOUND, position);
      assertTrue(position >= 0 && position < index.buckets() * IndexDescriptor.BUCKET_BYTES);
    }
    assertEquals(slots.get(slots.size() - 1), index.slotIn(0, 2), "wrapped to bucket 0");
  }

  /**
   * A rebuild into a table where some slot finds no place in its spill window must fail whole and
   * leave the old table in place rather than lose a key. Growth keeps keys in hash order, so a
   * smaller table is the plain way to get there: 512 keys homed in bucket 0 fill a 64-bucket
   * table's only window, and one more key cannot go anywhere.
   */
  @Test
  void rebuild_slotsThatDoNotFit_failsAndKeepsTheOldTable() {
    List<Long> hashes = new ArrayList<>();
    int window = 64 * IndexDescriptor.SLOTS_PER_BUCKET; // the 64-bucket table's only window
    memory.free(index.rebuild(128, matcher));
    for (int i = 0; i <= window; i++) {
      long hash = i < window ? ((long) (i + 1) << 40) | 1 : 0x8000_0000L; // home 0, then 64
      long slot = IndexDescriptor.slot(IndexDescriptor.tagOf(hash), 2, i * 8);
      hashOfLocation.put(IndexDescriptor.location(slot), hash);
      assertTrue(index.insert(hash, slot));
      hashes.add(hash);
    }
    Object before = index.generation();
    assertNull(index.rebuild(64, matcher));
    assertSame(before, index.generation(), "the old table stays");
    for (long hash : hashes) {
      assertNotEquals(
          HashIndex.NOT_FOUND, index.findLocation(hash, locationOf(hash)), "hash " + hash);
    }
    assertEquals(HashIndex.bytesFor(128), memory.allocatedBytes(), "the new table was freed");
  }

  private long locationOf(long hash) {
    for (Map.Entry<Long, Long> e : hashOfLocation.entrySet()) {
      if (e.getValue() == hash) {
        return e.getKey();
      }
    }
    throw new AssertionError("no location for hash " + hash);
  }

  /**
   * Growth under concurrent readers: readers look up keys inserted before they started, while the
   * writer inserts more and rebuilds the table many times (replaced tables are freed only at the
   * end, as the store's reader barrier would). Every lookup must find its key: a rebuild fills the
   * new table before it publishes it, so a reader sees one table or the other, whole.
   */
  @Test
  void find_concurrentWithRebuilds_alwaysFindsKeysInsertedBefore() throws InterruptedException {
    int before = 2_000;
    for (int i = 0; i < before; i++) {
      insertGrowing(i);
    }
    AtomicBoolean stop = new AtomicBoolean();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    AtomicLong lookups = new AtomicLong();
    List<Thread> readers = new ArrayList<>();
    for (int t = 0; t < 2; t++) {
      int seed = t;
      Thread reader =
          new Thread(
              () -> {
                try {
                  for (int i = seed; !stop.get(); i = (i + 7919) % before) {
                    if (index.find(keyHash(key(i)), key(i), matcher) == HashIndex.NOT_FOUND) {
                      throw new AssertionError("key " + i + " not found");
                    }
                    lookups.incrementAndGet();
                  }
                } catch (Throwable e) {
                  failure.compareAndSet(null, e);
                }
              });
      reader.start();
      readers.add(reader);
    }
    long rebuildsBefore = rebuilds;
    for (int i = before; i < 60_000 && failure.get() == null; i++) {
      insertGrowing(i);
    }
    stop.set(true);
    for (Thread reader : readers) {
      reader.join();
    }
    for (MemoryRegion region : replaced) {
      memory.free(region);
    }
    if (failure.get() != null) {
      throw new AssertionError(failure.get());
    }
    assertTrue(rebuilds - rebuildsBefore >= 10, "rebuilds=" + (rebuilds - rebuildsBefore));
    assertTrue(lookups.get() > 0);
  }

  private final List<MemoryRegion> replaced = new ArrayList<>();
  private long rebuilds;

  private void insertGrowing(int n) {
    if (index.count() >= index.growThreshold()) {
      replaced.add(index.rebuild(index.grownBuckets(), matcher));
      rebuilds++;
    }
    long slot = slotFor(n);
    while (!index.insert(keyHash(key(n)), slot)) { // a full spill window: grow early, as a shard
      replaced.add(index.rebuild(index.grownBuckets(), matcher));
      rebuilds++;
    }
  }
}
