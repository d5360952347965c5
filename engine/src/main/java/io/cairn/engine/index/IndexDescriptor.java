package io.cairn.engine.index;

/**
 * Layout of the hash index: a table of 64-byte buckets of eight 64-bit slots, followed by one spill
 * byte per bucket. Internal.
 *
 * <pre>
 * Table (one native region of {@code buckets * 65} bytes):
 *   0          64         128                  buckets*64            buckets*65
 *   +----------+----------+-----+--------------+-----------------------+
 *   | bucket 0 | bucket 1 | ... | bucket n - 1 | spill 0 | ... | spill n - 1 |
 *   +----------+----------+-----+--------------+-----------------------+
 *
 * Bucket (64 bytes; a cache line's size, on one line or two as the allocator aligns the table):
 *   0        8        16                                              64
 *   +--------+--------+--------+--------+--------+--------+--------+--------+
 *   | slot 0 | slot 1 | slot 2 | slot 3 | slot 4 | slot 5 | slot 6 | slot 7 |
 *   +--------+--------+--------+--------+--------+--------+--------+--------+
 *
 * Spill (one byte per bucket): bits 0..6, how many buckets past this one hold items whose home
 * it is; only ever raised, until the table is cleared or replaced.
 *
 * Slot (64 bits), 0 = empty:
 *   63        52 51     44 43                  21 20                 0
 *   +-----------+---------+----------------------+--------------------+
 *   |  tag (12) | freq (8)|   segment id (23)    | offset / 4 (21)    |
 *   +-----------+---------+----------------------+--------------------+
 * </pre>
 *
 * <p>A key's home bucket is {@code (hash mod 2^32) * buckets >>> 32} (Lemire's multiply-shift range
 * reduction), so the table may have any number of buckets and grow by a fraction instead of
 * doubling; the shard bits and the tag come from the hash's high half. The spill counts sit apart
 * from the buckets so that all eight slots of a bucket hold items: a lookup reads the home bucket
 * first and the spill byte only when the key is not there (a miss, or an item that spilled), and
 * the spill bytes are a sixty-fourth of the table, so they stay in cache far better than buckets.
 *
 * <p>The tag is the hash's top 12 bits, never 0, so an occupied slot is never 0 and most mismatches
 * are rejected without touching the item. The frequency counter is kept for the frequency-aware
 * eviction policies. Items are 4-byte aligned, so 21 bits of offset address 8 MiB segments; 23 bits
 * of segment id allow 8 million segments per shard.
 */
public final class IndexDescriptor {

  /** Bytes in a bucket: one cache line. */
  public static final int BUCKET_BYTES = 64;

  /** Item slots in a bucket: all of it, since the spill count lives apart. */
  public static final int SLOTS_PER_BUCKET = BUCKET_BYTES / Long.BYTES;

  /** Bytes of spill count per bucket, in the array after the buckets. */
  static final int SPILL_BYTES = Byte.BYTES;

  /** Native bytes a bucket costs: its slots and its spill byte. */
  static final int BYTES_PER_BUCKET = BUCKET_BYTES + SPILL_BYTES;

  /**
   * The widest spill: an item sits at most this many buckets past its home bucket, and a spill
   * byte's low 7 bits say how far. A full window makes the table grow early, so this bounds how far
   * a lookup may read, not how full the table gets; with random hashes at the index's highest load
   * (85%), the farthest spill in a table of 180,000 buckets is about 56, so 127 leaves room.
   */
  static final int MAX_SPILL = 127;

  static final int OFFSET_BITS = 21;
  static final int SEGMENT_BITS = 23;
  static final int FREQ_BITS = 8;
  static final int TAG_BITS = 12;

  static final int OFFSET_SHIFT = 0;
  static final int SEGMENT_SHIFT = OFFSET_SHIFT + OFFSET_BITS;
  static final int FREQ_SHIFT = SEGMENT_SHIFT + SEGMENT_BITS;
  static final int TAG_SHIFT = FREQ_SHIFT + FREQ_BITS;

  /** Items are aligned to this many bytes, so offsets are stored in these units. */
  public static final int OFFSET_UNIT = 4;

  /** The largest segment id a slot can hold, plus one. */
  public static final int MAX_SEGMENTS = 1 << SEGMENT_BITS;

  /** The largest segment an offset can address. */
  public static final int MAX_SEGMENT_BYTES = (1 << OFFSET_BITS) * OFFSET_UNIT;

  private static final long OFFSET_MASK = (1L << OFFSET_BITS) - 1;
  private static final long SEGMENT_MASK = (1L << SEGMENT_BITS) - 1;
  private static final long FREQ_MASK = (1L << FREQ_BITS) - 1;
  private static final long LOCATION_MASK = (1L << FREQ_SHIFT) - 1;

  /** The hash bits that choose the home bucket: the low 32. */
  private static final long HOME_HASH_MASK = 0xFFFF_FFFFL;

  private IndexDescriptor() {}

  /** The tag of a hash: its top bits, never 0. */
  public static int tagOf(long hash) {
    int tag = (int) (hash >>> (Long.SIZE - TAG_BITS));
    return tag == 0 ? 1 : tag;
  }

  /** The home bucket of a hash in a table of {@code buckets} buckets (fewer than 2^32). */
  static long homeBucket(long hash, long buckets) {
    return ((hash & HOME_HASH_MASK) * buckets) >>> Integer.SIZE;
  }

  /** Packs a slot. {@code offset} is in bytes and must be a multiple of {@link #OFFSET_UNIT}. */
  public static long slot(int tag, int segment, int offset) {
    return ((long) tag << TAG_SHIFT)
        | ((long) segment << SEGMENT_SHIFT)
        | ((long) (offset / OFFSET_UNIT) << OFFSET_SHIFT);
  }

  /** The tag stored in a slot. */
  public static int tag(long slot) {
    return (int) (slot >>> TAG_SHIFT);
  }

  /** The frequency counter stored in a slot. */
  public static int frequency(long slot) {
    return (int) ((slot >>> FREQ_SHIFT) & FREQ_MASK);
  }

  /** The slot with its frequency counter set to {@code frequency} (0 to 255). */
  public static long withFrequency(long slot, int frequency) {
    return (slot & ~(FREQ_MASK << FREQ_SHIFT)) | ((long) frequency << FREQ_SHIFT);
  }

  /** The segment id stored in a slot. */
  public static int segment(long slot) {
    return (int) ((slot >>> SEGMENT_SHIFT) & SEGMENT_MASK);
  }

  /** The item's byte offset in its segment. */
  public static int offset(long slot) {
    return (int) ((slot >>> OFFSET_SHIFT) & OFFSET_MASK) * OFFSET_UNIT;
  }

  /** The slot's location bits (segment and offset), which identify one item. */
  public static long location(long slot) {
    return slot & LOCATION_MASK;
  }

  /** The position (byte offset in the table) of slot {@code i} (0-based) of a bucket. */
  static long slotPosition(long bucket, int i) {
    return bucket * BUCKET_BYTES + (long) i * Long.BYTES;
  }

  /** The position of the spill byte of {@code bucket} in a table of {@code buckets} buckets. */
  static long spillPosition(long buckets, long bucket) {
    return buckets * BUCKET_BYTES + bucket * SPILL_BYTES;
  }

  /** Bytes a table of {@code buckets} buckets takes. */
  static long tableBytes(long buckets) {
    return buckets * BYTES_PER_BUCKET;
  }
}
