package io.cairn.engine.segment;

import static io.cairn.engine.index.HashIndex.NOT_FOUND;
import static io.cairn.engine.segment.SegmentTable.NONE;

import io.cairn.engine.EvictionPolicy;
import io.cairn.engine.RemovalCause;
import io.cairn.engine.StoreConfig;
import io.cairn.engine.StoreEntry;
import io.cairn.engine.index.HashIndex;
import io.cairn.engine.index.IndexDescriptor;
import io.cairn.engine.index.KeyMatcher;
import io.cairn.engine.memory.MemoryRegion;
import io.cairn.engine.memory.NativeMemory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.StampedLock;

/**
 * One shard of a {@link SegmentStore}: its part of the index, its segments, the active segment of
 * each TTL bucket, and the lock that guards them.
 *
 * <p>This is the engine's central class and the longest: an item's life (write, read, move, expiry,
 * eviction) touches the index, the segments and the TTL buckets together, and splitting those
 * across classes would make the lock discipline harder to see.
 *
 * <p>Threading: writers hold {@link #lock}'s write lock; every field below is guarded by it.
 * Readers first try {@link #read} optimistically: they read native memory with no lock, through
 * bounds-checked regions, and keep the result only if the lock's stamp still validates; after a few
 * failed tries they take the read lock. Removals are queued while the lock is held and delivered to
 * the listener by {@link SegmentStore} after it is released.
 */
final class Shard implements KeyMatcher {

  /** Optimistic tries before a reader takes the read lock: a writer holds it only briefly. */
  private static final int OPTIMISTIC_TRIES = 4;

  /** Inserts to skip after the index could not grow for lack of budget, before trying again. */
  private static final int GROWTH_BACKOFF = 1024;

  /** Eviction rounds a copying policy gets before the shard drops the oldest segment whole. */
  private static final int COPYING_ROUNDS = 64;

  /** TINYLFU: the share of a segment kept when one segment is evicted on its own. */
  private static final double TINYLFU_KEEP = 0.7;

  private static final Evictor FIFO = Evictor.of(EvictionPolicy.FIFO);

  /** A read found no live entry. */
  static final Object MISS = new Object();

  /** A read found an entry whose expiry has passed; the caller should reclaim it. */
  static final Object EXPIRED = new Object();

  final StampedLock lock = new StampedLock();

  private final SegmentStore store;
  private final MemoryBudget budget;
  private final NativeMemory memory;
  private final int segmentSize;
  private final EvictionPolicy policy;
  private final Evictor evictor;
  private final int maxFrequency; // 0 when the policy does not count reads
  private final HashIndex index;
  private final SegmentTable segments = new SegmentTable();
  private final int[] active =
      new int[TtlBuckets.COUNT * Pools.COUNT]; // open segment per bucket, pool
  private final GhostFilter ghost; // S3FIFO only
  private final TinyLfu tinyLfu; // TINYLFU only
  private final Survivors survivors = new Survivors();

  private boolean firstSegmentClaimed;

  private boolean closed;
  private int growthBackoff;
  private long segmentsEmptied; // counts close() calls, so a write can tell its item may have moved
  private List<Removal> pending; // removals to report after unlock; null when none

  // Counters: written under the lock, read without it by stats() (a racy snapshot is fine).
  long puts;
  long removals;
  long evictions;
  long expirations;
  long liveBytes;

  Shard(SegmentStore store, MemoryBudget budget, NativeMemory memory, Evictor evictor) {
    this.store = store;
    this.budget = budget;
    this.memory = memory;
    StoreConfig config = store.config();
    this.segmentSize = config.segmentSize();
    this.policy = config.evictionPolicy();
    this.evictor = evictor;
    // TINYLFU asks only whether an item was read since its last round: one bit, which a hot key's
    // readers then find set and leave alone instead of writing its slot on every read.
    this.maxFrequency =
        !policy.usesFrequency()
            ? 0
            : policy == EvictionPolicy.TINYLFU ? 1 : (1 << config.frequencyBits()) - 1;
    this.ghost = policy == EvictionPolicy.S3FIFO ? new GhostFilter() : null;
    this.tinyLfu =
        policy == EvictionPolicy.TINYLFU ? new TinyLfu(config.tinyLfuWindowRatio()) : null;
    this.index = new HashIndex(memory, HashIndex.MIN_BUCKETS);
    budget.claimIndex(HashIndex.bytesFor(HashIndex.MIN_BUCKETS)); // held back for it
    Arrays.fill(active, NONE);
  }

