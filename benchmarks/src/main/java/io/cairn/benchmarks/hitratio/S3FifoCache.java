package io.cairn.benchmarks.hitratio;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * The item-level S3-FIFO reference (Yang et al., "FIFO queues are all you need for cache eviction",
 * SOSP '23), written from the paper's description: a small FIFO of 10% of the entries admits new
 * keys; one read there while queued moves a key to the main FIFO when it reaches the tail, else it
 * is dropped and its key remembered in a ghost FIFO as long as the main queue; a miss on a
 * remembered key inserts it straight into the main queue; the main queue gives a key whose 2-bit
 * counter is above zero another lap, one count less.
 *
 * <p>It tells the engine's segment-level S3FIFO apart from the algorithm itself: same traces, same
 * sizes, no segments. {@link #engineLikeGhost} gives it the ghost of the engine's S3FIFO instead (a
 * key stays in the ghost on a ghost hit; the ghost remembers twice {@code max(1024, entries)} keys,
 * as the engine's two rotating Bloom filters do at most), to show what that ghost costs.
 */
final class S3FifoCache implements SimulatedCache {

  /** Counters saturate at 3, as the paper's two bits. */
  private static final int MAX_FREQUENCY = 3;

  /** The engine's ghost filter keeps this many keys at least per generation. */
  private static final int ENGINE_GHOST_MIN_CAPACITY = 1024;

  private final String name;
  private final boolean ghostKeepsHits;
  private final int ghostCapacity;

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
    this("S3-FIFO", maximumSize, false, maximumSize - Math.max(1, maximumSize / 10));
  }

  private S3FifoCache(String name, int maximumSize, boolean ghostKeepsHits, int ghostCapacity) {
    if (maximumSize < 2) {
      throw new IllegalArgumentException("maximumSize=" + maximumSize + " must be at least 2");
    }
    this.name = name;
    this.maximumSize = maximumSize;
    this.smallCapacity = Math.max(1, maximumSize / 10);
    this.mainCapacity = maximumSize - smallCapacity;
    this.ghostKeepsHits = ghostKeepsHits;
    this.ghostCapacity = ghostCapacity;
  }

  /** The variant with the engine's ghost, named "S3-FIFO-engine-ghost". */
  static S3FifoCache engineLikeGhost(int maximumSize) {
    return new S3FifoCache(
        "S3-FIFO-engine-ghost",
        maximumSize,
        true,
        2 * Math.max(ENGINE_GHOST_MIN_CAPACITY, maximumSize));
  }

  @Override
  public String name() {
    return name;
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
    if (ghostKeepsHits ? ghost.containsKey(key) : ghost.remove(key) != null) {
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
      if (frequency.get(tail) >= 1) { // read at least once while queued
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

  /** Adds {@code key} to the ghost, forgetting the oldest ghost keys beyond its capacity. */
  private void remember(long key) {
    long sequence = ghostSequence++;
    ghost.put(key, sequence);
    ghostOrder.addFirst(new long[] {key, sequence});
    while (ghost.size() > ghostCapacity) {
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
