package io.cairn.benchmarks.hitratio;

import java.util.ArrayList;
import java.util.List;

/**
 * How a store is sized so that its segments hold exactly {@code segments * itemsPerSegment} items
 * of one fixed size, the cache size under test.
 *
 * <p>Every item is {@link #itemSize} bytes: the engine's 4-byte header (the replay's items never
 * expire, so they carry no expiry word), the 8-byte key and a value that pads it to at least {@link
 * #MIN_ITEM_SIZE}. A segment holds exactly {@code itemsPerSegment} items after its {@link
 * #SEGMENT_HEADER}-byte header, and is at least the engine's smallest segment (4 KiB), which for
 * small caches means items larger than 64 bytes. The store has one shard, so the policy sees every
 * segment, and its byte bound is the segments plus the largest index table the entries need (the
 * bound covers both; see {@link #indexBytes}).
 *
 * @param entries the cache size: {@code segments * itemsPerSegment}
 * @param segments how many segments the store can hold
 * @param itemsPerSegment items per segment
 * @param itemSize bytes per item, header and alignment included
 * @param segmentSize bytes per segment
 * @param indexBytes bytes of the index table that {@code entries} items need
 */
record EngineGeometry(
    int entries,
    int segments,
    int itemsPerSegment,
    int itemSize,
    int segmentSize,
    long indexBytes) {

  /** The engine's item header (flags, lengths) of an item that never expires; see its layout. */
  static final int ITEM_HEADER = 4;

  /** Keys are the trace's long keys, big-endian. */
  static final int KEY_LENGTH = Long.BYTES;

  /** The smallest item: 64 bytes, a small cached object. */
  static final int MIN_ITEM_SIZE = 64;

  /** The engine's smallest segment (StoreConfig.MIN_SEGMENT_SIZE). */
  static final int MIN_SEGMENT_SIZE = 4 << 10;

  /** Fewest segments: each eviction then empties at most 1/64 of the cache. */
  static final int MIN_SEGMENTS = 64;

  /** Segments preferred by default: each eviction empties 1% of the cache. */
  static final int PREFERRED_SEGMENTS = 100;

  /**
   * The most the engine counts per item beyond key and value when it decides whether an item fits a
   * shared segment (segment header and the longest item header).
   */
  static final int MAX_OVERHEAD = 28;

  /** The segment's header before its first item: its base time. */
  static final int SEGMENT_HEADER = 8;

  /**
   * The index: 64-byte buckets of 8 slots and a spill byte each, at least 8 buckets, grown at 85%
   * of its slots: doubled up to 512 buckets, then by an eighth.
   */
  static final int BUCKET_BYTES = 65;

  static final int SLOTS_PER_BUCKET = 8;
  static final int MIN_BUCKETS = 8;
  static final long DOUBLING_LIMIT = 512;
  static final double MAX_LOAD = 0.85;

  /** The value length that makes an item {@link #itemSize} bytes. */
  int valueLength() {
    return itemSize - ITEM_HEADER - KEY_LENGTH;
  }

  /** The store's byte bound: the segments and the index table. */
  long capacityBytes() {
    return (long) segments * segmentSize + indexBytes;
  }

  /** The geometry for a cache of {@code entries} in about 100 segments; see the class comment. */
  static EngineGeometry forEntries(int entries) {
    return forEntries(entries, PREFERRED_SEGMENTS);
  }

  /**
   * The geometry for a cache of {@code entries}: the fewest segments from {@code preferred} up to
   * four times that which hold exactly {@code entries}, else the most below {@code preferred} (but
   * at least {@link #MIN_SEGMENTS}, or {@code preferred} if lower), else about {@code preferred}
   * segments holding slightly fewer entries.
   */
  static EngineGeometry forEntries(int entries, int preferred) {
    if (entries <= 0 || preferred < 2) {
      throw new IllegalArgumentException(
          "entries=" + entries + " must be positive and preferred=" + preferred + " at least 2");
    }
    for (int segments : exactSegmentCounts(entries, preferred)) {
      EngineGeometry geometry = of(segments, entries / segments);
      if (geometry.survivesLastIndexGrowth()) {
        return geometry;
      }
    }
    // No divisor fits: slightly fewer entries than asked (the results show the real count).
    int perSegment = Math.max(1, entries / preferred);
    return of(Math.max(2, entries / perSegment), perSegment);
  }

  /** Divisors of {@code entries} in the order {@link #forEntries(int, int)} tries them. */
  private static List<Integer> exactSegmentCounts(int entries, int preferred) {
    List<Integer> counts = new ArrayList<>();
    for (int s = preferred; s <= Math.min(entries, 4 * preferred); s++) {
      if (entries % s == 0) {
        counts.add(s);
      }
    }
    for (int s = preferred - 1; s >= Math.min(MIN_SEGMENTS, preferred) && s >= 2; s--) {
      if (entries % s == 0) {
        counts.add(s);
      }
    }
    return counts;
  }

  /**
   * {@code segments} of {@code itemsPerSegment} items each. Items are at least {@link
   * #MIN_ITEM_SIZE}, large enough that a segment reaches the engine's smallest, and larger still
   * where the index's last doubling needs room (see {@link #survivesLastIndexGrowth}).
   */
  static EngineGeometry of(int segments, int itemsPerSegment) {
    int entries = segments * itemsPerSegment;
    long indexBytes = indexBuckets(entries) * BUCKET_BYTES;
    int itemSize = Math.max(MIN_ITEM_SIZE, align8(ceilDiv(MIN_SEGMENT_SIZE, itemsPerSegment)));
    long buckets = indexBytes / BUCKET_BYTES;
    long spareSegments = segments - segmentsAtLastGrowth(buckets, itemsPerSegment);
    if (spareSegments > 0) {
      long needed =
          ceilDiv(previousBuckets(buckets) * BUCKET_BYTES, spareSegments * itemsPerSegment);
      itemSize = Math.max(itemSize, align8(needed));
    }
    return new EngineGeometry(
        entries,
        segments,
        itemsPerSegment,
        itemSize,
        segmentSizeFor(itemSize, itemsPerSegment),
        indexBytes);
  }

  /**
   * The buckets of the index once it holds {@code entries - 1} items and inserts one more: the
   * index grows before an insert when its count has reached 85% of its slots.
   */
  static long indexBuckets(int entries) {
    long buckets = MIN_BUCKETS;
    while (growThreshold(buckets) < entries) {
      buckets = grown(buckets);
    }
    return buckets;
  }

  private static long grown(long buckets) {
    return buckets < DOUBLING_LIMIT ? buckets * 2 : buckets + (buckets + 7) / 8;
  }

  /** The size the index had before it grew to {@code buckets}. */
  private static long previousBuckets(long buckets) {
    long previous = MIN_BUCKETS;
    while (grown(previous) < buckets) {
      previous = grown(previous);
    }
    return previous;
  }

  private static long growThreshold(long buckets) {
    return (long) (buckets * SLOTS_PER_BUCKET * MAX_LOAD);
  }

  /**
   * Whether the last growth of the index fits in the bound: while it is rebuilt the old table is
   * held too, beside the segments filled by then. If it did not fit, the index would stay small and
   * the unused bytes would go to extra segments.
   */
  boolean survivesLastIndexGrowth() {
    long buckets = indexBytes / BUCKET_BYTES;
    long segmentsAtGrowth = segmentsAtLastGrowth(buckets, itemsPerSegment);
    long old = buckets == MIN_BUCKETS ? 0 : previousBuckets(buckets) * BUCKET_BYTES;
    return segmentsAtGrowth * segmentSize + old + indexBytes <= capacityBytes();
  }

  /** Segments allocated when an index of {@code buckets} last grew (0 if it never did). */
  private static long segmentsAtLastGrowth(long buckets, int itemsPerSegment) {
    if (buckets == MIN_BUCKETS) {
      return 0;
    }
    long countAtGrowth = growThreshold(previousBuckets(buckets));
    return countAtGrowth / itemsPerSegment + 1; // the new item's segment is already open
  }

  /**
   * The segment for {@code items} items of {@code itemSize}: the items after the segment header;
   * for one item, enough that the engine counts it ordinary (key and value within the segment less
   * {@link #MAX_OVERHEAD}), rounded up to 8.
   */
  private static int segmentSizeFor(int itemSize, int items) {
    int exact = itemSize * items + SEGMENT_HEADER;
    return Math.max(exact, align8(itemSize - ITEM_HEADER + MAX_OVERHEAD));
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }

  private static int align8(long n) {
    return (int) ((n + 7) & -8);
  }
}