  // ---------------------------------------------------------------- KeyMatcher (lock-free safe)

  @Override
  public boolean matches(long slot, byte[] key) {
    MemoryRegion segment = segments.region(IndexDescriptor.segment(slot));
    return segment != null && ItemDescriptor.keyEquals(segment, IndexDescriptor.offset(slot), key);
  }

  @Override
  public long hashOf(long slot) {
    MemoryRegion segment = segments.region(IndexDescriptor.segment(slot));
    return Hashing.hash(ItemDescriptor.key(segment, IndexDescriptor.offset(slot)));
  }

  // ---------------------------------------------------------------- reads

  /**
   * Finds the live item for {@code key} and returns what {@code visitor} makes of it, {@link #MISS}
   * or {@link #EXPIRED}. The caller is inside the store's reader barrier. {@code argument} is
   * passed on to the visitor.
   */
  Object read(byte[] key, long hash, long now, ItemVisitor visitor, Object argument) {
    if (tinyLfu != null) {
      tinyLfu.recordRead(hash); // hit or miss: a key asked for often is worth keeping once written
    }
    for (int i = 0; i < OPTIMISTIC_TRIES; i++) {
      long stamp = lock.tryOptimisticRead();
      if (stamp == 0) {
        Thread.onSpinWait();
        continue;
      }
      Object result;
      try {
        result = readOnce(key, hash, now, visitor, argument);
      } catch (RuntimeException e) {
        if (lock.validate(stamp)) {
          throw e; // a consistent view: the failure is real
        }
        continue; // raced a writer: bytes were in flux, nothing was out of bounds
      }
      if (lock.validate(stamp)) {
        return result;
      }
    }
    long stamp = lockRead();
    try {
      return readOnce(key, hash, now, visitor, argument);
    } finally {
      lock.unlockRead(stamp);
    }
  }

  private Object readOnce(byte[] key, long hash, long now, ItemVisitor visitor, Object argument) {
    long position = index.find(hash, key, this);
    if (position == NOT_FOUND) {
      return MISS;
    }
    long slot = index.slotAt(position);
    MemoryRegion segment = segments.region(IndexDescriptor.segment(slot));
    if (slot == 0 || segment == null) {
      return MISS; // only when racing a writer that cleared the slot: validation rejects it
    }
    int item = IndexDescriptor.offset(slot);
    long expireAt = ItemDescriptor.expireAt(segment, item);
    if (expireAt <= now) {
      return EXPIRED;
    }
    if (maxFrequency > 0) {
      index.incrementFrequency(position, slot, maxFrequency);
    }
    int id = IndexDescriptor.segment(slot);
    return visitor.visit(segment, item, expireAt, segments.version(id, item), argument);
  }

  // ---------------------------------------------------------------- write lock

  long lockWrite() {
    store.checkNotInCompute();
    long stamp = lock.writeLock();
    if (closed) {
      lock.unlockWrite(stamp);
      throw SegmentStore.closedException();
    }
    return stamp;
  }

  /** Releases the write lock and returns the removals to report, or null. */
  List<Removal> unlockWrite(long stamp) {
    List<Removal> removed = pending;
    pending = null;
    lock.unlockWrite(stamp);
    return removed;
  }

  long lockRead() {
    store.checkNotInCompute();
    long stamp = lock.readLock();
    if (closed) {
      lock.unlockRead(stamp);
      throw SegmentStore.closedException();
    }
    return stamp;
  }

  // ---------------------------------------------------------------- operations under the write
  // lock

  /** The position of the live slot for {@code key}, reclaiming it if it has expired. */
  long findLive(byte[] key, long hash, long now) {
    long position = index.find(hash, key, this);
    if (position == NOT_FOUND) {
      return NOT_FOUND;
    }
    long slot = index.slotAt(position);
    MemoryRegion segment = segments.region(IndexDescriptor.segment(slot));
    if (ItemDescriptor.expireAt(segment, IndexDescriptor.offset(slot)) <= now) {
      delete(position, RemovalCause.EXPIRED);
      return NOT_FOUND;
    }
    return position;
  }

  /** The segment region holding the item of the slot at {@code position}. */
  MemoryRegion segmentAt(long position) {
    return segments.region(IndexDescriptor.segment(index.slotAt(position)));
  }

