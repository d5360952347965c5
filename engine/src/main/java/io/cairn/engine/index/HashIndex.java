package io.cairn.engine.index;

import static io.cairn.engine.index.IndexDescriptor.MAX_SPILL;
import static io.cairn.engine.index.IndexDescriptor.SLOTS_PER_BUCKET;
import static io.cairn.engine.index.IndexDescriptor.homeBucket;
import static io.cairn.engine.index.IndexDescriptor.slotPosition;
import static io.cairn.engine.index.IndexDescriptor.spillPosition;

import io.cairn.engine.memory.MemoryRegion;
import io.cairn.engine.memory.NativeMemory;

/**
 * A bucketed hash table of 64-bit slots in native memory (see {@link IndexDescriptor}). An item
 * lives in its home bucket or, when that is full, in one of the next {@link
 * IndexDescriptor#MAX_SPILL} buckets (wrapping at the end); the home bucket's spill byte records
 * how far its items spilled, so a lookup reads the home bucket and only as many more as needed.
 * Removal clears the slot. Internal.
 *
 * <p>Density: the table runs at up to {@link #MAX_LOAD} of its slots and grows by an eighth ({@link
 * #grownBuckets}), not by doubling, so that once it is past {@link #DOUBLING_LIMIT} buckets it
 * holds between 76% and 85% of its slots: 9.6 to 10.8 bytes per entry, where a doubling table of
 * 7-slot buckets at 40% to 80% paid 11.4 to 22.9. The price is more rebuilds (each one touches
 * every item to rehash its key): about nine times the entries over a table's life, against two.
 *
 * <p>Threading: one writer at a time, holding the owning shard's lock. Readers may run concurrently
 * without the lock: every position they compute lies inside the table they read (the home bucket is
 * below the table's bucket count by construction, the spill distance is masked to {@link
 * IndexDescriptor#MAX_SPILL} and wraps), and a slot is stored with a volatile store after the item
 * it points at was written, so a reader that loads a slot sees its item whole (the slot's bits
 * carry the address: the loads are ordered by their dependency). A spill byte is raised with a
 * plain store after the slot it covers was stored: a reader that sees the slot in a spilled bucket
 * but not yet the spill, or the other way round, reads an absent key as absent, which it is until
 * the writer returns. A rebuild or clearAll runs while the shard holds off readers' validation (see
 * the shard's move lock): a rebuild fills the new table completely before one volatile store
 * publishes it, so a reader sees either table whole; a replaced table is returned to the caller,
 * which must not free it while optimistic readers may still hold it.
 */
public final class HashIndex {

  /** The smallest table: 8 buckets (520 bytes), so that 200 empty caches cost little. */
  public static final int MIN_BUCKETS = 8;

  /**
   * Up to this many buckets the table doubles: small tables are cheap, and doubling keeps their
   * rebuilds few. 512 buckets (32.5 KiB) hold about 3,500 entries.
   */
  static final long DOUBLING_LIMIT = 512;

  /**
   * The share of slots filled before the table grows. Simulated with random hashes (linear probing
   * of 8-slot buckets): at 85%, 89% of hits are in the home bucket, a hit reads 1.25 buckets and a
   * miss 2.0 on average, and the farthest spill in 180,000 buckets is 56; at 87.5% those are 88%,
   * 1.33, 2.3 and 69, a tail that costs more than the 0.3 bytes per entry it saves.
   */
  static final double MAX_LOAD = 0.85;

  /** Returned by {@link #find} when no slot matches. */
  public static final long NOT_FOUND = -1;

  /** An immutable view of one table; replaced whole when the index grows. */
  private record Table(MemoryRegion region, long buckets) {}

  private final NativeMemory memory;
  private volatile Table table; // written under the shard lock; read by optimistic readers
  private long count; // guarded by the shard lock

  /** Creates an index of {@code buckets} buckets, at least {@link #MIN_BUCKETS}. */
  public HashIndex(NativeMemory memory, long buckets) {
    this.memory = memory;
    this.table = newTable(memory, buckets);
  }

