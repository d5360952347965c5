package io.cairn.engine.segment;

import static io.cairn.engine.index.HashIndex.NOT_FOUND;
import static io.cairn.engine.segment.SegmentTable.NONE;

import io.cairn.engine.ByteStore;
import io.cairn.engine.RemovalCause;
import io.cairn.engine.StoreConfig;
import io.cairn.engine.index.HashIndex;
import io.cairn.engine.index.IndexDescriptor;
import io.cairn.engine.index.KeyMatcher;
import io.cairn.engine.memory.MemoryRegion;
import io.cairn.engine.memory.NativeMemory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.StampedLock;

/**
 * One shard of a {@link SegmentStore}: its part of the index, its segments, the open segment of
 * each TTL lane and pool, and the lock that guards them. It reads, writes and deletes items and
 * finds room for new ones; what to clean is the {@link Cleaner}'s choice and what to evict the
 * {@link EvictionStrategy}'s.
 *
 * <p>Room, in this order: the open segment's free end; a FREE segment; a new segment if the budget
 * allows; a segment holding only dead items; the {@link Cleaner}, which compacts the sealed segment
 * whose cleaning pays best and so gives back the space of overwritten, removed and expired items
 * without evicting anything; only when no sealed segment is sparse enough to be worth copying (the
 * live bytes truly fill the shard) does the eviction strategy drop live items.
 *
 * <p>Lanes: items are grouped for expiry by TTL, in the open segment of their lane and pool ({@link
 * OpenSegments}). An item larger than a segment gets a large segment of its own ({@link
 * LargeItems}).
 *
 * <p>Threading: writers hold {@link #writers}; every field below is guarded by it. Readers hold
 * nothing: {@link #read} ({@link OptimisticReads}) reads native memory through bounds-checked
 * regions and validates what it read against the stamp of the one segment it read from ({@link
 * SegmentTable}, "Stamps"), which changes only when that segment is emptied or released (cleaning,
 * eviction, expiry of the whole segment, clearing), and against the identity of the index table,
 * which changes when the index grows. An ordinary write does not disturb readers: it appends a new
 * item where no slot points yet, publishes it with a release store of its index slot, and only
 * flags the old item deleted; an expiry rewritten in place is one atomic store (see {@link
 * ItemDescriptor}). So a reader sees the old item or the new one, whole, and retries only when it
 * raced a move of its own segment; after a few such tries it takes the read lock of {@link #moves},
 * a {@code StampedLock} whose write lock a writer holds while it moves or frees items, and which
 * the store's iterators hold while they walk a table. Removals are queued while the lock is held
 * and delivered by {@link SegmentStore} after it is released.
 *
 * <p>Size: over 800 lines, on purpose for now. What is left here is what shares the writers' lock
 * and the accounting it guards (live bytes, counters, the open segments, the move stamp): writes,
 * deletes, finding room and the moves policies make. What stands apart has moved out ({@link
 * OptimisticReads}, {@link Survivors}, {@link LargeItems}, {@link Cleaner}, the strategies); the
 * next cut is the move protocol (writeBack, close, drop, forEachLiveItem), which every copying
 * policy calls and so moves with them.
 */
final class Shard implements KeyMatcher {

  /** Optimistic tries before a reader takes the read lock: a writer holds it only briefly. */
  private static final int OPTIMISTIC_TRIES = 4;

  /** Inserts to skip after the index could not grow for lack of budget, before trying again. */
  private static final int GROWTH_BACKOFF = 1024;

  /** Eviction rounds a copying policy gets before the shard drops the oldest segment whole. */
  static final int COPYING_ROUNDS = 64;

  /**
   * Cleanings one allocation may run before it evicts: with {@link Cleaner#MAX_UTILIZATION} at 0.9
   * each frees at least a tenth of a segment, so this frees several segments before giving up.
   */
  private static final int CLEANING_ROUNDS = 64;

  private static final Evictor FIFO = Evictor.of(io.cairn.engine.EvictionPolicy.FIFO);