  /** The version of the item of the slot at {@code position}; see {@link SegmentTable#version}. */
  long versionAt(long position) {
    long slot = index.slotAt(position);
    return segments.version(IndexDescriptor.segment(slot), IndexDescriptor.offset(slot));
  }

  /** The item offset of the slot at {@code position}. */
  int itemAt(long position) {
    return IndexDescriptor.offset(index.slotAt(position));
  }

  /**
   * Writes {@code key -> value} until {@code expireAt}, replacing the live item at {@code existing}
   * (or inserting if {@link HashIndex#NOT_FOUND}). An expiry not after {@code now} removes instead.
   */
  void write(byte[] key, long hash, byte[] value, long expireAt, long now, long existing) {
    if (expireAt <= now) {
      if (existing != NOT_FOUND) {
        delete(existing, RemovalCause.EXPIRED);
      }
      return;
    }
    int size = ItemDescriptor.itemSize(key.length, value.length);
    long existingSlot = existing == NOT_FOUND ? 0 : index.slotAt(existing);
    byte pool = poolForWrite(hash, existingSlot);
    long emptied = segmentsEmptied;
    long location = allocate(TtlBuckets.bucketOf(expireAt - now), pool, size, now, NONE);
    if (existing != NOT_FOUND && emptied != segmentsEmptied) {
      existing = index.find(hash, key, this); // evicted to make room, or moved by a copying policy
    }
    int id = (int) (location >>> 32);
    int item = (int) location;
    ItemDescriptor.write(segments.region(id), item, key, value, expireAt);
    segments.addItem(id, size, expireAt);
    liveBytes += size;
    puts++;
    long slot = IndexDescriptor.slot(IndexDescriptor.tagOf(hash), id, item);
    if (existing != NOT_FOUND) {
      // Readers may have counted more reads meanwhile: take the counter as it is now.
      long current = index.slotAt(existing);
      unlinkItem(current, RemovalCause.REPLACED);
      index.set(existing, IndexDescriptor.withFrequency(slot, IndexDescriptor.frequency(current)));
    } else if (!insert(hash, slot, id)) {
      unlinkItem(slot, RemovalCause.EVICTED); // no room anywhere: evicted on arrival
    } else if (tinyLfu != null) {
      tinyLfu.ensureCapacity(index.count()); // sized while the shard fills, before any eviction
    }
    if (ghost != null && existing == NOT_FOUND) {
      ghost.age(index.count()); // the ghost remembers about a cache's worth of inserts, not more
    }
  }

  /**
   * The pool a write goes to: S3-FIFO keeps an overwritten item in the main pool and admits a key
   * it dropped recently (a ghost hit) straight to it; everything else starts in the new pool.
   */
  private byte poolForWrite(long hash, long existingSlot) {
    if (ghost == null && tinyLfu == null) {
      return Pools.NEW;
    }
    if (existingSlot != 0) {
      return segments.pool(IndexDescriptor.segment(existingSlot));
    }
    return ghost != null && ghost.mightContain(hash) ? Pools.MAIN : Pools.NEW;
  }

  /** Sets the expiry of the live item at {@code position}; not after {@code now} removes it. */
  void setExpiry(long position, long expireAt, long now) {
    if (expireAt <= now) {
      delete(position, RemovalCause.EXPIRED);
      return;
    }
    long slot = index.slotAt(position);
    int id = IndexDescriptor.segment(slot);
    ItemDescriptor.setExpireAt(segments.region(id), IndexDescriptor.offset(slot), expireAt);
    // A later expiry is caught when the segment expires: the item is then moved, not dropped.
    segments.lowerMinExpiry(id, expireAt);
  }

  /** Removes the live item at {@code position} for {@code cause}. */
  void delete(long position, RemovalCause cause) {
    unlinkItem(index.slotAt(position), cause);
    index.clear(position);
  }

  /** Marks the item of {@code slot} deleted, accounts for it and queues its removal report. */
  private void unlinkItem(long slot, RemovalCause cause) {
    int id = IndexDescriptor.segment(slot);
    int item = IndexDescriptor.offset(slot);
    MemoryRegion segment = segments.region(id);
    if (store.config().notifies(cause)) {
      queueRemoval(ItemDescriptor.key(segment, item), ItemDescriptor.value(segment, item), cause);
    }
    ItemDescriptor.markDeleted(segment, item);
    int size = ItemDescriptor.itemSize(segment, item);
    segments.removeItem(id, size);
    liveBytes -= size;
    switch (cause) {
      case EXPLICIT -> removals++;
      case EXPIRED -> expirations++;
      case EVICTED -> evictions++;
      case REPLACED -> {}
    }
  }