  private static Table newTable(NativeMemory memory, long buckets) {
    if (buckets < MIN_BUCKETS || buckets > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "buckets=" + buckets + " must be from " + MIN_BUCKETS + " to " + Integer.MAX_VALUE);
    }
    return new Table(memory.allocate(bytesFor(buckets), true), buckets);
  }

  /** The number of occupied slots. Guarded by the shard lock. */
  public long count() {
    return count;
  }

  /** The number of buckets. */
  public long buckets() {
    return table.buckets;
  }

  /** Native bytes held by the current table. */
  public long bytes() {
    return table.region.size();
  }

  /** Bytes a table of {@code buckets} buckets takes. */
  public static long bytesFor(long buckets) {
    return IndexDescriptor.tableBytes(buckets);
  }

  /** The number of slots the table can fill before it should grow ({@link #MAX_LOAD}). */
  public long growThreshold() {
    return (long) (buckets() * SLOTS_PER_BUCKET * MAX_LOAD);
  }

  /** The size the table grows to next: double while small, then an eighth more. */
  public long grownBuckets() {
    long buckets = buckets();
    return buckets < DOUBLING_LIMIT ? buckets * 2 : buckets + (buckets + 7) / 8;
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
    long buckets = t.buckets;
    int tag = IndexDescriptor.tagOf(hash);
    long home = homeBucket(hash, buckets);
    long position = findIn(r, home, tag, key, matcher);
    if (position != NOT_FOUND) {
      return position; // the common case: one bucket read, the spill byte not touched
    }
    int spill = spillOf(r, buckets, home);
    long bucket = home;
    for (int d = 1; d <= spill; d++) {
      bucket = next(bucket, buckets);
      position = findIn(r, bucket, tag, key, matcher);
      if (position != NOT_FOUND) {
        return position;
      }
    }
    return NOT_FOUND;
  }

  private static long findIn(MemoryRegion r, long bucket, int tag, byte[] key, SlotMatcher m) {
    for (int i = 0; i < SLOTS_PER_BUCKET; i++) {
      long position = slotPosition(bucket, i);
      long slot = r.getLong(position);
      if (slot != 0 && IndexDescriptor.tag(slot) == tag && m.matches(slot, key)) {
        return position;
      }
    }
    return NOT_FOUND;
  }

  /** The bucket after {@code bucket}, wrapping to 0 at the end. */
  private static long next(long bucket, long buckets) {
    long next = bucket + 1;
    return next == buckets ? 0 : next;
  }

  /**
   * Finds the slot pointing at exactly {@code location} (segment and offset bits), for an item
   * whose key hashes to {@code hash}. Used when a segment is emptied. Called under the lock.
   */
  public long findLocation(long hash, long location) {
    return find(hash, null, (slot, key) -> IndexDescriptor.location(slot) == location);
  }

  private static int spillOf(MemoryRegion r, long buckets, long bucket) {
    // Masked again: a racing reader may see any bits, and the loop must stay bounded.
    return r.getByte(spillPosition(buckets, bucket)) & MAX_SPILL;
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
    long buckets = t.buckets;
    long home = homeBucket(hash, buckets);
    int window = (int) Math.min(MAX_SPILL, buckets - 1);
    long bucket = home;
    for (int d = 0; d <= window; d++, bucket = next(bucket, buckets)) {
      for (int i = 0; i < SLOTS_PER_BUCKET; i++) {
        long position = slotPosition(bucket, i);
        if (r.getLong(position) == 0) {
          r.putLongVolatile(position, slot); // publishes the item, as set() does
          if (spillOf(r, buckets, home) < d) {
            r.putByte(spillPosition(buckets, home), (byte) d); // only ever raised
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
    long buckets = t.buckets;
    int window = (int) Math.min(MAX_SPILL, buckets - 1);
    long best = NOT_FOUND;
    int bestFrequency = Integer.MAX_VALUE;
    long bucket = homeBucket(hash, buckets);
    for (int d = 0; d <= window; d++, bucket = next(bucket, buckets)) {
      for (int i = 0; i < SLOTS_PER_BUCKET; i++) {
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
   * lock. Fails, leaving the table as it was, when some slot finds no place in its spill window in
   * the new table: keys crowded into one window (which fit the old table's window, since its slots
   * were placed one by one as they came) may not fit the new one if ordinary keys are placed there
   * first.
   *
   * @return the old table's region, which the caller frees once no optimistic reader can hold it;
   *     or null if the rebuild failed and the new table was freed
   */
  public MemoryRegion rebuild(long buckets, KeyMatcher matcher) {
    Table old = table;
    Table grown = newTable(memory, buckets);
    for (long b = 0; b < old.buckets; b++) {
      for (int i = 0; i < SLOTS_PER_BUCKET; i++) {
        long slot = old.region.getLong(slotPosition(b, i));
        if (slot != 0 && !place(grown, matcher.hashOf(slot), slot)) {
          memory.free(grown.region); // no reader saw it: it was never published
          return null;
        }
      }
    }
    table = grown; // publishes the filled table to optimistic readers (volatile store)
    return old.region;
  }

  /** Empties every slot and spill count. Called under the lock. */
  public void clearAll() {
    Table t = table;
    t.region.fill(0, t.region.size(), (byte) 0);
    count = 0;
  }

  /** The slot in slot {@code i} (0 to {@link IndexDescriptor#SLOTS_PER_BUCKET} - 1). */
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
