package io.cairn.engine.index;

import static io.cairn.engine.index.IndexDescriptor.BUCKET_BYTES;
import static io.cairn.engine.index.IndexDescriptor.INFO_OFFSET;
import static io.cairn.engine.index.IndexDescriptor.ITEM_SLOTS_PER_BUCKET;
import static io.cairn.engine.index.IndexDescriptor.MAX_SPILL;
import static io.cairn.engine.index.IndexDescriptor.slotPosition;

import io.cairn.engine.memory.MemoryRegion;
import io.cairn.engine.memory.NativeMemory;

/**
 * A bucketed hash table of 64-bit slots in native memory (see {@link IndexDescriptor}). An item
 * lives in its home bucket ({@code hash & mask}) or, when that is full, in one of the next {@link
 * IndexDescriptor#MAX_SPILL} buckets; the home bucket's info word records how far its items
 * spilled, so a lookup reads the home bucket and only as many more as needed. Removal clears the
 * slot. Internal.
 *
 * <p>Threading: one writer at a time, holding the owning shard's lock. Readers may run concurrently
 * without the lock: every position they compute is masked into the table they read, and a slot is
 * stored with a volatile store after the item it points at was written, so a reader that loads a
 * slot sees its item whole (the slot's bits carry the address: the loads are ordered by their
 * dependency). A rebuild or clearAll runs while the shard holds off readers' validation (see the
 * shard's move lock); a replaced table is returned to the caller, which must not free it while
 * optimistic readers may still hold it.
 */
public final class HashIndex {

  /** The smallest table: 8 buckets (512 bytes), so that 200 empty caches cost little. */
  public static final int MIN_BUCKETS = 8;

  /** Returned by {@link #find} when no slot matches. */
  public static final long NOT_FOUND = -1;

  /** An immutable view of one table; replaced whole when the index grows. */
  private record Table(MemoryRegion region, long mask) {}

  private final NativeMemory memory;
  private volatile Table table; // written under the shard lock; read by optimistic readers
  private long count; // guarded by the shard lock

  /** Creates an index of {@code buckets} buckets, a power of two. */
  public HashIndex(NativeMemory memory, long buckets) {
    this.memory = memory;
    this.table = newTable(memory, buckets);
  }

  private static Table newTable(NativeMemory memory, long buckets) {
    if (buckets < MIN_BUCKETS || Long.bitCount(buckets) != 1) {
      throw new IllegalArgumentException("buckets=" + buckets + " must be a power of two >= 8");
    }
    return new Table(memory.allocate(buckets * BUCKET_BYTES, true), buckets - 1);
  }

  /** The number of occupied slots. Guarded by the shard lock. */
  public long count() {
    return count;
  }

  /** The number of buckets. */
  public long buckets() {
    return table.mask + 1;
  }

  /** Native bytes held by the current table. */
  public long bytes() {
    return table.region.size();
  }

  /** Bytes a table of {@code buckets} buckets takes. */
  public static long bytesFor(long buckets) {
    return buckets * BUCKET_BYTES;
  }

  /** The number of slots the table can fill before it should grow (80% of item slots). */
  public long growThreshold() {
    return buckets() * ITEM_SLOTS_PER_BUCKET * 4 / 5;
  }

  /**
   * Finds the slot holding {@code key}.
   *
   * @return the slot's position, for {@link #slotAt}, {@link #set} and {@link #clear}; or {@link
   *     #NOT_FOUND}
   */
  public long find(long hash, byte[] key, SlotMatcher matcher) {
    Table t = table;
    MemoryRegion r = t.region;
    int tag = IndexDescriptor.tagOf(hash);
    long home = hash & t.mask;
    int spill = spillOf(r, home);
    for (int d = 0; d <= spill; d++) {
      long bucket = (home + d) & t.mask;
      for (int i = 1; i <= ITEM_SLOTS_PER_BUCKET; i++) {
        long position = slotPosition(bucket, i);
        long slot = r.getLong(position);
        if (slot != 0 && IndexDescriptor.tag(slot) == tag && matcher.matches(slot, key)) {
          return position;
        }
      }
    }
    return NOT_FOUND;
  }

  /**
   * Finds the slot pointing at exactly {@code location} (segment and offset bits), for an item
   * whose key hashes to {@code hash}. Used when a segment is emptied. Called under the lock.
   */
  public long findLocation(long hash, long location) {
    return find(hash, null, (slot, key) -> IndexDescriptor.location(slot) == location);
  }

  private static int spillOf(MemoryRegion r, long bucket) {
    // Masked again: a racing reader may see any bits, and the loop must stay bounded.
    return (int) (r.getLong(bucket * BUCKET_BYTES + INFO_OFFSET) & MAX_SPILL);
  }

  /** The slot at {@code position}. */
  public long slotAt(long position) {
    return table.region.getLong(position);
  }