  private void queueRemoval(byte[] key, byte[] value, RemovalCause cause) {
    if (!store.config().notifies(cause)) {
      return;
    }
    if (pending == null) {
      pending = new ArrayList<>(4);
    }
    pending.add(new Removal(key, value, cause));
  }

  /**
   * Inserts {@code slot}; returns false only when its spill window is full, the index cannot grow
   * and no segment but {@code protect} can be evicted.
   */
  private boolean insert(long hash, long slot, int protect) {
    if (index.count() >= index.growThreshold()) {
      grow(false);
    }
    while (!index.insert(hash, slot)) {
      // A local cluster filled the key's spill window: grow if the budget allows, else drop the
      // oldest segment whole (a copying policy might keep every item and free no slot).
      if (!grow(true) && !drop(FIFO.selectVictim(segments, protect))) {
        return false;
      }
    }
    return true;
  }

  /** Doubles the index if the budget allows; returns whether it did. */
  private boolean grow(boolean overflow) {
    if (!overflow && growthBackoff > 0) {
      growthBackoff--;
      return false;
    }
    long buckets = index.buckets() * 2;
    long bytes = HashIndex.bytesFor(buckets);
    if (!budget.tryReserve(bytes)) {
      int free = segments.first(SegmentTable.FREE);
      if (free != NONE && segments.count(SegmentTable.FREE) + heldSegments() > 1) {
        budget.retire(segments.release(free)); // hand an idle segment's bytes to the index
      }
      if (!budget.tryReserve(bytes)) {
        growthBackoff = GROWTH_BACKOFF; // run fuller; evictions free slots meanwhile
        return false;
      }
    }
    budget.retire(index.rebuild(buckets, this));
    return true;
  }

  private int heldSegments() {
    return segments.count(SegmentTable.ACTIVE) + segments.count(SegmentTable.SEALED);
  }

  /**
   * Takes {@code size} bytes in the open segment of TTL bucket {@code bucket} and pool {@code
   * pool}, opening a new one if needed, which may evict any segment but {@code protect}.
   *
   * @return the segment id in the high 32 bits and the item offset in the low 32 bits
   */
  private long allocate(int bucket, byte pool, int size, long now, int protect) {
    long location = tryAppend(bucket, pool, size);
    if (location >= 0) {
      return location;
    }
    openSegment(bucket, pool, obtainSegment(protect));
    return tryAppend(bucket, pool, size);
  }

  /** Like {@link #allocate} but never evicts: returns -1 when no segment is free or affordable. */
  private long allocateWithoutEviction(int bucket, byte pool, int size) {
    long location = tryAppend(bucket, pool, size);
    if (location >= 0) {
      return location;
    }
    int id = freeOrNewSegment();
    if (id == NONE) {
      return -1;
    }
    openSegment(bucket, pool, id);
    return tryAppend(bucket, pool, size);
  }

  private long tryAppend(int bucket, byte pool, int size) {
    int id = active[bucket * Pools.COUNT + pool];
    if (id != NONE && segments.writeOffset(id) + size <= segmentSize) {
      return ((long) id << 32) | segments.append(id, size);
    }
    return -1;
  }

  /** Seals the open segment of ({@code bucket}, {@code pool}) if any, and opens {@code id}. */
  private void openSegment(int bucket, byte pool, int id) {
    int at = bucket * Pools.COUNT + pool;
    if (active[at] != NONE) {
      segments.setState(active[at], SegmentTable.SEALED);
      if (tinyLfu != null && pool == Pools.NEW) {
        admitWindowOverflow(tinyLfuWindowRatio());
      }
    }
    segments.open(id, bucket, pool);
    active[at] = id;
  }

  /**
   * A FREE segment: from the shard's pool, newly allocated within the budget, or evicted. A copying
   * policy may need more than one round to free a whole segment (what it keeps needs room too); it
   * gets {@link #COPYING_ROUNDS} before the shard falls back to dropping the oldest segment whole.
   */
  private int obtainSegment(int protect) {
    for (int round = 0; ; round++) {
      int id = freeOrNewSegment();
      if (id != NONE) {
        return id;
      }
      int dead = segments.firstDead(protect);
      if (dead != NONE) {
        close(dead); // holds only removed items: reclaim it before evicting anything live
        continue;
      }
      boolean evicted =
          round < COPYING_ROUNDS ? evictOne(protect) : drop(FIFO.selectVictim(segments, protect));
      if (!evicted) {
        throw new IllegalStateException("no segment to evict in " + store.name());
      }
    }
  }

