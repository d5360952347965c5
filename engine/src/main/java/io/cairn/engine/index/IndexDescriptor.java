package io.cairn.engine.index;

/**
 * Layout of the hash index: 64-byte buckets of 64-bit slots, as in segcache. Internal.
 *
 * <pre>
 * Bucket (64 bytes, one cache line):
 *   0        8        16                                              64
 *   +--------+--------+--------+--------+--------+--------+--------+--------+
 *   | info   | slot 1 | slot 2 | slot 3 | slot 4 | slot 5 | slot 6 | slot 7 |
 *   +--------+--------+--------+--------+--------+--------+--------+--------+
 *   info: bits 0..5 = spill, how many buckets past this one hold items whose home it is.
 *
 * Slot (64 bits), 0 = empty:
 *   63        52 51     44 43                  20 19                 0
 *   +-----------+---------+----------------------+--------------------+
 *   |  tag (12) | freq (8)|   segment id (24)    | offset / 8 (20)    |
 *   +-----------+---------+----------------------+--------------------+
 * </pre>
 *
 * <p>The tag is the hash's top 12 bits, never 0, so an occupied slot is never 0 and most mismatches
 * are rejected without touching the item. The frequency counter is kept for the frequency-aware
 * eviction policies. Items are 8-byte aligned, so 20 bits of offset address 8 MiB segments.
 */
public final class IndexDescriptor {

  /** Bytes in a bucket: one cache line. */
  public static final int BUCKET_BYTES = 64;

  /** Slots in a bucket, including the info slot. */
  static final int SLOTS_PER_BUCKET = BUCKET_BYTES / Long.BYTES;

  /** Item slots in a bucket: all but the info slot. */
  public static final int ITEM_SLOTS_PER_BUCKET = SLOTS_PER_BUCKET - 1;

  /** Offset of the info word in a bucket. */
  static final int INFO_OFFSET = 0;

  /** Offset of the first item slot in a bucket. */
  static final int FIRST_SLOT_OFFSET = INFO_OFFSET + Long.BYTES;

  /**
   * The widest spill: an item sits at most this many buckets past its home bucket. Measured with
   * random hashes, a window of 15 overflows at about 70% load on large tables, 63 at about 85%, 255
   * at about 93%; 63 lets the index grow at 80% while a lookup still reads one bucket in the common
   * case.
   */
  static final int MAX_SPILL = 63;

  static final int OFFSET_BITS = 20;
  static final int SEGMENT_BITS = 24;
  static final int FREQ_BITS = 8;
  static final int TAG_BITS = 12;

  static final int OFFSET_SHIFT = 0;
  static final int SEGMENT_SHIFT = OFFSET_SHIFT + OFFSET_BITS;
  static final int FREQ_SHIFT = SEGMENT_SHIFT + SEGMENT_BITS;
  static final int TAG_SHIFT = FREQ_SHIFT + FREQ_BITS;

  /** Items are aligned to this many bytes, so offsets are stored in these units. */
  public static final int OFFSET_UNIT = 8;

  /** The largest segment id a slot can hold, plus one. */
  public static final int MAX_SEGMENTS = 1 << SEGMENT_BITS;

  /** The largest segment an offset can address. */
  public static final int MAX_SEGMENT_BYTES = (1 << OFFSET_BITS) * OFFSET_UNIT;

  private static final long OFFSET_MASK = (1L << OFFSET_BITS) - 1;
  private static final long SEGMENT_MASK = (1L << SEGMENT_BITS) - 1;
  private static final long FREQ_MASK = (1L << FREQ_BITS) - 1;
  private static final long LOCATION_MASK = (1L << FREQ_SHIFT) - 1;

  private IndexDescriptor() {}

  /** The tag of a hash: its top bits, never 0. */
  public static int tagOf(long hash) {
    int tag = (int) (hash >>> (Long.SIZE - TAG_BITS));
    return tag == 0 ? 1 : tag;
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

  /** The position (byte offset in the table) of item slot {@code i} (1-based) of a bucket. */
  static long slotPosition(long bucket, int i) {
    return bucket * BUCKET_BYTES + FIRST_SLOT_OFFSET + (long) (i - 1) * Long.BYTES;
  }
}