  /** A read found no live entry. */
  static final Object MISS = new Object();

  /** A read found an entry whose expiry has passed; the caller should reclaim it. */
  static final Object EXPIRED = new Object();

  /** Held by every writer of the shard: puts, removals, the expirer, the cleaner. */
  private final ReentrantLock writers = new ReentrantLock();

  /** Write-locked, inside {@link #writers}, only while items move or their memory is freed. */
  private final StampedLock moves = new StampedLock();

  private long moveStamp; // guarded by writers: the stamp of the move in progress
  private int moveDepth; // guarded by writers: nested moves

  private final SegmentStore store;
  private final MemoryBudget budget;
  private final NativeMemory memory;
  private final Hashing hashing;
  private final int segmentSize;
  private final EvictionStrategy strategy;
  private final OptimisticReads reads;
  private final HashIndex index;
  private final SegmentTable segments = new SegmentTable();
  private final OpenSegments open;
  private final Survivors survivors = new Survivors(segments);
  private final LargeItems large;
  private final DeletionLog deletions; // null unless the store is persistent

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
  long cleanedSegments;
  long cleanedBytes;

  /** Reads that fell back to the read lock; see {@link io.cairn.engine.StoreStats#lockedReads}. */
  final LongAdder lockedReads = new LongAdder();

  Shard(SegmentStore store, MemoryBudget budget, NativeMemory memory, Hashing hashing) {
    this.store = store;
    this.budget = budget;
    this.memory = memory;
    this.hashing = hashing;
    StoreConfig config = store.config();
    this.segmentSize = config.segmentSize();
    this.strategy = EvictionStrategy.create(config);
    this.open = new OpenSegments(config);
    this.index = new HashIndex(memory, HashIndex.MIN_BUCKETS);
    budget.claimIndex(HashIndex.bytesFor(HashIndex.MIN_BUCKETS)); // held back for it
    this.large = new LargeItems(this, segments, budget, store.name());
    this.reads = new OptimisticReads(index, segments, this, strategy.maxFrequency());
    this.deletions = config.persistence() != null ? new DeletionLog() : null;
  }

  // ---------------------------------------------------------------- what policies and the cleaner
  // use, under the write lock

  SegmentTable segments() {
    return segments;
  }

  Survivors survivors() {
    return survivors;
  }

  LargeItems largeItems() {
    return large;
  }

  /** What the shard deleted since the last flush cut; null unless the store is persistent. */
  DeletionLog deletions() {
    return deletions;
  }

  int segmentSize() {
    return segmentSize;
  }

  /**
   * The bytes a segment holds for items ({@link ItemDescriptor#itemBytes}): what a policy may keep
   * when it empties one, and what a segment of live items fills.
   */
  int segmentItemBytes() {
    return ItemDescriptor.itemBytes(segmentSize);
  }

  long now() {
    return store.now();
  }

  long entries() {
    return index.count();
  }

  /** About how many entries the whole store holds: this shard's count times the shards. */
  long storeEntries() {
    return index.count() * store.shardCount();
  }

  long slotAt(long position) {
    return index.slotAt(position);
  }

  int frequencyAt(long position) {
    return IndexDescriptor.frequency(index.slotAt(position));
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
    return hashOfItem(segment, IndexDescriptor.offset(slot));
  }

  long hashOfItem(MemoryRegion segment, int item) {
    return hashing.hash(
        segment, ItemDescriptor.keyOffset(segment, item), ItemDescriptor.keyLength(segment, item));
  }

  // ---------------------------------------------------------------- reads