  /**
   * A FREE segment of the shard, or a new one if the budget allows, or {@link SegmentTable#NONE}.
   */
  private int freeOrNewSegment() {
    int id = segments.first(SegmentTable.FREE);
    if (id != NONE) {
      return id;
    }
    if (!firstSegmentClaimed) {
      firstSegmentClaimed = true;
      budget.claimFirstSegment(segmentSize);
      return segments.add(memory.allocate(segmentSize, false));
    }
    if (!budget.tryReserve(segmentSize)) {
      return NONE;
    }
    MemoryRegion region;
    try {
      region = memory.allocate(segmentSize, false);
    } catch (OutOfMemoryError e) {
      budget.unreserve(segmentSize);
      throw e;
    }
    return segments.add(region);
  }

  /** Makes room by the shard's policy; returns false if nothing but {@code protect} holds items. */
  private boolean evictOne(int protect) {
    return switch (policy) {
      case MERGE -> evictByMerge(protect);
      case S3FIFO -> evictByS3fifo(protect);
      case TINYLFU -> evictByTinyLfu(protect);
      default -> drop(evictor.selectVictim(segments, protect));
    };
  }

  /** Empties segment {@code victim} whole; returns false if it is {@link SegmentTable#NONE}. */
  private boolean drop(int victim) {
    if (victim == NONE) {
      return false;
    }
    long now = store.now();
    forEachLiveItem(
        victim,
        (segment, item, position, hash) -> delete(position, evictionCause(segment, item, now)));
    close(victim);
    return true;
  }

  private static RemovalCause evictionCause(MemoryRegion segment, int item, long now) {
    return ItemDescriptor.expireAt(segment, item) <= now
        ? RemovalCause.EXPIRED
        : RemovalCause.EVICTED;
  }

  /**
   * MERGE: empties the oldest {@code mergeSegments} sealed segments of one TTL bucket, keeping from
   * each its most read items (the smallest read-count cutoff whose survivors fit the target share),
   * and writes the survivors back into one segment's space. Survivors' counters are halved, so past
   * popularity fades.
   */
  private boolean evictByMerge(int protect) {
    StoreConfig config = store.config();
    int[] chain = Evictor.mergeChain(segments, protect, config.mergeSegments());
    if (chain.length < 2) {
      return drop(chain.length == 1 ? chain[0] : evictor.selectVictim(segments, protect));
    }
    long now = store.now();
    long room = (long) (config.mergeStopRatio() * segmentSize);
    long share = (long) (config.mergeTargetRatio() * segmentSize);
    survivors.clear();
    long kept = 0;
    for (int id : chain) {
      long target = Math.min(share, room - kept);
      int cutoff = frequencyCutoff(id, now, target);
      long[] keptHere = {0};
      int bucket = segments.ttlBucket(id);
      forEachLiveItem(
          id,
          (segment, item, position, hash) -> {
            int frequency = IndexDescriptor.frequency(index.slotAt(position));
            int size = ItemDescriptor.itemSize(segment, item);
            if (ItemDescriptor.expireAt(segment, item) > now
                && frequency >= cutoff
                && keptHere[0] + size <= target) {
              survivors.add(segment, item, size, position, frequency >>> 1, bucket);
              keptHere[0] += size;
            } else {
              delete(position, evictionCause(segment, item, now));
            }
          });
      kept += keptHere[0];
      close(id);
    }
    writeBack(Pools.NEW);
    return true;
  }

  /**
   * The read count from which items of segment {@code id} survive: every item read more often fits
   * in {@code target} bytes, and items read exactly this often fill what is left, oldest first.
   * Never below 1: an item not read since it was written or last merged does not survive.
   */
  private int frequencyCutoff(int id, long now, long target) {
    long[] bytesAt = new long[maxFrequency + 2];
    forEachLiveItem(
        id,
        (segment, item, position, hash) -> {
          if (ItemDescriptor.expireAt(segment, item) > now) {
            bytesAt[IndexDescriptor.frequency(index.slotAt(position))] +=
                ItemDescriptor.itemSize(segment, item);
          }
        });
    long above = 0;
    for (int f = maxFrequency; f >= 1; f--) {
      if (above + bytesAt[f] > target) {
        return f; // partly kept: the caller stops at the target
      }
      above += bytesAt[f];
    }
    return 1;
  }

