package io.cairn.engine.segment;

import static io.cairn.engine.segment.SegmentTable.NONE;

import io.cairn.engine.CapacityException;
import io.cairn.engine.memory.MemoryRegion;
import java.util.Arrays;

/**
 * A shard's items larger than a segment, each in a <em>large segment</em> of its own: a native
 * region of exactly the item's aligned size with an id in the shard's {@link SegmentTable}, opened
 * with the item's TTL lane and pool and sealed at once. To everything that walks segments (the
 * expiry sweep, the eviction policies, the iterator, optimistic readers) it is a sealed segment
 * holding one item at offset 0, so index slots, versions and read validation work unchanged. What
 * differs:
 *
 * <ul>
 *   <li>Its bytes are reserved in the {@link MemoryBudget} before the write takes its shard's lock
 *       ({@link LargeReservations}, which may make room in every shard) and handed to the write as
 *       a prepayment; a write that arrives without one (none does today: every write of a large
 *       value reserves first) makes room in its own shard alone ({@link #allocate}).
 *   <li>It is never FREE: once its item is deleted, replaced, expired or evicted, its region is
 *       retired and its id RELEASED, as a move, so its memory goes back to the budget ({@link
 *       #release}, {@link #releaseDead}). A dead one waits at most until its shard's lock is
 *       released.
 *   <li>The cleaner never picks it, and no policy copies its item: what a copying policy keeps of
 *       it stays in place and its segment moves to the pool the item would have been copied to
 *       ({@link Survivors#keep}).
 * </ul>
 *
 * <p>Readers: a release is a move, so an optimistic reader that may have seen the segment fails
 * validation and retries, and the region is retired, freed only once the {@link ReaderBarrier} is
 * quiescent: a reader racing the release reads the item whole or misses, never freed memory.
 *
 * <p>Segment ids: a large segment costs more than a segment's bytes, so large and ordinary segments
 * together never number more than the bound holds segments, which {@code StoreConfig} keeps within
 * what an index slot addresses.
 *
 * <p>Threading: every method is called under the shard's writers' lock.
 */
final class LargeItems {

  /** Phase of {@link #giveBack}: free segments, expired items and dead segments only. */
  static final int FREE = 0;

  /** Phase of {@link #giveBack}: clean a sparse segment. */
  static final int CLEAN = 1;

  /** Phase of {@link #giveBack}: evict as the policy chooses. */
  static final int EVICT = 2;

  /**
   * How long a step of making room waits for what it gave back to be freed (readers may hold it)
   * before it gives back more: 1 ms, many reads; a reader descheduled inside the barrier is rare.
   */
  static final long RETIRED_WAIT_NANOS = 1_000_000L;

  /** How long a reservation waits for retired memory before it gives up: a reader's time slice. */
  static final long RETIRED_PATIENCE_NANOS = 200_000_000L;

  private final Shard shard;
  private final SegmentTable segments;
  private final MemoryBudget budget;
  private final String storeName;
  private long prepaid; // reserved for the write under way before the lock was taken
  private int[] dying = new int[4]; // large segments whose item died in the operation under way
  private int dyingCount;
  private long givenBack; // bytes this shard gave back to the budget, ever

  LargeItems(Shard shard, SegmentTable segments, MemoryBudget budget, String storeName) {
    this.shard = shard;
    this.segments = segments;
    this.budget = budget;
    this.storeName = storeName;
  }

  /** Hands the write under way {@code bytes} reserved for it before the lock was taken. */
  void prepay(long bytes) {
    prepaid = bytes;
  }

  /** Takes back what the write under way did not use of its prepayment, for the caller to free. */
  long unusedPrepayment() {
    long unused = prepaid;
    prepaid = 0;
    return unused;
  }

  /**
   * Takes a large segment of {@code size} bytes (segment header included) for an item of TTL lane
   * {@code lane} and pool {@code pool}, paid for by the prepayment or, without one, by room made in
   * this shard alone.
   *
   * @return the location of the item, in {@link Shard}'s form: the segment id in the high 32 bits,
   *     the first item offset in the low ones
   * @throws CapacityException if this shard cannot give back enough for the budget to pay
   */
  long allocate(int lane, byte pool, int size) {
    if (prepaid >= size) {
      prepaid -= size;
    } else {
      reserveHere(size);
    }
    MemoryRegion region = budget.allocateReserved(size);
    ItemDescriptor.setBaseTime(region, shard.now()); // for touches in place; the item is far
    return (long) segments.addLarge(region, lane, pool) << 32 | ItemDescriptor.FIRST_ITEM_OFFSET;
  }

