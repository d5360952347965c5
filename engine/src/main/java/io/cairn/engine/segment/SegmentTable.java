package io.cairn.engine.segment;

import io.cairn.engine.index.IndexDescriptor;
import io.cairn.engine.memory.MemoryRegion;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One shard's segments: their native regions and, on the heap, their state and accounting, indexed
 * by segment id. Internal to the shard. A large segment ({@link LargeItems}) is one with a region
 * of its item's size, never FREE: it goes from SEALED to RELEASED.
 *
 * <p>Stamps: each segment id has a stamp, a seqlock over the segment's bytes for optimistic readers
 * (async-segcache validates reads against a per-segment state the same way). It is even while every
 * index slot that points into the segment points at the item written there, which then stays put:
 * items are immutable once their slot is published, but for an expiry rewritten whole and a flag.
 * {@link #empty} and {@link #release}, which let the segment's bytes be overwritten or its memory
 * go while slots may still point into it (a cleaned segment is written back into, a copying policy
 * reuses its victims), make it odd, <em>unsettled</em>; the shard {@link #settle}s it, even again,
 * once every such slot is repointed or cleared, at the end of the move. A reader takes the stamp
 * (acquire) before it reads an item and checks it is the same after (acquire fence, load): then the
 * bytes it read are the item a slot pointed at, whole. A write elsewhere in the shard, or to
 * another segment, leaves the stamp alone, so it never fails the read. {@link #unsettles} counts
 * every unsettling, for a reader whose lookup found nothing to validate its miss against.
 *
 * <p>Threading: everything is guarded by the shard's lock except {@link #region}, {@link #stamp}
 * and {@link #unsettles}, which optimistic readers call without it: the regions and stamps arrays
 * are replaced whole when they grow (volatile fields; a stamp object is never replaced, so an old
 * array's stamp is the current one), and regions are published with release stores and read with
 * acquire loads, so a reader sees either no region or a fully set up one.
 */
final class SegmentTable {

  /** Bits of an item version that hold its offset in 4-byte units (segments are at most 8 MiB). */
  private static final int VERSION_OFFSET_BITS = 21;

  /** Items are 4-byte aligned: the offset's low 2 bits are always zero. */
  private static final int VERSION_OFFSET_SHIFT = 2;

  /** A segment id that refers to no segment. */
  static final int NONE = -1;

  /** Segment states. RELEASED ids have no memory and wait to be reused. */
  static final byte RELEASED = 0;

  static final byte FREE = 1;
  static final byte ACTIVE = 2;
  static final byte SEALED = 3;

  private static final VarHandle REGIONS =
      MethodHandles.arrayElementVarHandle(MemoryRegion[].class);

  private volatile MemoryRegion[] regions = new MemoryRegion[4];
  private volatile AtomicLong[] stamps = withStamps(new AtomicLong[4], 0);
  private final AtomicLong unsettles = new AtomicLong();
  private int[] unsettled = new int[4]; // ids made odd since the last settle()
  private int unsettledCount;
  private byte[] state = new byte[4];
  private int[] writeOffset = new int[4];
  private int[] liveBytes = new int[4];
  private int[] liveItems = new int[4];
  private int[] lane = new int[4]; // the TTL lane of the open segment the id was opened as
  private byte[] pool = new byte[4];
  private long[] createSeq = new long[4];
  private long[] epoch = new long[4]; // the sequence number the segment was last opened with
  private long[] minExpiry = new long[4];
  private long[] maxExpiry = new long[4];
  private boolean[] large = new boolean[4]; // a large segment: one item, never FREE

  private int size; // ids in use: 0 .. size-1
  private final int[] stateCounts = new int[4];
  private int largeCount; // large segments, all SEALED
  private long largeBytes; // their regions' bytes
  private long nextSeq;

  /** The region of segment {@code id}, or null. Safe without the lock. */
  MemoryRegion region(int id) {
    MemoryRegion[] r = regions;
    return id >= 0 && id < r.length ? (MemoryRegion) REGIONS.getAcquire(r, id) : null;
  }

  /** The stamp of segment {@code id} (see the class note), or null for an id never used. */
  AtomicLong stamp(int id) {
    AtomicLong[] s = stamps;
    return id >= 0 && id < s.length ? s[id] : null;
  }

  /** How many times a segment was unsettled so far; see the class note. Safe without the lock. */
  long unsettles() {
    return unsettles.get();
  }

  /**
   * Makes the stamp of {@code id} odd before its bytes may change or its memory go: a reader that
   * reads them afterwards sees the stamp changed. Stays odd until {@link #settle}.
   */
  private void unsettle(int id) {
    AtomicLong stamp = stamps[id];
    if ((stamp.get() & 1) == 0) {
      stamp.incrementAndGet();
      if (unsettledCount == unsettled.length) {
        unsettled = Arrays.copyOf(unsettled, unsettledCount * 2);
      }
      unsettled[unsettledCount++] = id;
    }
    unsettles.incrementAndGet();
    // The odd stamp and the count are visible before any later plain write to the segment.
    VarHandle.storeStoreFence();
  }

  /**
   * Makes every unsettled stamp even again: called once no index slot points into those segments
   * but at items written there since (the end of a move, the release of the shard's lock). A
   * volatile increment: the slot writes before it are visible to a reader that takes the new stamp.
   */
  void settle() {
    for (int i = 0; i < unsettledCount; i++) {
      stamps[unsettled[i]].incrementAndGet();
    }
    unsettledCount = 0;
  }

  /** Ids in use, including FREE and RELEASED ones. */
  int size() {
    return size;
  }

  byte state(int id) {
    return state[id];
  }

  int count(byte s) {
    return stateCounts[s];
  }

  /** Whether items may live in the segment. */
  boolean holdsItems(int id) {
    return state[id] == ACTIVE || state[id] == SEALED;
  }

  /** Whether the segment is a large one, holding a single item larger than a segment. */
  boolean isLarge(int id) {
    return large[id];
  }

  /** The number of large segments. */
  int largeCount() {
    return largeCount;
  }

  /** The bytes of the large segments' regions. */
  long largeBytes() {
    return largeBytes;
  }

  /** The number of ordinary segments with memory: FREE, ACTIVE and SEALED ones, large excluded. */
  int ordinaryCount() {
    return stateCounts[FREE] + stateCounts[ACTIVE] + stateCounts[SEALED] - largeCount;
  }

  /** The lowest id in state {@code s}, or {@link #NONE}. */
  int first(byte s) {
    for (int i = 0; i < size; i++) {
      if (state[i] == s) {
        return i;
      }
    }
    return NONE;
  }

  /**
   * The lowest id of a SEALED segment with no live item, never {@code exclude}; or {@link #NONE}.
   */
  int firstDead(int exclude) {
    for (int i = 0; i < size; i++) {
      if (i != exclude && state[i] == SEALED && liveItems[i] == 0) {
        return i;
      }
    }
    return NONE;
  }

  /**
   * Adds a segment with {@code region} in state FREE, reusing a RELEASED id if any. Every segment
   * with memory is paid for in the budget with at least a segment's bytes, so a store whose bound
   * holds fewer than {@link IndexDescriptor#MAX_SEGMENTS} segments ({@code StoreConfig} checks it)
   * never needs an id that an index slot cannot hold; the check here only guards that invariant.
   */
  int add(MemoryRegion region) {
    int id = NONE;
    for (int i = 0; i < size; i++) {
      if (state[i] == RELEASED) {
        id = i;
        break;
      }
    }
    if (id == NONE) {
      if (size == IndexDescriptor.MAX_SEGMENTS) {
        throw new IllegalStateException("segment ids exhausted: size=" + size);
      }
      if (size == state.length) {
        grow();
      }
      id = size++;
      stateCounts[RELEASED]++; // a fresh id starts RELEASED (0), like a reused one
    }
    REGIONS.setRelease(regions, id, region);
    setState(id, FREE);
    return id;
  }

  private void grow() {
    int n = state.length * 2;
    state = Arrays.copyOf(state, n);
    writeOffset = Arrays.copyOf(writeOffset, n);
    liveBytes = Arrays.copyOf(liveBytes, n);
    liveItems = Arrays.copyOf(liveItems, n);
    lane = Arrays.copyOf(lane, n);
    pool = Arrays.copyOf(pool, n);
    createSeq = Arrays.copyOf(createSeq, n);
    epoch = Arrays.copyOf(epoch, n);
    minExpiry = Arrays.copyOf(minExpiry, n);
    maxExpiry = Arrays.copyOf(maxExpiry, n);
    large = Arrays.copyOf(large, n);
    stamps = withStamps(Arrays.copyOf(stamps, n), stamps.length); // the same stamps, and new ones
    regions = Arrays.copyOf(regions, n); // volatile store publishes the copied elements
  }

  private static AtomicLong[] withStamps(AtomicLong[] stamps, int from) {
    for (int i = from; i < stamps.length; i++) {
      stamps[i] = new AtomicLong();
    }
    return stamps;
  }

  /**
   * Adds a large segment for one item of {@code region.size()} bytes, opened for TTL lane {@code
   * lane} in pool {@code pool}, already written to its end and SEALED: it is never open, and it is
   * released, never emptied, once its item is gone.
   */
  int addLarge(MemoryRegion region, int lane, byte pool) {
    int id = add(region);
    open(id, lane, pool);
    append(id, (int) region.size() - ItemDescriptor.FIRST_ITEM_OFFSET);
    setState(id, SEALED);
    large[id] = true;
    largeCount++;
    largeBytes += region.size();
    return id;
  }

  /**
   * Detaches the region of a FREE segment, or of a large one, so it can be retired; the id becomes
   * RELEASED.
   */
  MemoryRegion release(int id) {
    unsettle(id);
    MemoryRegion region = region(id);
    REGIONS.setRelease(regions, id, null);
    setState(id, RELEASED);
    if (large[id]) {
      large[id] = false;
      largeCount--;
      largeBytes -= region.size();
    }
    writeOffset[id] = ItemDescriptor.FIRST_ITEM_OFFSET;
    liveBytes[id] = 0;
    liveItems[id] = 0;
    epoch[id] = -1; // no opening's: the id's next region holds nothing of it
    return region;
  }

  void setState(int id, byte s) {
    stateCounts[state[id]]--;
    state[id] = s;
    stateCounts[s]++;
  }

  /** Opens a FREE segment for writes of TTL lane {@code lane} into pool {@code pool}. */
  void open(int id, int lane, byte pool) {
    setState(id, ACTIVE);
    this.pool[id] = pool;
    writeOffset[id] = ItemDescriptor.FIRST_ITEM_OFFSET;
    liveBytes[id] = 0;
    liveItems[id] = 0;
    this.lane[id] = lane;
    createSeq[id] = nextSeq;
    epoch[id] = nextSeq++;
    minExpiry[id] = Long.MAX_VALUE;
    maxExpiry[id] = Long.MIN_VALUE;
  }

  /**
   * Moves a SEALED segment to pool {@code pool} as its newest segment: its items stay where they
   * are and it takes the next creation sequence, so FIFO order within the pool puts it last.
   */
  void moveToPool(int id, byte pool) {
    this.pool[id] = pool;
    createSeq[id] = nextSeq++;
  }

  /** Empties a segment that held items; it becomes FREE. Never a large one: it is released. */
  void empty(int id) {
    if (large[id]) {
      throw new IllegalStateException("large segment " + id + " must be released, not emptied");
    }
    unsettle(id);
    setState(id, FREE);
    writeOffset[id] = ItemDescriptor.FIRST_ITEM_OFFSET;
    liveBytes[id] = 0;
    liveItems[id] = 0;
  }

  int writeOffset(int id) {
    return writeOffset[id];
  }

  /** Takes {@code bytes} at the end of the segment; returns their offset. */
  int append(int id, int bytes) {
    int at = writeOffset[id];
    writeOffset[id] = at + bytes;
    return at;
  }

  /** Accounts for a live item written to the segment. */
  void addItem(int id, int bytes, long expireAt) {
    liveBytes[id] += bytes;
    liveItems[id]++;
    coverExpiry(id, expireAt);
  }

  /** Accounts for a live item of the segment that was deleted. */
  void removeItem(int id, int bytes) {
    liveBytes[id] -= bytes;
    liveItems[id]--;
  }

  /** Widens the segment's expiry range to include {@code expireAt}, as an item's expiry changes. */
  void coverExpiry(int id, long expireAt) {
    if (expireAt < minExpiry[id]) {
      minExpiry[id] = expireAt;
    }
    if (expireAt > maxExpiry[id]) {
      maxExpiry[id] = expireAt;
    }
  }

  /** Sets the expiry range to exactly that of the live items, after a sweep has found it. */
  void setExpiryRange(int id, long min, long max) {
    minExpiry[id] = min;
    maxExpiry[id] = max;
  }

  /**
   * The latest sequence number handed out; a segment's age is this minus its {@link #createSeq}.
   */
  long sequence() {
    return nextSeq;
  }

  int liveBytes(int id) {
    return liveBytes[id];
  }

  int liveItems(int id) {
    return liveItems[id];
  }

  /** The segment's pool: {@link Pools#NEW} or {@link Pools#MAIN}. */
  byte pool(int id) {
    return pool[id];
  }

  /** The TTL lane the segment was opened for; see {@link Shard}'s note on lanes. */
  int lane(int id) {
    return lane[id];
  }

  long createSeq(int id) {
    return createSeq[id];
  }

  /**
   * The version of the item at {@code offset} of segment {@code id}: unique within the shard for
   * the shard's life, since an opening's sequence number is never reused, and never {@link
   * io.cairn.engine.ByteStore#ABSENT}. Unlike {@link #createSeq}, a move between pools keeps it.
   */
  long version(int id, int offset) {
    return ((epoch[id] + 1) << VERSION_OFFSET_BITS) | (offset >>> VERSION_OFFSET_SHIFT);
  }

  /** The sequence number of the segment's opening: changes each time it is opened again. */
  long epoch(int id) {
    return epoch[id];
  }

  long minExpiry(int id) {
    return minExpiry[id];
  }

  long maxExpiry(int id) {
    return maxExpiry[id];
  }
}