  /**
   * Adds one to the frequency counter of the slot at {@code position}, if it still holds {@code
   * slot} and the counter is below {@code max}. Called by readers without the lock: a CAS on the
   * whole slot, so it never changes a slot a writer has rewritten (it fails instead), and a writer
   * that rewrites the slot meanwhile wins. A lost increment is harmless.
   */
  public void incrementFrequency(long position, long slot, int max) {
    int frequency = IndexDescriptor.frequency(slot);
    // Never from an empty slot: a racing reader may have read 0 where a writer just cleared, and
    // a CAS from 0 would plant a phantom slot that no lookup finds but iteration does.
    if (slot != 0 && frequency < max) {
      table.region.compareAndSetLong(
          position, slot, IndexDescriptor.withFrequency(slot, frequency + 1));
    }
  }

  /**
   * Overwrites the slot at {@code position} with another occupied slot. Called under the lock. A
   * volatile store: it publishes the item the slot points at, written before, to readers that load
   * the slot without the lock.
   */
  public void set(long position, long slot) {
    table.region.putLongVolatile(position, slot);
  }

  /** Empties the slot at {@code position}. Called under the lock. */
  public void clear(long position) {
    table.region.putLongVolatile(position, 0);
    count--;
  }

  /**
   * Inserts a slot for a key with hash {@code hash}, which must not be present. Called under the
   * lock.
   *
   * @return whether a free slot was found within the spill window; if not, the caller makes room
   */
  public boolean insert(long hash, long slot) {
    if (place(table, hash, slot)) {
      count++;
      return true;
    }
    return false;
  }

  private static boolean place(Table t, long hash, long slot) {
    MemoryRegion r = t.region;
    long home = hash & t.mask;
    int window = (int) Math.min(MAX_SPILL, t.mask);
    for (int d = 0; d <= window; d++) {
      long bucket = (home + d) & t.mask;
      for (int i = 1; i <= ITEM_SLOTS_PER_BUCKET; i++) {
        long position = slotPosition(bucket, i);
        if (r.getLong(position) == 0) {
          r.putLongVolatile(position, slot); // publishes the item, as set() does
          long infoPosition = home * BUCKET_BYTES + INFO_OFFSET;
          if (spillOf(r, home) < d) {
            r.putLong(infoPosition, d);
          }
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The position of the slot with the lowest read count among those a key with hash {@code hash}
   * may occupy (its home bucket and spill window), the first such on a tie; {@link #NOT_FOUND} if
   * they are all empty. When {@link #insert} finds the window full and the table cannot grow, the
   * caller evicts this one entry instead of anything more. Called under the lock.
   */
  public long leastFrequentInWindow(long hash) {
    Table t = table;
    long home = hash & t.mask;
    int window = (int) Math.min(MAX_SPILL, t.mask);
    long best = NOT_FOUND;
    int bestFrequency = Integer.MAX_VALUE;
    for (int d = 0; d <= window; d++) {
      long bucket = (home + d) & t.mask;
      for (int i = 1; i <= ITEM_SLOTS_PER_BUCKET; i++) {
        long position = slotPosition(bucket, i);
        long slot = t.region.getLong(position);
        if (slot != 0 && IndexDescriptor.frequency(slot) < bestFrequency) {
          best = position;
          bestFrequency = IndexDescriptor.frequency(slot);
        }
      }
    }
    return best;
  }

  /**
   * Replaces the table with one of {@code buckets} buckets holding the same slots. Called under the
   * lock.
   *
   * @return the old table's region, which the caller frees once no optimistic reader can hold it
   */
  public MemoryRegion rebuild(long buckets, KeyMatcher matcher) {
    Table old = table;
    Table grown = newTable(memory, buckets);
    long oldBuckets = old.mask + 1;
    for (long b = 0; b < oldBuckets; b++) {
      for (int i = 1; i <= ITEM_SLOTS_PER_BUCKET; i++) {
        long slot = old.region.getLong(slotPosition(b, i));
        if (slot != 0 && !place(grown, matcher.hashOf(slot), slot)) {
          memory.free(grown.region);
          throw new IllegalStateException(
              "index rebuild to buckets=" + buckets + " found a full spill window");
        }
      }
    }
    table = grown; // publishes the filled table to optimistic readers (volatile store)
    return old.region;
  }

  /** Empties every slot. Called under the lock. */
  public void clearAll() {
    Table t = table;
    t.region.fill(0, t.region.size(), (byte) 0);
    count = 0;
  }

  /** The slot in item slot {@code i} (1 to {@link IndexDescriptor#ITEM_SLOTS_PER_BUCKET}). */
  public long slotIn(long bucket, int i) {
    return table.region.getLong(slotPosition(bucket, i));
  }

  /** An identity for the current table, to detect a rebuild between two calls. */
  public Object generation() {
    return table;
  }

  /** Frees the current table; the index is unusable afterwards. Called under the lock at close. */
  public void free() {
    memory.free(table.region);
  }
}
