package io.cairn.engine.segment;

/**
 * A miniature, item-level model of the TINYLFU policy with a fixed window share, for {@link
 * WindowSimulation}: it is fed a sample of the shard's requests (key hashes only, no data) and
 * counts how many of them it would have hit. Its capacity is fixed when it is made.
 *
 * <p>The model follows the segment policy item by item. A miss enters the window, a FIFO; an item
 * leaving the window moves to the main pool while the main pool is not full, else contests the main
 * pool's victim and stays only when the sketch has seen its key more often than {@link
 * TinyLfu#mainRank} says of the victim's (the main pool's edge, and the main pool wins ties). The
 * main pool is a FIFO giving items read since their last round another round (CLOCK, as the segment
 * policy ranks such items first). With {@code clockWindow} the window does the same for its own
 * items before they contest (the segment policy's window second chance).
 *
 * <p>Keys are 64-bit hashes in an open-addressing table with linear probing (deletion by backward
 * shift) beside two rings of hashes, one per pool: 8 + 1 bytes per table slot at a load of a
 * quarter to a half (the table is a power of two), and 8 bytes per ring entry, so 26 to 44 bytes
 * per item of capacity.
 *
 * <p>Threading: confined to the thread holding the shard lock.
 */
final class MiniTinyLfu {

  /** A table slot's state: free. */
  private static final byte EMPTY = 0;

  /** A table slot's state: its item is in the window. */
  private static final byte IN_WINDOW = 1;

  /** A table slot's state: its item is in the main pool. */
  private static final byte IN_MAIN = 2;

  /** Set on a slot's state when its item was read since its last round (CLOCK's bit). */
  private static final byte READ = 4;

  private final FrequencySketch sketch;
  private final int windowCapacity;
  private final int mainCapacity;
  private final boolean clockWindow;
  private final long[] keys;
  private final byte[] states;
  private final int mask;
  private final Ring window;
  private final Ring main;
  private long hits;

  /**
   * A model of {@code capacity} items, {@code windowShare} of them in the window, ranking contests
   * by {@code sketch} (the shard's own, which counts every request).
   */
  MiniTinyLfu(FrequencySketch sketch, int capacity, double windowShare, boolean clockWindow) {
    if (capacity < 1 || !(windowShare >= 0 && windowShare <= 1)) {
      throw new IllegalArgumentException(
          "capacity=" + capacity + " must be positive, windowShare=" + windowShare + " in [0, 1]");
    }
    this.sketch = sketch;
    this.windowCapacity = (int) Math.round(windowShare * capacity);
    this.mainCapacity = capacity - windowCapacity;
    this.clockWindow = clockWindow;
    int slots = Integer.highestOneBit(Math.max(4, capacity * 2 + 1) - 1) << 1;
    this.keys = new long[slots];
    this.states = new byte[slots];
    this.mask = slots - 1;
    this.window = new Ring(windowCapacity + 1);
    this.main = new Ring(Math.max(1, mainCapacity));
  }

  /** Requests the key with {@code hash}; a miss inserts it. Returns whether it was a hit. */
  boolean access(long hash) {
    int slot = find(hash);
    if (slot >= 0) {
      states[slot] |= READ;
      hits++;
      return true;
    }
    put(hash, IN_WINDOW);
    window.add(hash);
    while (window.size() > windowCapacity) {
      leaveWindow(window.poll());
    }
    return false;
  }

  /** The hits counted since the model was made. */
  long hits() {
    return hits;
  }

  /** Items held, for tests. */
  int size() {
    return window.size() + main.size();
  }

  private void leaveWindow(long candidate) {
    int slot = find(candidate);
    if (clockWindow && (states[slot] & READ) != 0 && windowCapacity > 0) {
      states[slot] = IN_WINDOW; // read since written: another round in the window, bit cleared
      window.add(candidate);
      return;
    }
    if (main.size() < mainCapacity) {
      states[slot] = IN_MAIN;
      main.add(candidate);
      return;
    }
    if (mainCapacity == 0) {
      remove(candidate);
      return;
    }
    long victim = mainVictim();
    if (sketch.frequency(candidate) > TinyLfu.mainRank(sketch.frequency(victim))) {
      main.poll();
      remove(victim);
      states[find(candidate)] = IN_MAIN;
      main.add(candidate);
    } else {
      remove(candidate);
    }
  }

  /** The main pool's oldest item not read since its last round, rounding the others (CLOCK). */
  private long mainVictim() {
    while (true) {
      long oldest = main.peek();
      int slot = find(oldest);
      if ((states[slot] & READ) == 0) {
        return oldest;
      }
      states[slot] = IN_MAIN;
      main.add(main.poll());
    }
  }

  private int find(long hash) {
    for (int i = home(hash); states[i] != EMPTY; i = (i + 1) & mask) {
      if (keys[i] == hash) {
        return i;
      }
    }
    return -1;
  }

  private void put(long hash, byte state) {
    int i = home(hash);
    while (states[i] != EMPTY) {
      i = (i + 1) & mask;
    }
    keys[i] = hash;
    states[i] = state;
  }

  /** Removes {@code hash}, shifting later entries of its probe run back (no tombstones). */
  private void remove(long hash) {
    int hole = find(hash);
    for (int i = (hole + 1) & mask; states[i] != EMPTY; i = (i + 1) & mask) {
      int home = home(keys[i]);
      // Entry i may fill the hole unless its home lies cyclically in (hole, i].
      if (((i - home) & mask) >= ((i - hole) & mask)) {
        keys[hole] = keys[i];
        states[hole] = states[i];
        hole = i;
      }
    }
    states[hole] = EMPTY;
  }

  private int home(long hash) {
    long h = hash * 0xC2B2_AE3D_27D4_EB4FL;
    return (int) (h >>> 40) & mask;
  }

  /** A FIFO of hashes in a circular array. */
  private static final class Ring {
    private final long[] items;
    private int head;
    private int size;

    Ring(int capacity) {
      items = new long[capacity];
    }

    int size() {
      return size;
    }

    void add(long hash) {
      int tail = head + size;
      items[tail < items.length ? tail : tail - items.length] = hash;
      size++;
    }

    long peek() {
      return items[head];
    }

    long poll() {
      long hash = items[head];
      head = head + 1 < items.length ? head + 1 : 0;
      size--;
      return hash;
    }
  }
}
