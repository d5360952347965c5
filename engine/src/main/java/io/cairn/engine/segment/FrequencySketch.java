package io.cairn.engine.segment;

/**
 * How often each key hash was seen recently: a count-min sketch of 4-bit counters (TinyLFU,
 * Einziger, Friedman and Manes, ACM TOS 2017), which the TINYLFU policy consults to decide which
 * items are worth keeping when it empties a segment.
 *
 * <p>Each hash counts in {@value #DEPTH} counters, one per row, packed sixteen to a {@code long};
 * its estimate is the smallest of them, so collisions only ever overestimate. After {@code 10 x}
 * capacity increments every counter is halved (the "reset" of the paper), so what was popular long
 * ago fades and a counter's 15 is not a ceiling that everything reaches.
 *
 * <p>Threading: {@link #increment} is called by readers without the shard lock. Its updates are
 * plain read-modify-writes of a {@code long}: two racing increments may lose one, and an increment
 * racing a halving may undo part of it. Both are benign for an estimate. The table reference is
 * read once per call, so a reader racing {@link #ensureCapacity} counts in the old table and never
 * indexes outside the one it read. {@link #frequency} and {@link #ensureCapacity} run under the
 * shard lock.
 */
final class FrequencySketch {

  /** Counters per hash: four rows keep the overestimate from collisions small. */
  static final int DEPTH = 4;

  /** The largest value of a 4-bit counter. */
  static final int MAX_FREQUENCY = 15;

  /**
   * Keys per {@code long} of sixteen counters: 4 bytes of heap per key of capacity, and the
   * capacity is from 2/3 to 4/3 of the keys held (see {@link #ensureCapacity}), so about 3 to 5
   * bytes per entry. One key per word measured 0.5 points of mean hit ratio better on the traces at
   * twice the heap; four, 0.9 points worse at half.
   */
  private static final int KEYS_PER_WORD = 2;

  /**
   * Increments per key of capacity before the counters are halved. The paper and Caffeine use 10;
   * on our traces 30 measured about a point better (segments keep items in batches, so counts need
   * a longer memory to rank them apart).
   */
  private static final int SAMPLE_FACTOR = 30;

  /** Words in a block: the 64 bytes of a cache line, so an update touches one line. */
  private static final int BLOCK_WORDS = 8;

  /**
   * The smallest table, for shards that hold a handful of items: 7 blocks, so that every table, 7 x
   * 2^k blocks, is 7/8 of a power of two in bytes. G1 allocates an array of half a region or more
   * in whole regions, and a power-of-two table plus its 16-byte header needs one region more than
   * its size: 4 MiB tables took 8 MiB each (measured: 62 MiB of heap for 10M entries instead of
   * 32). At 7/8 the header always fits.
   */
  private static final int MIN_WORDS = 7 * BLOCK_WORDS;

  /** The most words a table has: 2^30, 8 GiB of counters, far past any shard. */
  private static final int MAX_WORDS = 1 << 30;

  private static final long ONE_MASK = 0x1111_1111_1111_1111L;
  private static final long HALF_MASK = 0x7777_7777_7777_7777L;

  private long[] table = new long[MIN_WORDS];
  private long capacity = (long) MIN_WORDS * KEYS_PER_WORD;
  private long additions; // racy: a lost addition only delays the halving

  /**
   * Sizes the sketch for {@code keys} distinct keys, doubling the table once they outnumber its
   * capacity by half (up to 1.5 keys per capacity measured no worse than 1 on the traces). The
   * counts carry over: a hash's block in a table of {@code 2^k} times the blocks is one of the
   * {@code 2^k} blocks that follow {@code 2^k} times its old block, so each old block is copied to
   * all of them and no estimate drops (a few rise, from old collisions).
   */
  void ensureCapacity(long keys) {
    if (keys <= capacity + capacity / 2 || table.length >= MAX_WORDS) {
      return;
    }
    long[] old = table;
    int factor = 1;
    while ((long) old.length * factor * KEYS_PER_WORD * 3 / 2 < keys
        && old.length * factor < MAX_WORDS) {
      factor <<= 1;
    }
    long[] grown = new long[old.length * factor];
    for (int block = 0; block < old.length; block += BLOCK_WORDS) {
      for (int copy = 0; copy < factor; copy++) {
        System.arraycopy(old, block, grown, (block * factor) + copy * BLOCK_WORDS, BLOCK_WORDS);
      }
    }
    table = grown;
    capacity = (long) grown.length * KEYS_PER_WORD;
  }

  /** Counts one more occurrence of {@code hash}. */
  void increment(long hash) {
    long[] t = table;
    long h = spread(hash);
    int block = blockOf(h, t.length);
    boolean added = false;
    for (int row = 0; row < DEPTH; row++) {
      int word = block + wordOf(h, row);
      int shift = shiftOf(h, row);
      long value = t[word];
      if (((value >>> shift) & MAX_FREQUENCY) < MAX_FREQUENCY) {
        t[word] = value + (1L << shift);
        added = true;
      }
    }
    // One addition in 16, chosen by hash, counts for 16: readers rarely write this shared field.
    if (added && ((h >>> 24) & 15) == 0 && (additions += 16) >= SAMPLE_FACTOR * capacity) {
      halve(t);
    }
  }

  /** The estimated count of {@code hash}, from 0 to {@value #MAX_FREQUENCY}. */
  int frequency(long hash) {
    long[] t = table;
    long h = spread(hash);
    int block = blockOf(h, t.length);
    int min = MAX_FREQUENCY;
    for (int row = 0; row < DEPTH; row++) {
      min = Math.min(min, (int) (t[block + wordOf(h, row)] >>> shiftOf(h, row)) & MAX_FREQUENCY);
    }
    return min;
  }

  /** The first word of the 64-byte block (one cache line) that holds all of a hash's counters. */
  private static int blockOf(long h, int length) {
    long blocks = length / BLOCK_WORDS;
    return (int) (((h >>> 32) * blocks) >>> 32) * BLOCK_WORDS; // the top 32 bits scaled to blocks
  }

  /** Row {@code row}'s word in the block: one of two, so the rows never share a word. */
  private static int wordOf(long h, int row) {
    return row << 1 | (int) (h >>> (20 + row)) & 1;
  }

  /** The bit offset of row {@code row}'s counter in its word: four hash bits pick one of 16. */
  private static int shiftOf(long h, int row) {
    return ((int) (h >>> (row << 2)) & 15) << 2;
  }

  private void halve(long[] t) {
    long odd = 0;
    for (int i = 0; i < t.length; i++) {
      odd += Long.bitCount(t[i] & ONE_MASK); // the halves lost to rounding down
      t[i] = (t[i] >>> 1) & HALF_MASK;
    }
    additions = (additions - (odd >>> 2)) >>> 1;
  }

  private static long spread(long hash) {
    long h = hash * 0x9E37_79B9_7F4A_7C15L;
    return h ^ (h >>> 29);
  }
}