  /**
   * Finds the live item for {@code key} and returns what {@code visitor} makes of it, {@link #MISS}
   * or {@link #EXPIRED}. The caller is inside the store's reader barrier. {@code argument} is
   * passed on to the visitor.
   *
   * <p>Optimistic: no lock, the read validated against the stamp of the segment it read (see {@link
   * SegmentTable}), so only a move of that very segment sends it round again; after {@link
   * #OPTIMISTIC_TRIES} such rounds it takes the read lock, which waits for the move to end.
   */
  Object read(byte[] key, long hash, long now, ItemVisitor visitor, Object argument) {
    strategy.recordRead(hash);
    for (int i = 0; i < OPTIMISTIC_TRIES; i++) {
      Object result = reads.tryRead(key, hash, now, visitor, argument);
      if (result != OptimisticReads.RETRY) {
        return result;
      }
      Thread.onSpinWait();
    }
    lockedReads.increment();
    long stamp = lockRead();
    try {
      return reads.readLocked(key, hash, now, visitor, argument);
    } finally {
      moves.unlockRead(stamp);
    }
  }

  // ---------------------------------------------------------------- locks

  /** Takes the writers' lock; throws if the store is closed. */
  void lockWrite() {
    writers.lock();
    if (closed) {
      writers.unlock();
      throw SegmentStore.closedException();
    }
  }

  /**
   * Releases the large segments whose item died meanwhile, then the writers' lock; returns the
   * removals to report, or null.
   */
  List<Removal> unlockWrite() {
    List<Removal> removed;
    try {
      large.releaseDead();
    } finally {
      segments.settle(); // any release outside a move: no slot points into a released segment
      removed = pending;
      pending = null;
      writers.unlock();
    }
    return removed;
  }

  /** Takes the read lock, which excludes moves but not ordinary writes; returns its stamp. */
  long lockRead() {
    long stamp = moves.readLock();
    if (closed) {
      moves.unlockRead(stamp);
      throw SegmentStore.closedException();
    }
    return stamp;
  }

  /** Releases the read lock of {@link #lockRead}. */
  void unlockRead(long stamp) {
    moves.unlockRead(stamp);
  }

  /**
   * Starts moving or freeing items: optimistic readers that overlap the move fail validation.
   * Called under the writers' lock; nests, with {@link #endMove}.
   */
  void beginMove() {
    if (moveDepth++ == 0) {
      moveStamp = moves.writeLock();
    }
  }

  void endMove() {
    if (--moveDepth == 0) {
      segments.settle(); // the move repointed or cleared every slot into what it unsettled
      moves.unlockWrite(moveStamp);
    }
  }

  // ---------------------------------------------------------------- writes, under the write lock

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

  /** The expiry instant of the item of the slot at {@code position}; under the write lock. */
  long expiryAt(long position) {
    long slot = index.slotAt(position);
    return ItemDescriptor.expireAt(
        segments.region(IndexDescriptor.segment(slot)), IndexDescriptor.offset(slot));
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
    write(key, hash, value, expireAt, now, existing, false);
  }

  /**
   * {@link #write}, or with {@code rewrite} the rewrite of a live item whose new expiry its header
   * cannot say in place: neither counted as a put nor reported as a replacement.
   */
  private void write(
      byte[] key,
      long hash,
      byte[] value,
      long expireAt,
      long now,
      long existing,
      boolean rewrite) {
    if (expireAt <= now) {
      if (existing != NOT_FOUND) {
        delete(existing, RemovalCause.EXPIRED);
      }
      return;
    }
    boolean isLarge = ItemDescriptor.isLarge(key.length, value.length, segmentSize);
    ItemDescriptor.Expiry expiry =
        isLarge ? ItemDescriptor.Expiry.FAR : ItemDescriptor.expiryOf(expireAt, now);
    int size = ItemDescriptor.itemSize(key.length, value.length, expiry);
    byte pool =
        existing != NOT_FOUND && strategy.keepsPoolOnOverwrite()
            ? segments.pool(IndexDescriptor.segment(index.slotAt(existing)))
            : existing == NOT_FOUND ? strategy.poolForNewKey(hash) : Pools.NEW;
    long emptied = segmentsEmptied;
    int lane = open.laneOf(expireAt - now);
    long location =
        isLarge
            ? large.allocate(lane, pool, ItemDescriptor.FIRST_ITEM_OFFSET + size)
            : allocate(
                lane,
                pool,
                size,
                expiry == ItemDescriptor.Expiry.FAR ? ByteStore.ETERNAL : expireAt);
    if (existing != NOT_FOUND && emptied != segmentsEmptied) {
      existing = index.find(hash, key, this); // moved by the cleaner or a copying policy, or gone
    }
    int id = (int) (location >>> 32);
    int item = (int) location;
    ItemDescriptor.write(segments.region(id), item, key, value, expireAt, expiry);
    segments.addItem(id, size, expireAt);
    liveBytes += size;
    if (!rewrite) {
      puts++;
    }
    long slot = IndexDescriptor.slot(IndexDescriptor.tagOf(hash), id, item);
    if (rewrite && existing == NOT_FOUND) {
      // The room for the rewrite evicted the item itself, reported so: it must stay gone.
      abandon(slot, true);
      return;
    }
    if (existing != NOT_FOUND) {
      // Readers may have counted more reads meanwhile: take the counter as it is now.
      long current = index.slotAt(existing);
      unlinkItem(current, RemovalCause.REPLACED, !rewrite);
      index.set(existing, IndexDescriptor.withFrequency(slot, IndexDescriptor.frequency(current)));
    } else {
      try {
        insert(hash, slot);
      } catch (RuntimeException | Error e) { // the index could not grow: no memory, say
        abandon(slot, rewrite);
        throw e;
      }
      strategy.inserted(index.count());
    }
  }

