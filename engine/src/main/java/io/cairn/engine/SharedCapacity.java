package io.cairn.engine;

import java.util.concurrent.atomic.AtomicLong;

/**
 * One byte bound shared by several stores, on top of each store's own {@link
 * StoreConfig#capacityBytes()}: give the same instance to {@link
 * StoreConfig.Builder#sharedCapacity} of every store that should share it.
 *
 * <p>A store reserves here every native byte it reserves in its own budget (segments, index tables,
 * memory awaiting release), so {@link #reservedBytes()} never exceeds {@link #capacityBytes()}.
 * When the shared bound is reached, a store makes room by evicting its own data, as it does at its
 * own bound; it never takes memory from another store.
 *
 * <p>The guaranteed minimum: when it opens, a store reserves here what it needs to make progress
 * with nothing to evict, one segment and the smallest index table per shard ({@link
 * StoreConfig#minimumBytes()}). Opening fails with {@link IllegalStateException} if that does not
 * fit. Everything a store reserved comes back when it is closed.
 *
 * <p>The bound is first come, first served: a store keeps the segments it took (emptied ones are
 * reused for its own new data) until it is closed, so a cache that should not crowd out the others
 * needs its own smaller capacity.
 *
 * <p>Threading: thread-safe and lock-free.
 */
public final class SharedCapacity {

  private final long capacityBytes;
  private final AtomicLong reserved = new AtomicLong();

  /** A shared bound of {@code capacityBytes}, which must be positive. */
  public SharedCapacity(long capacityBytes) {
    if (capacityBytes <= 0) {
      throw new IllegalArgumentException("capacityBytes=" + capacityBytes + " must be positive");
    }
    this.capacityBytes = capacityBytes;
  }

  /** The bound in bytes. */
  public long capacityBytes() {
    return capacityBytes;
  }

  /** Bytes the sharing stores hold now: committed, plus their guaranteed minimums not yet used. */
  public long reservedBytes() {
    return reserved.get();
  }

  /**
   * Reserves {@code bytes} if the bound allows; returns whether it did. Internal: called by the
   * stores' budgets.
   */
  public boolean tryReserve(long bytes) {
    while (true) {
      long current = reserved.get();
      if (current + bytes > capacityBytes) {
        return false;
      }
      if (reserved.compareAndSet(current, current + bytes)) {
        return true;
      }
    }
  }

  /** Gives back {@code bytes} reserved before. Internal: called by the stores' budgets. */
  public void release(long bytes) {
    long after = reserved.addAndGet(-bytes);
    if (after < 0) {
      throw new IllegalStateException(
          "released " + bytes + " bytes more than reserved: reservedBytes=" + after);
    }
  }

  @Override
  public String toString() {
    return "SharedCapacity{capacityBytes=" + capacityBytes + ", reservedBytes=" + reserved + '}';
  }
}