  /**
   * S3-FIFO: evicts the oldest segment of the admission pool while that pool holds more than its
   * share, else of the main pool. From the admission pool, items read at least the promotion
   * threshold move to the main pool with a fresh counter, the rest are dropped and remembered in
   * the ghost filter; from the main pool, items read since their last round get another, with one
   * read less.
   */
  private boolean evictByS3fifo(int protect) {
    StoreConfig config = store.config();
    int victim = Evictor.s3fifoVictim(segments, protect, config.s3fifoAdmissionRatio());
    if (victim == NONE) {
      return false;
    }
    boolean admission = segments.pool(victim) == Pools.NEW;
    int threshold = admission ? config.s3fifoPromotionThreshold() : 1;
    long now = store.now();
    int bucket = segments.ttlBucket(victim);
    survivors.clear();
    forEachLiveItem(
        victim,
        (segment, item, position, hash) -> {
          int frequency = IndexDescriptor.frequency(index.slotAt(position));
          if (ItemDescriptor.expireAt(segment, item) <= now) {
            delete(position, RemovalCause.EXPIRED);
          } else if (frequency >= threshold) {
            int size = ItemDescriptor.itemSize(segment, item);
            survivors.add(segment, item, size, position, admission ? 0 : frequency - 1, bucket);
          } else {
            if (admission) {
              ghost.add(hash, index.count());
            }
            delete(position, RemovalCause.EVICTED);
          }
        });
    close(victim);
    writeBack(Pools.MAIN);
    return true;
  }

  /**
   * TINYLFU, W-TinyLFU with segments for items (see {@link TinyLfu}). While the main pool is more
   * than a segment short of its share, the window's oldest segment alone keeps its highest-ranked
   * items, up to {@link #TINYLFU_KEEP} of a segment, and they move to the main pool: that is how
   * the main pool fills. While the window holds at least its share, its oldest segment and the main
   * pool's oldest contest for one segment's room: items are kept by rank (main-pool items read
   * since their last round first, then by how often the sketch has seen their keys), the main
   * pool's first on a tie, so a newcomer is kept only when it is asked for more often than what it
   * displaces; what is kept moves to the head of the main pool. Otherwise the main pool is over its
   * share and its oldest segment alone keeps its highest-ranked items, up to the same fraction.
   */
  private boolean evictByTinyLfu(int protect) {
    double windowRatio = tinyLfuWindowRatio();
    admitWindowOverflow(windowRatio);
    int window = Evictor.oldestOfPool(segments, protect, Pools.NEW, false);
    int main = Evictor.oldestOfPool(segments, protect, Pools.MAIN, false);
    if (window == NONE && main == NONE) {
      return false;
    }
    int[] held = Evictor.segmentsPerPool(segments);
    long total = (long) held[Pools.NEW] + held[Pools.MAIN];
    long now = store.now();
    survivors.clear();
    if (main == NONE) {
      keepMostFrequent(new int[] {window}, (long) (TINYLFU_KEEP * segmentSize), now);
    } else if (window != NONE && held[Pools.NEW] >= windowRatio * total) {
      keepMostFrequent(new int[] {main, window}, segmentSize, now);
    } else {
      keepMostFrequent(new int[] {main}, (long) (TINYLFU_KEEP * segmentSize), now);
    }
    writeBack(Pools.MAIN);
    return true;
  }

  /**
   * Stages the live items of {@code ids} of the highest TINYLFU rank, up to {@code room} bytes,
   * earlier segments winning ties; deletes the rest and empties the segments. Survivors start a new
   * round with their read counters at zero.
   */
  private void keepMostFrequent(int[] ids, long room, long now) {
    long[] bytesAt = new long[TinyLfu.RANKS];
    for (int id : ids) {
      forEachLiveItem(
          id,
          (segment, item, position, hash) -> {
            if (ItemDescriptor.expireAt(segment, item) > now) {
              bytesAt[rank(position, hash)] += ItemDescriptor.itemSize(segment, item);
            }
          });
    }
    int cutoff = 0;
    long above = 0;
    for (int r = TinyLfu.RANKS - 1; r >= 0; r--) {
      if (above + bytesAt[r] > room) {
        cutoff = r;
        break;
      }
      above += bytesAt[r];
    }
    int floor = cutoff;
    long[] atCutoff = {room - above}; // room left for items of exactly the cutoff rank
    for (int id : ids) {
      int bucket = segments.ttlBucket(id);
      forEachLiveItem(
          id,
          (segment, item, position, hash) -> {
            int rank = rank(position, hash);
            int size = ItemDescriptor.itemSize(segment, item);
            boolean keep = ItemDescriptor.expireAt(segment, item) > now && rank > floor;
            if (!keep && rank == floor && size <= atCutoff[0]) {
              keep = ItemDescriptor.expireAt(segment, item) > now;
              atCutoff[0] -= keep ? size : 0;
            }
            if (keep) {
              survivors.add(segment, item, size, position, 0, bucket);
            } else {
              delete(position, evictionCause(segment, item, now));
            }
          });
      close(id);
    }
  }