  /**
   * Takes back an item written but never linked, its insert failed: no report, no count ({@code
   * rewrite}: the write counted no put).
   */
  private void abandon(long slot, boolean rewrite) {
    int id = IndexDescriptor.segment(slot);
    int item = IndexDescriptor.offset(slot);
    MemoryRegion segment = segments.region(id);
    markDeleted(id, segment, item);
    int size = ItemDescriptor.itemSize(segment, item);
    segments.removeItem(id, size);
    liveBytes -= size;
    if (!rewrite) {
      puts--;
    }
    if (segments.isLarge(id)) {
      large.died(id);
    }
  }

  /**
   * Sets the expiry of the live item at {@code position}; not after {@code now} removes it. In
   * place when the item's header can say the new instant (one atomic store, see {@link
   * ItemDescriptor}); otherwise (more than 49.7 days past its segment's base time), and always in a
   * persistent store, whose flushed items never change but for deletion, the item is rewritten with
   * it, as an overwrite that is neither counted as a put nor reported.
   */
  void setExpiry(long position, long expireAt, long now) {
    if (expireAt <= now) {
      delete(position, RemovalCause.EXPIRED);
      return;
    }
    long slot = index.slotAt(position);
    int id = IndexDescriptor.segment(slot);
    MemoryRegion segment = segments.region(id);
    int item = IndexDescriptor.offset(slot);
    if (deletions == null && ItemDescriptor.setExpireAt(segment, item, expireAt)) {
      segments.coverExpiry(id, expireAt);
      return;
    }
    byte[] key = ItemDescriptor.key(segment, item);
    byte[] value = ItemDescriptor.value(segment, item);
    write(key, hashOfItem(segment, item), value, expireAt, now, position, true);
  }

  /** Removes the live item at {@code position} for {@code cause}. */
  void delete(long position, RemovalCause cause) {
    unlinkItem(index.slotAt(position), cause, true);
    index.clear(position);
  }

  /**
   * Marks the item of {@code slot} deleted, accounts for it and, if {@code report}, queues its
   * removal report.
   */
  private void unlinkItem(long slot, RemovalCause cause, boolean report) {
    int id = IndexDescriptor.segment(slot);
    int item = IndexDescriptor.offset(slot);
    MemoryRegion segment = segments.region(id);
    if (report && store.config().notifies(cause)) {
      queueRemoval(ItemDescriptor.key(segment, item), ItemDescriptor.value(segment, item), cause);
    }
    markDeleted(id, segment, item);
    int size = ItemDescriptor.itemSize(segment, item);
    segments.removeItem(id, size);
    liveBytes -= size;
    if (report) {
      count(cause);
    }
    if (segments.isLarge(id)) {
      large.died(id);
    }
  }

