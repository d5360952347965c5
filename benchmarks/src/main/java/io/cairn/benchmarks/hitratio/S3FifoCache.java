package io.cairn.benchmarks.hitratio;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * The item-level S3-FIFO reference (Yang et al., "FIFO queues are all you need for cache eviction",
 * SOSP '23), written from the paper's description: a small FIFO of 10% of the entries admits new
 * keys; one read there while queued ({@link #promotionThreshold}) moves a key to the main FIFO when
 * it reaches the tail, else it is dropped and its key remembered in a ghost FIFO as long as the
 * main queue; a miss on a remembered key inserts it straight into the main queue; the main queue
 * gives a key whose 2-bit counter is above zero another lap, one count less.
 *
 * <p>It tells the engine's segment-level S3FIFO apart from the algorithm itself: same traces, same
 * sizes, no segments.
 */
final class S3FifoCache implements SimulatedCache {

  /** Counters saturate at 3, as the paper's two bits. */
  private static final int MAX_FREQUENCY = 3;

  /** Reads in the small queue that earn a move to the main queue. */
  private final int promotionThreshold;

  private final int maximumSize;
  private final int smallCapacity;
  private final int mainCapacity;

  /** Key to its counter, for every key cached (in either queue). */
  private final Map<Long, Integer> frequency = new HashMap<>();

  private final ArrayDeque<Long> small = new ArrayDeque<>(); // head = newest, tail = oldest
  private final ArrayDeque<Long> main = new ArrayDeque<>();

  /** Ghost keys with the sequence number of their latest entry in {@link #ghostOrder}. */
  private final Map<Long, Long> ghost = new HashMap<>();

  private final ArrayDeque<long[]> ghostOrder = new ArrayDeque<>(); // {key, sequence}, oldest last
  private long ghostSequence;

  S3FifoCache(int maximumSize) {
    this(maximumSize, 1);
  }

  S3FifoCache(int maximumSize, int promotionThreshold) {
    if (maximumSize < 2) {
      throw new IllegalArgumentException("maximumSize=" + maximumSize + " must be at least 2");
    }
    this.maximumSize = maximumSize;
    this.smallCapacity = Math.max(1, maximumSize / 10);
    this.mainCapacity = maximumSize - smallCapacity;
    this.promotionThreshold = promotionThreshold;
  }

  @Override
  public String name() {
    return "S3-FIFO";
  }

  @Override
  public boolean access(long key) {
    Integer count = frequency.get(key);
    if (count != null) {
      frequency.put(key, Math.min(MAX_FREQUENCY, count + 1));
      return true;
    }
    while (frequency.size() >= maximumSize) {
      if (small.size() >= smallCapacity) {
        evictSmall();
      } else {
        evictMain();
      }
    }
    frequency.put(key, 0);
    if (ghost.remove(key) != null) {
      main.addFirst(key);
    } else {
      small.addFirst(key);
    }
    return false;
  }

  /** Drops the small queue's oldest key, or moves it to the main queue if it was read enough. */
  private void evictSmall() {
    while (!small.isEmpty()) {
      Long tail = small.pollLast();
      if (frequency.get(tail) >= promotionThreshold) {
        frequency.put(tail, 0);
        main.addFirst(tail);
        if (main.size() > mainCapacity) {
          evictMain();
        }
      } else {
        frequency.remove(tail);
        remember(tail);
        return;
      }
    }
  }

  /** Drops the main queue's oldest key whose counter is zero, giving the others another lap. */
  private void evictMain() {
    while (!main.isEmpty()) {
      Long tail = main.pollLast();
      int count = frequency.get(tail);
      if (count > 0) {
        frequency.put(tail, count - 1);
        main.addFirst(tail);
      } else {
        frequency.remove(tail);
        return;
      }
    }
  }

  /** Adds {@code key} to the ghost, forgetting the oldest ghost beyond the main queue's size. */
  private void remember(long key) {
    long sequence = ghostSequence++;
    ghost.put(key, sequence);
    ghostOrder.addFirst(new long[] {key, sequence});
    while (ghost.size() > mainCapacity) {
      long[] oldest = ghostOrder.pollLast();
      Long current = ghost.get(oldest[0]);
      if (current != null && current == oldest[1]) {
        ghost.remove(oldest[0]);
      }
    }
  }

  @Override
  public long entries() {
    return frequency.size();
  }
}
