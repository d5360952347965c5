package io.cairn.benchmarks;

import io.cairn.engine.StoreStats;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;

/**
 * Keys and values of the measured workloads, built the same way for every run.
 *
 * <p>Stateless and thread-safe; every array returned is new and owned by the caller.
 */
final class Workload {

  /** The key size of the main workload: 16 bytes, e.g. a UUID or a short string id. */
  static final int KEY_BYTES = 16;

  /** The key size of a {@code Long} key serialized as 8 big-endian bytes. */
  static final int LONG_KEY_BYTES = Long.BYTES;

  /** The value size of every workload: 100 bytes, the size the design's peer figures use. */
  static final int VALUE_BYTES = 100;

  /** Multiplier that spreads an index over all 64 bits (the 64-bit golden ratio). */
  private static final long SPREAD = 0x9E37_79B9_7F4A_7C15L;

  private Workload() {}

  /**
   * The 16-byte key number {@code index}: the index as a big-endian long, then the index spread
   * over 64 bits, so that keys differ in both halves as real identifiers do.
   */
  static byte[] key16(long index) {
    return ByteBuffer.allocate(KEY_BYTES).putLong(index).putLong(index * SPREAD).array();
  }

  /** The 8-byte key of a {@code Long}: its value in big-endian order, as a serializer would. */
  static byte[] longKey(long value) {
    return ByteBuffer.allocate(LONG_KEY_BYTES).putLong(value).array();
  }

  /** The keys {@code key16(0) .. key16(n - 1)}. */
  static byte[][] keys16(int n) {
    byte[][] keys = new byte[n][];
    for (int i = 0; i < n; i++) {
      keys[i] = key16(i);
    }
    return keys;
  }

  /**
   * {@code count} distinct values of {@link #VALUE_BYTES} bytes. Value {@code v} starts with the
   * long {@code v} in native byte order (what {@link io.cairn.engine.BytesView#getLong} reads), so
   * a reader that returns that long as a {@code Long} gets a cached box and allocates nothing; the
   * other bytes are random.
   */
  static byte[][] values(int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    byte[][] values = new byte[count][];
    for (int v = 0; v < count; v++) {
      byte[] value = new byte[VALUE_BYTES];
      random.nextBytes(value);
      ByteBuffer.wrap(value).order(ByteOrder.nativeOrder()).putLong(0, v);
      values[v] = value;
    }
    return values;
  }

  /**
   * Throws unless a freshly filled store holds exactly {@code entries} entries and evicted none: a
   * measurement of a store that lost entries would not measure what it claims.
   */
  static void requireFilled(StoreStats stats, int entries, long capacityMiB) {
    if (stats.entries() != entries || stats.evictions() != 0) {
      throw new IllegalStateException(
          "fill failed: entries="
              + stats.entries()
              + " wanted="
              + entries
              + " evictions="
              + stats.evictions()
              + " capacityMiB="
              + capacityMiB);
    }
  }
}