  /** Flags the item deleted and, in a persistent store, logs it for the next flush. */
  private void markDeleted(int id, MemoryRegion segment, int item) {
    ItemDescriptor.markDeleted(segment, item);
    if (deletions != null) {
      deletions.add(segments.epoch(id), item);
    }
  }

  private void count(RemovalCause cause) {
    switch (cause) {
      case EXPLICIT -> removals++;
      case EXPIRED -> expirations++;
      case EVICTED -> evictions++;
      case REPLACED -> {}
    }
  }

  /** Queues a removal report; the caller has checked that the listener wants {@code cause}. */
  private void queueRemoval(byte[] key, byte[] value, RemovalCause cause) {
    if (pending == null) {
      pending = new ArrayList<>(4);
    }
    pending.add(new Removal(key, value, cause));
  }

  /**
   * Inserts {@code slot}. When the key's spill window is full and the index cannot grow, the least
   * read entry of that window is evicted to make a place: one entry, never a segment, so that keys
   * crowding one window cost the cache no more than themselves.
   */
  private void insert(long hash, long slot) {
    if (index.count() >= index.growThreshold()) {
      grow();
    }
    while (!index.insert(hash, slot)) {
      if (!grow()) {
        long victim = index.leastFrequentInWindow(hash);
        long victimSlot = index.slotAt(victim);
        MemoryRegion segment = segments.region(IndexDescriptor.segment(victimSlot));
        delete(victim, evictionCause(segment, IndexDescriptor.offset(victimSlot), store.now()));
      }
    }
  }

  /**
   * Grows the index ({@link HashIndex#grownBuckets}) if the budget allows and its keys fit; returns
   * whether it did. After a failure it waits {@link #GROWTH_BACKOFF} calls before trying again, on
   * overflow too: a rebuild costs a pass over every key, and keys crowded into one spill window
   * would otherwise pay one per insert.
   */
  private boolean grow() {
    if (growthBackoff > 0) {
      growthBackoff--;
      return false;
    }
    long buckets = index.grownBuckets();
    long bytes = HashIndex.bytesFor(buckets);
    if (!budget.tryReserve(bytes)) {
      int free = segments.first(SegmentTable.FREE);
      if (free != NONE && segments.ordinaryCount() > 1) {
        budget.retire(segments.release(free)); // hand an idle segment's bytes to the index
      }
      if (!budget.tryReserve(bytes)) {
        growthBackoff = GROWTH_BACKOFF; // run fuller; evictions free slots meanwhile
        return false;
      }
    }
    MemoryRegion replaced;
    beginMove();
    try {
      replaced = index.rebuild(buckets, this);
    } catch (RuntimeException | Error e) { // no new table: its reservation goes back
      budget.unreserve(bytes);
      throw e;
    } finally {
      endMove();
    }
    if (replaced == null) {
      budget.unreserve(bytes); // keys crowded into one window: evict from it instead
      growthBackoff = GROWTH_BACKOFF;
      return false;
    }
    budget.retire(replaced);
    return true;
  }

  // ---------------------------------------------------------------- room

  /**
   * Takes {@code size} bytes in the open segment of TTL lane {@code lane} and pool {@code pool},
   * for an item expiring at {@code expireAt} ({@link ByteStore#ETERNAL} for a far one), opening a
   * new one when it is full or too old for that expiry ({@link ItemDescriptor#fits}); finds room as
   * the class note says.
   *
   * @return the segment id in the high 32 bits and the item offset in the low 32 bits
   */
  private long allocate(int lane, byte pool, int size, long expireAt) {
    int cleanings = 0;
    for (int evictions = 0; ; ) {
      long location = tryAppend(lane, pool, size, expireAt);
      if (location >= 0) {
        return location;
      }
      int id = freeOrNewSegment();
      if (id != NONE) {
        openSegment(lane, pool, id);
        continue;
      }
      int dead = segments.firstDead(NONE);
      if (dead != NONE) {
        closeEmpty(dead); // holds only removed items: reclaim it before anything else
        continue;
      }
      if (cleanings < CLEANING_ROUNDS && clean(Cleaner.MAX_UTILIZATION)) {
        cleanings++;
        continue;
      }
      if (!evict(evictions++)) {
        throw new IllegalStateException(
            "no segment to evict in store " + store.name() + " for an item of size=" + size);
      }
    }
  }

