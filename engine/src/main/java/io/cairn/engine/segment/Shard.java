package io.cairn.engine.segment;

import static io.cairn.engine.index.HashIndex.NOT_FOUND;
import static io.cairn.engine.segment.SegmentTable.NONE;

import io.cairn.engine.RemovalCause;
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

  /** A read found no live entry. */
  static final Object MISS = new Object();

  /** A read found an entry whose expiry has passed; the caller should reclaim it. */
  static final Object EXPIRED = new Object();

  final StampedLock lock = new StampedLock();

  private final SegmentStore store;
  private final MemoryBudget budget;
  private final NativeMemory memory;
  private final int segmentSize;
  private final Evictor evictor;
  private final HashIndex index;
  private final SegmentTable segments = new SegmentTable();
  private final int[] active = new int[TtlBuckets.COUNT]; // TTL bucket -> open segment id

  private boolean firstSegmentClaimed;
  private boolean closed;
  private int growthBackoff;
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
    this.segmentSize = store.config().segmentSize();
    this.evictor = evictor;
    if (!budget.tryReserve(HashIndex.bytesFor(HashIndex.MIN_BUCKETS))) {
      throw new IllegalArgumentException(
          "capacityBytes=" + budget.capacity() + " cannot hold the index of every shard");
    }
    this.index = new HashIndex(memory, HashIndex.MIN_BUCKETS);
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
   * or {@link #EXPIRED}. The caller is inside the store's reader barrier.
   */
  Object read(byte[] key, long hash, long now, ItemVisitor visitor) {
    for (int i = 0; i < OPTIMISTIC_TRIES; i++) {
      long stamp = lock.tryOptimisticRead();
      if (stamp == 0) {
        Thread.onSpinWait();
        continue;
      }
      Object result;
      try {
        result = readOnce(key, hash, now, visitor);
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
    store.checkNotInCompute();
    long stamp = lock.readLock();
    try {
      checkOpen();
      return readOnce(key, hash, now, visitor);
    } finally {
      lock.unlockRead(stamp);
    }
  }

  private Object readOnce(byte[] key, long hash, long now, ItemVisitor visitor) {
    long position = index.find(hash, key, this);
    if (position == NOT_FOUND) {
      return MISS;
    }
    long slot = index.slotAt(position);
    MemoryRegion segment = segments.region(IndexDescriptor.segment(slot));
    if (segment == null) {
      return MISS; // only when racing: validation will reject it
    }
    int item = IndexDescriptor.offset(slot);
    long expireAt = ItemDescriptor.expireAt(segment, item);
    return expireAt <= now ? EXPIRED : visitor.visit(segment, item, expireAt);
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

  private void checkOpen() {
    if (closed) {
      throw SegmentStore.closedException();
    }
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
    long location = allocate(TtlBuckets.bucketOf(expireAt - now), size, now, NONE);
    if (existing != NOT_FOUND && index.slotAt(existing) != existingSlot) {
      existing = NOT_FOUND; // the old item was evicted to make room
    }
    int id = (int) (location >>> 32);
    int item = (int) location;
    ItemDescriptor.write(segments.region(id), item, key, value, expireAt);
    segments.addItem(id, size, expireAt);
    liveBytes += size;
    puts++;
    long slot = IndexDescriptor.slot(IndexDescriptor.tagOf(hash), id, item);
    if (existing != NOT_FOUND) {
      unlinkItem(existingSlot, RemovalCause.REPLACED);
      index.set(existing, slot);
    } else if (!insert(hash, slot, id)) {
      unlinkItem(slot, RemovalCause.EVICTED); // no room anywhere: evicted on arrival
    }
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
      if (pending == null) {
        pending = new ArrayList<>(4);
      }
      pending.add(
          new Removal(
              ItemDescriptor.key(segment, item), ItemDescriptor.value(segment, item), cause));
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

  /**
   * Inserts {@code slot}; returns false only when its spill window is full, the index cannot grow
   * and no segment but {@code protect} can be evicted.
   */
  private boolean insert(long hash, long slot, int protect) {
    if (index.count() >= index.growThreshold()) {
      grow(false);
    }
    while (!index.insert(hash, slot)) {
      // A local cluster filled the key's spill window: grow if the budget allows, else evict.
      if (!grow(true) && !evictOne(protect)) {
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
   * Takes {@code size} bytes in the open segment of TTL bucket {@code bucket}, opening a new one if
   * needed (which may evict any segment but {@code protect}).
   *
   * @return the segment id in the high 32 bits and the item offset in the low 32 bits
   */
  private long allocate(int bucket, int size, long now, int protect) {
    int id = active[bucket];
    if (id != NONE && segments.writeOffset(id) + size <= segmentSize) {
      return ((long) id << 32) | segments.append(id, size);
    }
    if (id != NONE) {
      segments.setState(id, SegmentTable.SEALED);
      active[bucket] = NONE;
    }
    id = obtainSegment(protect);
    segments.open(id, bucket);
    active[bucket] = id;
    return ((long) id << 32) | segments.append(id, size);
  }

  /** A FREE segment: from the shard's pool, newly allocated within the budget, or evicted. */
  private int obtainSegment(int protect) {
    int id = segments.first(SegmentTable.FREE);
    if (id != NONE) {
      return id;
    }
    if (!firstSegmentClaimed) {
      firstSegmentClaimed = true;
      budget.claimFirstSegment(segmentSize);
      return segments.add(memory.allocate(segmentSize, false));
    }
    if (budget.tryReserve(segmentSize)) {
      MemoryRegion region;
      try {
        region = memory.allocate(segmentSize, false);
      } catch (OutOfMemoryError e) {
        budget.unreserve(segmentSize);
        throw e;
      }
      return segments.add(region);
    }
    if (!evictOne(protect)) {
      throw new IllegalStateException("no segment to evict in " + store.name());
    }
    return segments.first(SegmentTable.FREE);
  }

  /** Empties the segment the policy chooses; returns false if there is none but {@code protect}. */
  private boolean evictOne(int protect) {
    int victim = evictor.selectVictim(segments, protect);
    if (victim == NONE) {
      return false;
    }
    long now = store.now();
    forEachLiveItem(
        victim,
        (segment, item, position) -> {
          boolean expired = ItemDescriptor.expireAt(segment, item) <= now;
          delete(position, expired ? RemovalCause.EXPIRED : RemovalCause.EVICTED);
        });
    close(victim);
    return true;
  }

  private void close(int id) {
    int bucket = segments.ttlBucket(id);
    if (active[bucket] == id) {
      active[bucket] = NONE;
    }
    segments.empty(id);
  }

  /** Visits an item that the index still points at, with its slot's position. */
  @FunctionalInterface
  private interface LiveItemAction {
    void accept(MemoryRegion segment, int item, long position);
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
          action.accept(segment, item, position);
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
    int bucket = segments.ttlBucket(id);
    if (active[bucket] == id) {
      active[bucket] = NONE; // so that relocated items do not land in the segment being emptied
      segments.setState(id, SegmentTable.SEALED);
    }
    forEachLiveItem(
        id,
        (segment, item, position) -> {
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
    long location = allocate(TtlBuckets.bucketOf(expireAt - now), size, now, id);
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
        (segment, item, position) -> {
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