  /**
   * Reserves {@code size} bytes, making room in this shard, phase by phase, as little as it can;
   * refuses at once, evicting nothing, if even all the shard may give back would not do.
   */
  private void reserveHere(int size) {
    long givable =
        segments.largeBytes()
            + (long) Math.max(0, segments.ordinaryCount() - 1) * shard.segmentSize();
    int phase = budget.available() + givable < size ? EVICT + 1 : FREE;
    for (int steps = 0; !budget.tryReserve(size); steps++) {
      if (budget.awaitRetired(RETIRED_WAIT_NANOS)) {
        continue; // what an earlier step gave back, freed as readers moved on
      }
      if (phase <= EVICT && !giveBack(phase)) {
        phase++;
      }
      if (phase > EVICT || steps > 4 * segments.size() + 64) {
        throw new CapacityException(
            "store "
                + storeName
                + " cannot make room for an item of size="
                + size
                + " in the shard of its key, with no reservation made before the write:"
                + " committedBytes="
                + budget.committed()
                + " of capacityBytes="
                + budget.capacity()
                + ", the shard may give back "
                + givable);
      }
    }
  }

  /**
   * One step of making room in this shard for a large item: in phase {@link #FREE}, sweeps what has
   * expired and empties dead segments; in {@link #CLEAN}, cleans one segment; in {@link #EVICT},
   * evicts as the policy chooses until a segment's bytes come back. Every phase then gives the free
   * segments back to the budget, keeping one segment so the shard can always write.
   *
   * @return whether the step gave anything back or changed anything that may let a later one
   */
  boolean giveBack(int phase) {
    long before = givenBack;
    boolean changed = false;
    releaseFree();
    switch (phase) {
      case FREE -> {
        shard.expire(shard.now());
        for (int id = 0; id < segments.size(); id++) {
          if (segments.state(id) == SegmentTable.SEALED && segments.liveItems(id) == 0) {
            shard.closeEmpty(id);
          }
        }
      }
      case CLEAN -> changed = shard.clean(Cleaner.MAX_UTILIZATION);
      default -> changed = evictForRoom();
    }
    releaseFree();
    return changed || givenBack > before;
  }

  /** Evicts until a segment's bytes come back; false if there is nothing this shard may give. */
  private boolean evictForRoom() {
    if (segments.largeCount() == 0 && segments.ordinaryCount() <= 1) {
      return false;
    }
    long before = givenBack;
    for (int round = 0; round <= Shard.COPYING_ROUNDS; round++) {
      if (!shard.evict(round)) {
        return round > 0;
      }
      releaseFree();
      if (givenBack > before) {
        break;
      }
    }
    return true;
  }

  /** Gives every free segment but the shard's last one back to the budget. */
  private void releaseFree() {
    for (int id = segments.first(SegmentTable.FREE);
        id != NONE && segments.ordinaryCount() > 1;
        id = segments.first(SegmentTable.FREE)) {
      retire(segments.release(id));
    }
  }

  private void retire(MemoryRegion region) {
    givenBack += region.size();
    budget.retire(region); // freed once no optimistic reader can hold it
  }

  /**
   * Releases large segment {@code id}, whose item is gone: its region is retired and the id
   * RELEASED. Called inside a move, so optimistic readers that may have seen it retry.
   */
  void release(int id) {
    retire(segments.release(id));
  }

  /** Notes that the item of large segment {@code id} was deleted; see {@link #releaseDead}. */
  void died(int id) {
    if (dyingCount == dying.length) {
      dying = Arrays.copyOf(dying, dyingCount * 2);
    }
    dying[dyingCount++] = id;
  }

  /**
   * Releases, as one move, the large segments whose item died in the operation under way and that
   * no walk has closed yet. Called as the shard's lock is released: not when the item dies, because
   * a walk over the segment (a sweep, an eviction) may still read it.
   */
  void releaseDead() {
    if (dyingCount == 0) {
      return;
    }
    shard.beginMove();
    try {
      for (int i = 0; i < dyingCount; i++) {
        int id = dying[i];
        // Checked again: a walk may have released it, and the id been taken by a new segment.
        if (segments.isLarge(id) && segments.liveItems(id) == 0) {
          shard.close(id);
        }
      }
    } finally {
      dyingCount = 0;
      shard.endMove();
    }
  }

  /** Forgets the dying segments: the shard was cleared, large segments released with the rest. */
  void clear() {
    dyingCount = 0;
  }
}