  /**
   * Evicts once, as a move: by the policy for the first {@link #COPYING_ROUNDS} rounds of a search
   * for room, then the oldest segment whole. Returns false if no segment holds items.
   */
  boolean evict(int round) {
    beginMove();
    try {
      return round < COPYING_ROUNDS
          ? strategy.evict(this, NONE)
          : drop(FIFO.selectVictim(segments, NONE));
    } finally {
      endMove();
    }
  }

  /** Cleans the best sealed segment at most {@code maxUtilization} live; returns whether it did. */
  boolean clean(double maxUtilization) {
    int victim = Cleaner.select(segments, segmentItemBytes(), maxUtilization);
    if (victim == NONE) {
      return false;
    }
    beginMove();
    try {
      Cleaner.clean(this, victim);
    } finally {
      endMove();
    }
    return true;
  }

  /** Like {@link #allocate} but never evicts: returns -1 when no segment is free or affordable. */
  private long allocateWithoutEviction(int lane, byte pool, int size, long expireAt) {
    long location = tryAppend(lane, pool, size, expireAt);
    if (location >= 0) {
      return location;
    }
    int id = freeOrNewSegment();
    if (id == NONE) {
      return -1;
    }
    openSegment(lane, pool, id);
    return tryAppend(lane, pool, size, expireAt);
  }

  private long tryAppend(int lane, byte pool, int size, long expireAt) {
    int id = open.get(lane, pool);
    if (id != NONE
        && segments.writeOffset(id) + size <= segmentSize
        && ItemDescriptor.fits(segments.region(id), expireAt)) {
      return ((long) id << 32) | segments.append(id, size);
    }
    return -1;
  }

