package io.cairn.engine.segment;

/**
 * S3-FIFO's ghost queue, as two rotating Bloom filters: the hashes of recently dropped keys, so
 * that a key that comes back soon after is admitted straight to the main pool.
 *
 * <p>A FIFO of hashes plus a hash set would cost about 24 bytes of heap per remembered key; these
 * filters cost {@value #BITS_PER_KEY} bits per key for each of the two. Hashes go into the current
 * filter; when it has counted {@code capacity} events (drops, and inserts of new keys: {@link
 * #age}) it becomes the previous one and a fresh one starts, so a hash is remembered for between
 * one and two cache's worth of later traffic, about what a FIFO of that length remembers. Aging on
 * inserts matters when nothing is dropped: on a loop every write is a ghost hit, and a filter that
 * aged only on drops would remember every key forever and admit everything to the main pool (a loop
 * over 1,000 keys then hit 9% instead of 66%; the item-level S3-FIFO gets 88%). With {@value
 * #PROBES} probes and {@value #BITS_PER_KEY} bits per key a false hit (a cold key admitted to the
 * main pool) is about 2% likely.
 *
 * <p>Threading: guarded by the shard lock.
 */
final class GhostFilter {

  /** Bits per remembered hash in each filter. */
  static final int BITS_PER_KEY = 8;

  /** Bit positions set and tested per hash. */
  static final int PROBES = 4;

  /** The fewest hashes a filter holds before rotating, for tiny caches. */
  private static final int MIN_CAPACITY = 1024;

  private long[] current;
  private long[] previous;
  private long capacity;
  private long added;

  /**
   * Remembers {@code hash}; {@code capacity} is how many drops to remember (resized on rotation).
   */
  void add(long hash, long capacity) {
    if (current == null || added >= this.capacity) {
      rotate(Math.max(MIN_CAPACITY, capacity));
    }
    set(current, hash);
    added++;
  }

  /**
   * Counts one insert of a new key toward the next rotation, so that the filter ages while nothing
   * is dropped into it (when every write is a ghost hit, as on a loop).
   */
  void age(long capacity) {
    if (current != null && ++added >= this.capacity) {
      rotate(Math.max(MIN_CAPACITY, capacity));
    }
  }

  /** Whether {@code hash} was remembered (or, rarely, collides with hashes that were). */
  boolean mightContain(long hash) {
    return (current != null && test(current, hash)) || (previous != null && test(previous, hash));
  }

  private void rotate(long newCapacity) {
    previous = current;
    capacity = newCapacity;
    long bits = Long.highestOneBit(Math.max(64, newCapacity * BITS_PER_KEY - 1)) << 1;
    current = new long[(int) Math.min(Integer.MAX_VALUE - 8, bits >>> 6)];
    added = 0;
  }

  private static void set(long[] filter, long hash) {
    long mask = (long) filter.length * Long.SIZE - 1;
    long h = hash;
    for (int i = 0; i < PROBES; i++) {
      long bit = h & mask;
      filter[(int) (bit >>> 6)] |= 1L << bit;
      h = Long.rotateRight(h, 16) * 0x9E3779B97F4A7C15L;
    }
  }

  private static boolean test(long[] filter, long hash) {
    long mask = (long) filter.length * Long.SIZE - 1;
    long h = hash;
    for (int i = 0; i < PROBES; i++) {
      long bit = h & mask;
      if ((filter[(int) (bit >>> 6)] & (1L << bit)) == 0) {
        return false;
      }
      h = Long.rotateRight(h, 16) * 0x9E3779B97F4A7C15L;
    }
    return true;
  }
}
