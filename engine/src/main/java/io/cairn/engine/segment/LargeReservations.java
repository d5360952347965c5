package io.cairn.engine.segment;

import io.cairn.engine.CapacityException;
import io.cairn.engine.SharedCapacity;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reserves a large item's bytes ({@link LargeItems}) in the store's {@link MemoryBudget} before the
 * write takes its key's shard lock.
 *
 * <p>The budget is store-wide, but a shard evicts only its own data, and a large item (up to a
 * quarter of the capacity) may need more than one shard holds. So when the budget refuses, room is
 * made by visiting the shards one at a time, each under its own writers' lock and never two at
 * once: in phases, first every shard gives back its free segments, its expired items and its dead
 * segments; then each cleans a segment per visit; then each evicts per visit, as its policy
 * chooses, until a segment's bytes come back. Every shard keeps one segment. After each visit what
 * it freed is reserved at once, a segment's worth at a time, so a concurrent writer cannot take it
 * meanwhile; the bytes of a region that an optimistic reader may still hold come back only once the
 * {@link ReaderBarrier} is quiescent, which a reservation waits for a little between visits. Every
 * loop is bounded; if room cannot be made the reservation is given back and {@link
 * CapacityException} thrown.
 *
 * <p>Threading: thread-safe; called with no lock held. Removals of the visits are delivered on the
 * calling thread after each visit, with no lock held.
 */
final class LargeReservations {

  private final SegmentStore store;
  private final MemoryBudget budget;
  private final Shard[] shards;
  private final int chunk; // reserved at a time while room is being made: one segment
  private final long maxVisits; // per phase: well above what room for any item takes
  private final AtomicInteger start = new AtomicInteger(); // spreads the first visits over shards

  LargeReservations(SegmentStore store, MemoryBudget budget, Shard[] shards) {
    this.store = store;
    this.budget = budget;
    this.shards = shards;
    this.chunk = store.config().segmentSize();
    this.maxVisits = 4 * (store.config().capacityBytes() / chunk + shards.length);
  }

  /**
   * Reserves {@code size} bytes for a large item, making room as the class note says.
   *
   * @throws CapacityException if no room can be made; nothing stays reserved
   */
  void reserve(int size) {
    if (budget.tryReserve(size)) {
      return;
    }
    long held = 0;
    boolean reserved = false;
    try {
      int first = Math.floorMod(start.getAndIncrement(), shards.length);
      for (int phase = LargeItems.FREE; phase <= LargeItems.EVICT; phase++) {
        boolean progress = true;
        long visits = 0;
        while (progress && visits < maxVisits) {
          progress = false;
          for (int i = 0; i < shards.length; i++, visits++) {
            progress |= visit(shards[(first + i) % shards.length], phase);
            held = topUp(held, size);
            if (held < size && budget.awaitRetired(LargeItems.RETIRED_WAIT_NANOS)) {
              held = topUp(held, size); // what the visit gave back, freed as readers moved on
            }
            if (held == size) {
              reserved = true;
              return;
            }
          }
          progress |= budget.awaitRetired(LargeItems.RETIRED_WAIT_NANOS);
          if (phase == LargeItems.FREE) {
            break; // one pass: a second would find nothing new
          }
        }
      }
      // Nothing left to give back: what was given may still be held by a descheduled reader.
      budget.awaitRetired(LargeItems.RETIRED_PATIENCE_NANOS);
      held = topUp(held, size);
      reserved = held == size;
      if (!reserved) {
        throw noRoom(size);
      }
    } finally {
      if (!reserved) {
        budget.unreserve(held);
      }
    }
  }

  /**
   * One step of {@code phase} in {@code shard}, under its lock; returns whether it did anything.
   */
  private boolean visit(Shard shard, int phase) {
    List<Removal> removed;
    boolean progress;
    shard.lockWrite();
    try {
      progress = shard.largeItems().giveBack(phase);
    } finally {
      removed = shard.unlockWrite();
    }
    store.deliver(removed);
    return progress;
  }

  /** Reserves what it can of the {@code size - held} bytes still wanted; returns what is held. */
  private long topUp(long held, int size) {
    if (held < size && budget.tryReserve(size - held)) {
      return size;
    }
    while (held < size && budget.tryReserve(Math.min(chunk, size - held))) {
      held += Math.min(chunk, size - held);
    }
    return held;
  }

  private CapacityException noRoom(int size) {
    SharedCapacity shared = store.config().sharedCapacity();
    return new CapacityException(
        "store "
            + store.name()
            + " cannot make room for an item of size="
            + size
            + ": committedBytes="
            + budget.committed()
            + " of capacityBytes="
            + budget.capacity()
            + " (retired, awaiting readers: "
            + budget.retiredBytes()
            + ")"
            + (shared == null
                ? ""
                : ", sharedCapacity reservedBytes="
                    + shared.reservedBytes()
                    + " of capacityBytes="
                    + shared.capacityBytes())
            + " after every shard gave back its free segments, cleaned and evicted (each keeps one"
            + " segment and its index; other writes may hold the rest)");
  }
}