  /** Seals the open segment of ({@code lane}, {@code pool}) if any, and opens {@code id}. */
  private void openSegment(int lane, byte pool, int id) {
    int sealed = open.replace(lane, pool, id);
    if (sealed != NONE) {
      segments.setState(sealed, SegmentTable.SEALED);
      strategy.sealed(this, pool);
    }
    segments.open(id, lane, pool);
    // Before any item: a reader reaches the segment only through a slot published after.
    ItemDescriptor.setBaseTime(segments.region(id), store.now());
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
      MemoryRegion first = memory.allocate(segmentSize, false); // may fail: claim nothing before
      firstSegmentClaimed = true;
      budget.claimFirstSegment(segmentSize);
      return segments.add(first);
    }
    return budget.tryReserve(segmentSize)
        ? segments.add(budget.allocateReserved(segmentSize))
        : NONE;
  }

  /** Whether the shard could take a new segment now without cleaning or evicting. */
  boolean hasRoom() {
    return segments.count(SegmentTable.FREE) > 0 || budget.canReserve(segmentSize);
  }

  /** Empties segment {@code victim} whole; returns false if it is {@link SegmentTable#NONE}. */
  boolean drop(int victim) {
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

  /** EXPIRED for an item whose expiry has passed, else EVICTED. */
  static RemovalCause evictionCause(MemoryRegion segment, int item, long now) {
    return ItemDescriptor.expireAt(segment, item) <= now
        ? RemovalCause.EXPIRED
        : RemovalCause.EVICTED;
  }

  /**
   * Writes the staged survivors into the open segments of their TTL lanes in {@code pool}, using
   * free segments (the emptied victims) but never evicting; a survivor with no room left is dropped
   * and reported evicted. Large segments kept in place move to {@code pool}.
   */
  void writeBack(byte pool) {
    survivors.moveInPlace(pool, index);
    for (int i = 0; i < survivors.count(); i++) {
      int size = survivors.size(i);
      long position = survivors.position(i);
      long location =
          allocateWithoutEviction(
              survivors.lane(i),
              pool,
              size,
              survivors.isFar(i) ? ByteStore.ETERNAL : survivors.expireAt(i));
      if (location < 0) {
        if (store.config().notifies(RemovalCause.EVICTED)) {
          queueRemoval(survivors.key(i), survivors.value(i), RemovalCause.EVICTED);
        }
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

  /**
   * Empties segment {@code id}, which must hold no live item any more but those staged, into the
   * FREE state. A large segment is released instead, unless its item was kept in place.
   */
  void close(int id) {
    segmentsEmptied++; // every path that empties a segment passes here: cleaning and evictions
    if (segments.isLarge(id)) {
      if (segments.liveItems(id) == 0) {
        large.release(id);
      }
      return;
    }
    open.forget(segments.lane(id), segments.pool(id), id);
    segments.empty(id);
  }

  /** Empties segment {@code id}, which holds no live item, as a move on its own. */
  void closeEmpty(int id) {
    beginMove();
    try {
      close(id);
    } finally {
      endMove();
    }
  }

  /** Visits an item that the index still points at, with its slot's position and key hash. */
  @FunctionalInterface
  interface LiveItemAction {
    void accept(MemoryRegion segment, int item, long position, long hash);
  }

  /** Visits every live item of segment {@code id}, in the order they were written. */
  void forEachLiveItem(int id, LiveItemAction action) {
    MemoryRegion segment = segments.region(id);
    int end = segments.writeOffset(id);
    for (int item = ItemDescriptor.FIRST_ITEM_OFFSET;
        item < end;
        item += ItemDescriptor.itemSize(segment, item)) {
      if (!ItemDescriptor.isDeleted(segment, item)) {
        long hash = hashOfItem(segment, item);
        long position = positionOf(hash, id, item);
        if (position != NOT_FOUND) {
          action.accept(segment, item, position, hash);
        }
      }
    }
  }

  /** The position of the slot pointing at item {@code item} of segment {@code id}, or NOT_FOUND. */
  long positionOf(long hash, int id, int item) {
    return index.findLocation(hash, IndexDescriptor.location(IndexDescriptor.slot(1, id, item)));
  }

  // ---------------------------------------------------------------- expiry

  /** Reclaims what has expired by {@code now}; see {@link Sweeper}. */
  void expire(long now) {
    Sweeper.expire(this, now);
  }

  // ---------------------------------------------------------------- whole-shard operations

  /**
   * Drops every item without reporting; segments stay, empty, for reuse, large ones are released.
   */
  void clear() {
    beginMove();
    try {
      index.clearAll();
      for (int id = 0; id < segments.size(); id++) {
        if (segments.isLarge(id)) {
          large.release(id);
        } else if (segments.holdsItems(id)) {
          segments.empty(id);
        }
      }
      large.clear();
      open.clear();
      liveBytes = 0;
    } finally {
      endMove();
    }
  }

  /** Number of index buckets now; iteration walks them. Under a lock. */
  long buckets() {
    return index.buckets();
  }

  /** An identity of the current index table; changes when the index grows. */
  Object indexGeneration() {
    return index.generation();
  }

  /** Slot {@code i} (0-based) of index bucket {@code bucket}; see {@link StoreIterator}. */
  long slotIn(long bucket, int i) {
    return index.slotIn(bucket, i);
  }

  int segmentCount(byte state) {
    return segments.count(state);
  }

  /**
   * Frees all native memory of the shard, once its writers and locked readers are done; later
   * operations throw. Called by close with no optimistic reader inside the store.
   */
  void free() {
    writers.lock();
    try {
      long stamp = moves.writeLock();
      try {
        closed = true;
        for (int id = 0; id < segments.size(); id++) {
          MemoryRegion region = segments.region(id);
          if (region != null) {
            memory.free(region);
          }
        }
        index.free();
      } finally {
        moves.unlockWrite(stamp);
      }
    } finally {
      writers.unlock();
    }
  }
}