  private double tinyLfuWindowRatio() {
    long entries = index.count() * store.shardCount();
    return tinyLfu.windowRatio(entries, store.reads(), store.hits());
  }

  /**
   * TINYLFU: moves the window's oldest sealed segments to the main pool as they are, while the
   * window holds more than its share and the main pool has room for another segment: W-TinyLFU
   * admits window overflow without a contest while the main pool is not full. This is how the main
   * pool fills, and how it takes over when the climber shrinks the window.
   */
  private void admitWindowOverflow(double windowRatio) {
    int[] held = Evictor.segmentsPerPool(segments);
    long total = (long) held[Pools.NEW] + held[Pools.MAIN];
    while (held[Pools.NEW] > windowRatio * total
        && held[Pools.MAIN] + 1 <= (1 - windowRatio) * total) {
      int oldest = Evictor.oldestOfPool(segments, NONE, Pools.NEW, true);
      if (oldest == NONE) {
        return;
      }
      segments.moveToPool(oldest, Pools.MAIN);
      held[Pools.NEW]--;
      held[Pools.MAIN]++;
    }
  }

  /** The rank TINYLFU gives the live item whose slot is at {@code position}. */
  private int rank(long position, long hash) {
    long slot = index.slotAt(position);
    return tinyLfu.rank(
        hash,
        segments.pool(IndexDescriptor.segment(slot)) == Pools.MAIN,
        IndexDescriptor.frequency(slot) > 0);
  }

  /**
   * Writes the staged survivors into the open segments of their TTL buckets in {@code pool}, using
   * free segments (the emptied victims) but never evicting; a survivor with no room left is dropped
   * and reported evicted.
   */
  private void writeBack(byte pool) {
    for (int i = 0; i < survivors.count(); i++) {
      int size = survivors.size(i);
      long position = survivors.position(i);
      long location = allocateWithoutEviction(survivors.bucket(i), pool, size);
      if (location < 0) {
        queueRemoval(survivors.key(i), survivors.value(i), RemovalCause.EVICTED);
        liveBytes -= size;
        evictions++;
        index.clear(position);
        continue;
      }
      int to = (int) (location >>> 32);
      int at = (int) location;
      MemoryRegion segment = segments.region(to);
      survivors.writeTo(i, segment, at);
      segments.addItem(to, size, ItemDescriptor.expireAt(segment, at));
      int tag = IndexDescriptor.tag(index.slotAt(position));
      index.set(
          position,
          IndexDescriptor.withFrequency(IndexDescriptor.slot(tag, to, at), survivors.frequency(i)));
    }
    survivors.clear();
  }

  /** Empties segment {@code id}, which must hold no live item any more, into the FREE state. */
  private void close(int id) {
    segmentsEmptied++; // every path that empties a segment passes here: evictions of all kinds
    int at = segments.ttlBucket(id) * Pools.COUNT + segments.pool(id);
    if (active[at] == id) {
      active[at] = NONE;
    }
    segments.empty(id);
  }

  /** Visits an item that the index still points at, with its slot's position and key hash. */
  @FunctionalInterface
  private interface LiveItemAction {
    void accept(MemoryRegion segment, int item, long position, long hash);
  }

  private void forEachLiveItem(int id, LiveItemAction action) {
    MemoryRegion segment = segments.region(id);
    int end = segments.writeOffset(id);
    for (int item = 0; item < end; item += ItemDescriptor.itemSize(segment, item)) {
      if (!ItemDescriptor.isDeleted(segment, item)) {
        long hash = Hashing.hash(ItemDescriptor.key(segment, item));
        long location = IndexDescriptor.location(IndexDescriptor.slot(1, id, item));
        long position = index.findLocation(hash, location);
        if (position != NOT_FOUND) {
          action.accept(segment, item, position, hash);
        }
      }
    }
  }

  // ---------------------------------------------------------------- expiry

  /**
   * Reclaims what has expired by {@code now}: a segment whose every item has expired is emptied
   * whole (items whose expiry was extended since are moved to a segment of their new TTL bucket);
   * in a segment whose earliest item has expired, expired items are removed one by one.
   */
  void expire(long now) {
    for (int id = 0; id < segments.size(); id++) {
      if (!segments.holdsItems(id)) {
        continue;
      }
      if (segments.maxExpiry(id) <= now) {
        expireWhole(id, now);
      } else if (segments.minExpiry(id) <= now) {
        sweep(id, now);
      }
    }
  }

  private void expireWhole(int id, long now) {
    int at = segments.ttlBucket(id) * Pools.COUNT + segments.pool(id);
    if (active[at] == id) {
      active[at] = NONE; // so that relocated items do not land in the segment being emptied
      segments.setState(id, SegmentTable.SEALED);
    }
    forEachLiveItem(
        id,
        (segment, item, position, hash) -> {
          long expireAt = ItemDescriptor.expireAt(segment, item);
          if (expireAt <= now) {
            delete(position, RemovalCause.EXPIRED);
          } else {
            relocate(id, segment, item, position, expireAt, now);
          }
        });
    close(id);
  }

  private void relocate(
      int id, MemoryRegion segment, int item, long position, long expireAt, long now) {
    int size = ItemDescriptor.itemSize(segment, item);
    long location = allocate(TtlBuckets.bucketOf(expireAt - now), segments.pool(id), size, now, id);
    int to = (int) (location >>> 32);
    int at = (int) location;
    segment.copyTo(item, segments.region(to), at, size);
    segments.addItem(to, size, expireAt);
    long old = index.slotAt(position);
    index.set(position, IndexDescriptor.slot(IndexDescriptor.tag(old), to, at));
    ItemDescriptor.markDeleted(segment, item);
    segments.removeItem(id, size);
  }

  private void sweep(int id, long now) {
    long[] earliest = {Long.MAX_VALUE};
    forEachLiveItem(
        id,
        (segment, item, position, hash) -> {
          long expireAt = ItemDescriptor.expireAt(segment, item);
          if (expireAt <= now) {
            delete(position, RemovalCause.EXPIRED);
          } else if (expireAt < earliest[0]) {
            earliest[0] = expireAt;
          }
        });
    segments.setMinExpiry(id, earliest[0]);
  }

  // ---------------------------------------------------------------- whole-shard operations

  /** Drops every item without reporting; segments stay, empty, for reuse. */
  void clear() {
    index.clearAll();
    for (int id = 0; id < segments.size(); id++) {
      if (segments.holdsItems(id)) {
        segments.empty(id);
      }
    }
    Arrays.fill(active, NONE);
    liveBytes = 0;
  }

  /** Number of index buckets now; iteration walks them. Under a lock. */
  long buckets() {
    return index.buckets();
  }

  /** An identity of the current index table; changes when the index grows. */
  Object indexGeneration() {
    return index.generation();
  }

  /**
   * Copies the live items of buckets {@code from} (inclusive) to {@code to} (exclusive) into {@code
   * out}. Called under the read lock.
   */
  void collect(long from, long to, long now, List<StoreEntry> out) {
    for (long bucket = from; bucket < to; bucket++) {
      for (int i = 1; i <= IndexDescriptor.ITEM_SLOTS_PER_BUCKET; i++) {
        long slot = index.slotIn(bucket, i);
        if (slot != 0) {
          MemoryRegion segment = segments.region(IndexDescriptor.segment(slot));
          int item = IndexDescriptor.offset(slot);
          long expireAt = ItemDescriptor.expireAt(segment, item);
          if (expireAt > now) {
            out.add(
                new StoreEntry(
                    ItemDescriptor.key(segment, item),
                    ItemDescriptor.value(segment, item),
                    expireAt));
          }
        }
      }
    }
  }

  long entries() {
    return index.count();
  }

  int segmentCount(byte state) {
    return segments.count(state);
  }

  /** Frees all native memory of the shard. Called under the write lock, with no reader inside. */
  void free() {
    closed = true;
    for (int id = 0; id < segments.size(); id++) {
      MemoryRegion region = segments.region(id);
      if (region != null) {
        memory.free(region);
      }
    }
    index.free();
  }
}
