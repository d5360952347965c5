package io.cairn.engine.segment;

import io.cairn.engine.ByteStore;
import io.cairn.engine.memory.MemoryRegion;
import java.util.Objects;

/**
 * Layout of a segment and its items: an 8-byte segment header holding the segment's base time, then
 * items of a 4-byte header, 8 bytes for an item that can expire (longer for rare sizes and far
 * expiries), the key, the value, padding to 4 bytes.
 *
 * <pre>
 * Segment:
 *   0                8
 *   +----------------+--------+--------+-----+------------------+
 *   | base time (ms) | item   | item   | ... | unfilled end     |
 *   +----------------+--------+--------+-----+------------------+
 *
 * Item (4-byte aligned):
 *   0                          4              (8)                       (8)
 *   +--------------------------+--------------+------------------------+-----+-------+-----+
 *   | flags and lengths (32)   | [expiry (32)]| [value length] [far]   | key | value | pad |
 *   +--------------------------+--------------+------------------------+-----+-------+-----+
 *
 * flags and lengths:
 *   31      30    29     28        27      19 18                   0
 *   +-------+-----+------+---------+---------+----------------------+
 *   |deleted| far | long | expires | key (9) |  value length (19)   |    short lengths
 *   +-------+-----+------+---------+---------+----------------------+
 *   |deleted| far | long | expires | unused  | key length (16)      |    long: the value length
 *   +-------+-----+------+---------+---------+----------------------+          follows
 * [expiry]: present when expires is set: milliseconds after the segment's base time, 0 to
 *         MAX_DELTA; NEVER_DELTA (all ones) for an item touched to never; FAR_DELTA for an item
 *         whose exact instant is in the far field.
 * [value length]: 4 bytes, present when long is set (a key over 511 or a value of 512 KiB or more).
 * [far]: 8 bytes, the exact instant as two ints (low, high), present when far is set (which
 *         implies expires).
 * </pre>
 *
 * <p>Expiry: an item written to never expire ({@link ByteStore#ETERNAL}, JCache's default) has no
 * expiry word: 4 bytes of header. Otherwise the exact instant in epoch milliseconds is a 32-bit
 * delta from the segment's base time (when the segment was opened), which reaches 49.7 days past
 * it. An item is written far (its instant whole in the far field, 8 bytes more) only when its
 * expiry is more than that past the time of writing; an open segment too old for an item's expiry
 * counts as full, so that the item goes to a new segment. The expiry word is aligned to 4 bytes, so
 * that rewriting it in place (JCache's access and update expiry) is one atomic volatile store,
 * which a reader holding no lock sees whole or not at all: a far item's far field is written once
 * and never changes, and its expiry word goes from FAR_DELTA to a delta or NEVER_DELTA in one
 * store. An expiry that cannot be written in place (more than MAX_DELTA past the base, or any
 * instant for an item without an expiry word) makes {@link #setExpireAt} return false: the shard
 * then rewrites the item. An instant before the base (an item that expired as it was written, or a
 * stale item copied by the cleaner into a newer segment) is stored as the base itself: it stays in
 * the past. The flags and lengths word never changes but for the deleted flag.
 *
 * <p>Lengths: a reader holding no lock may see any bits where an item was reused. Every length is
 * bounded by its field (at most 2^24 - 1 bytes for a value, 2^16 - 1 for a key) and every access
 * through a region is bounds-checked, so a torn length can only make a read fail and retry, never
 * reach outside the segment; lengths are read under the lock where they size a walk. Flags mark an
 * item deleted once its slot no longer points at it, so that walks over a segment skip it.
 */
final class ItemDescriptor {

  /** Offset of the segment's base time (a long) in the segment. */
  static final int BASE_TIME_OFFSET = 0;

  /** Offset of the first item in a segment: after the base time. */
  static final int FIRST_ITEM_OFFSET = BASE_TIME_OFFSET + Long.BYTES;

  /** Offset of the int holding flags and lengths, in an item. */
  static final int FLAGS_AND_LENGTHS_OFFSET = 0;

  /** Offset of the int holding the expiry delta, in an item that can expire. */
  static final int EXPIRY_OFFSET = FLAGS_AND_LENGTHS_OFFSET + Integer.BYTES;

  /** Bytes before the key of an item with short lengths that never expires: the least header. */
  static final int ETERNAL_HEADER_LENGTH = EXPIRY_OFFSET;

  /** Bytes the expiry word adds, to an item that can expire. */
  static final int EXPIRY_BYTES = Integer.BYTES;

  /** Bytes the long value length adds. */
  static final int LONG_LENGTHS_BYTES = Integer.BYTES;

  /** Bytes the far field adds. */
  static final int FAR_BYTES = Long.BYTES;

  /** The longest header: an expiry, long lengths and a far expiry. */
  static final int MAX_HEADER_LENGTH =
      ETERNAL_HEADER_LENGTH + EXPIRY_BYTES + LONG_LENGTHS_BYTES + FAR_BYTES;

  /**
   * The most an item costs beyond its key and value, segment header included: 8 bytes of segment
   * header and the longest item header. An item is ordinary, in a shared segment, when key, value
   * and this fit the segment size, large otherwise; the store takes it when they fit maxItemBytes.
   * Exact for both, since both are multiples of 4.
   */
  static final int MAX_OVERHEAD = FIRST_ITEM_OFFSET + MAX_HEADER_LENGTH;

  /** Items start on 4-byte boundaries, so the expiry word can be stored atomically. */
  static final int ALIGNMENT = 4;

  /** The longest key: what 16 bits of length can say. */
  static final int MAX_KEY_LENGTH = 0xFFFF;

  /** The longest value: 24 bits of length (segments are smaller still). */
  static final int MAX_VALUE_LENGTH = (1 << 24) - 1;

  /** The longest key with short lengths: 9 bits. */
  static final int MAX_SHORT_KEY_LENGTH = (1 << 9) - 1;

  /** The longest value with short lengths: 19 bits. */
  static final int MAX_SHORT_VALUE_LENGTH = (1 << 19) - 1;

  /** The stored expiry that means never, in an item that has an expiry word. */
  static final int NEVER_DELTA = -1;

  /** The stored expiry that means: read the far field. */
  static final int FAR_DELTA = -2;

  /** The largest delta from the base an expiry word holds: 49.7 days, less the two markers. */
  static final long MAX_DELTA = 0xFFFF_FFFDL;

  /** Flag: the item is no longer referenced by the index. */
  static final int DELETED = 1 << 31;

  /** Flag: the far field is present. */
  static final int FAR = 1 << 30;

  /** Flag: long lengths, the value length after the expiry word (if any). */
  static final int LONG_LENGTHS = 1 << 29;

  /** Flag: the expiry word is present; without it the item never expires. */
  static final int EXPIRES = 1 << 28;

  /** An item's expiry fields: none (it never expires), the word, or the word and the far field. */
  enum Expiry {
    NONE,
    NEAR,
    FAR
  }

  private static final int SHORT_KEY_SHIFT = 19;
  private static final int LONG_KEY_MASK = MAX_KEY_LENGTH;
  private static final long UNSIGNED_INT = 0xFFFF_FFFFL;

  private ItemDescriptor() {}

  // ---------------------------------------------------------------- sizes

  /** The bytes a segment of {@code segmentSize} bytes holds for items: all but its header. */
  static int itemBytes(int segmentSize) {
    return segmentSize - FIRST_ITEM_OFFSET;
  }

  /** Whether an item expiring at {@code expireAt}, written at {@code now}, needs the far field. */
  static boolean isFar(long expireAt, long now) {
    return !isNever(expireAt) && expireAt - now > MAX_DELTA;
  }

  /** Whether {@code expireAt} means never: {@link ByteStore#MAX_INSTANT} and beyond. */
  static boolean isNever(long expireAt) {
    return expireAt >= ByteStore.MAX_INSTANT;
  }

  /** The expiry fields of an item expiring at {@code expireAt}, written at {@code now}. */
  static Expiry expiryOf(long expireAt, long now) {
    return isNever(expireAt) ? Expiry.NONE : isFar(expireAt, now) ? Expiry.FAR : Expiry.NEAR;
  }

  /** Whether these lengths need the long form. */
  static boolean isLong(int keyLength, int valueLength) {
    return keyLength > MAX_SHORT_KEY_LENGTH || valueLength > MAX_SHORT_VALUE_LENGTH;
  }

  /** The header length of an item with these lengths and expiry fields. */
  static int headerLength(int keyLength, int valueLength, Expiry expiry) {
    return ETERNAL_HEADER_LENGTH
        + (expiry != Expiry.NONE ? EXPIRY_BYTES : 0)
        + (isLong(keyLength, valueLength) ? LONG_LENGTHS_BYTES : 0)
        + (expiry == Expiry.FAR ? FAR_BYTES : 0);
  }

  /** The aligned size of an item with these lengths and expiry fields. */
  static int itemSize(int keyLength, int valueLength, Expiry expiry) {
    return align(headerLength(keyLength, valueLength, expiry) + keyLength + valueLength);
  }

  /** The aligned size of an item with these lengths, expiring at {@code expireAt} written now. */
  static int itemSize(int keyLength, int valueLength, long expireAt, long now) {
    return itemSize(keyLength, valueLength, expiryOf(expireAt, now));
  }

  /** Whether an item with these lengths needs a large segment of its own. */
  static boolean isLarge(int keyLength, int valueLength, int segmentSize) {
    return (long) keyLength + valueLength + MAX_OVERHEAD > segmentSize;
  }

  /** The bytes of the large segment of an item with these lengths: it is always written far. */
  static int largeSegmentBytes(int keyLength, int valueLength) {
    return FIRST_ITEM_OFFSET + maxItemSize(keyLength, valueLength);
  }

  /** The largest size an item with these lengths can take: far. */
  static int maxItemSize(int keyLength, int valueLength) {
    return itemSize(keyLength, valueLength, Expiry.FAR);
  }

  static int align(int length) {
    return (length + ALIGNMENT - 1) & -ALIGNMENT;
  }

  // ---------------------------------------------------------------- the flags and lengths word

  /** The flags and lengths word of an item, from a segment. */
  static int lengthsWord(MemoryRegion segment, int item) {
    return segment.getInt(item + FLAGS_AND_LENGTHS_OFFSET);
  }

  /** The key length a flags and lengths word says. */
  static int keyLength(int word) {
    return (word & LONG_LENGTHS) != 0
        ? word & LONG_KEY_MASK
        : (word >>> SHORT_KEY_SHIFT) & MAX_SHORT_KEY_LENGTH;
  }

  /** The offset, in its item, of the long value length of an item whose word is {@code word}. */
  static int longValueLengthOffset(int word) {
    return ETERNAL_HEADER_LENGTH + ((word & EXPIRES) != 0 ? EXPIRY_BYTES : 0);
  }

  /** The offset, in its item, of the far field of an item whose word is {@code word}. */
  private static int farOffset(int word) {
    return longValueLengthOffset(word) + ((word & LONG_LENGTHS) != 0 ? LONG_LENGTHS_BYTES : 0);
  }

  /** The header length a flags and lengths word says. */
  static int headerLength(int word) {
    return farOffset(word) + ((word & FAR) != 0 ? FAR_BYTES : 0);
  }

  /**
   * The value length of an item whose flags and lengths word is {@code word} and whose long value
   * length, if any, is {@code longValueLength}: bounded by 24 bits whatever the bits say.
   */
  static int valueLength(int word, int longValueLength) {
    return (word & LONG_LENGTHS) != 0
        ? longValueLength & MAX_VALUE_LENGTH
        : word & MAX_SHORT_VALUE_LENGTH;
  }

  // ---------------------------------------------------------------- reading an item

  static int keyLength(MemoryRegion segment, int item) {
    return keyLength(lengthsWord(segment, item));
  }

  static int valueLength(MemoryRegion segment, int item) {
    int word = lengthsWord(segment, item);
    return (word & LONG_LENGTHS) != 0
        ? segment.getInt(item + longValueLengthOffset(word)) & MAX_VALUE_LENGTH
        : word & MAX_SHORT_VALUE_LENGTH;
  }

  static boolean isDeleted(MemoryRegion segment, int item) {
    return (lengthsWord(segment, item) & DELETED) != 0;
  }

  static boolean isFar(MemoryRegion segment, int item) {
    return (lengthsWord(segment, item) & FAR) != 0;
  }

  static void markDeleted(MemoryRegion segment, int item) {
    // A plain store: the lengths it leaves unchanged are all a lockless reader looks at here.
    segment.putInt(item + FLAGS_AND_LENGTHS_OFFSET, lengthsWord(segment, item) | DELETED);
  }

  static int keyOffset(MemoryRegion segment, int item) {
    return item + headerLength(lengthsWord(segment, item));
  }

  static int valueOffset(MemoryRegion segment, int item) {
    int word = lengthsWord(segment, item);
    return item + headerLength(word) + keyLength(word);
  }

  /** The size of the item at {@code item}, from its header. */
  static int itemSize(MemoryRegion segment, int item) {
    int word = lengthsWord(segment, item);
    int keyLength = keyLength(word);
    int valueLength = valueLength(segment, item);
    return align(headerLength(word) + keyLength + valueLength);
  }

  /** The segment's base time, from its header. */
  static long baseTime(MemoryRegion segment) {
    return segment.getLong(BASE_TIME_OFFSET);
  }

  /** Sets the base time of a segment being opened, before any item is written to it. */
  static void setBaseTime(MemoryRegion segment, long now) {
    segment.putLong(BASE_TIME_OFFSET, now);
  }

  /** The item's expiry instant in epoch milliseconds, or {@link ByteStore#ETERNAL}. */
  static long expireAt(MemoryRegion segment, int item) {
    int word = lengthsWord(segment, item);
    if ((word & EXPIRES) == 0) {
      return ByteStore.ETERNAL;
    }
    int stored = segment.getInt(item + EXPIRY_OFFSET); // pairs with setExpireAt's volatile store
    if (stored == NEVER_DELTA) {
      return ByteStore.ETERNAL;
    }
    if (stored == FAR_DELTA) {
      return farExpiry(segment, item, word);
    }
    return baseTime(segment) + (stored & UNSIGNED_INT);
  }

  private static long farExpiry(MemoryRegion segment, int item, int word) {
    int at = item + farOffset(word);
    long low = segment.getInt(at) & UNSIGNED_INT;
    long instant = ((long) segment.getInt(at + Integer.BYTES) << Integer.SIZE) | low;
    return isNever(instant) ? ByteStore.ETERNAL : instant;
  }

  /** Writes the far field of an item not yet visible to readers: the instant, never capped. */
  private static void putFarExpiry(MemoryRegion segment, int item, int word, long expireAt) {
    int at = item + farOffset(word);
    long instant = Math.min(expireAt, ByteStore.MAX_INSTANT);
    segment.putInt(at, (int) instant);
    segment.putInt(at + Integer.BYTES, (int) (instant >>> Integer.SIZE));
  }

  /**
   * The expiry word for {@code expireAt} in a segment of base time {@code base}, for an item that
   * is not written far: the delta, or {@link #NEVER_DELTA}; an instant before the base is stored as
   * the base. Throws if the delta does not fit: the caller checked {@link #fits}.
   */
  static int expiryWord(long base, long expireAt) {
    if (isNever(expireAt)) {
      return NEVER_DELTA;
    }
    long delta = Math.max(0, expireAt - base);
    if (delta > MAX_DELTA) {
      throw new IllegalArgumentException(
          "expireAt=" + expireAt + " is beyond base=" + base + " + " + MAX_DELTA);
    }
    return (int) delta;
  }

  /**
   * Whether an item expiring at {@code expireAt} can be written near in segment {@code segment}.
   */
  static boolean fits(MemoryRegion segment, long expireAt) {
    return isNever(expireAt) || expireAt - baseTime(segment) <= MAX_DELTA;
  }

  /**
   * Rewrites the expiry in place if the item's header lets it: one volatile store of the aligned
   * expiry word, so that a reader without the lock sees either instant, never a mix of the two.
   * Returns false, changing nothing, if it cannot (an item without an expiry word given an instant,
   * or an instant the segment's base time puts out of reach): the caller rewrites the item.
   */
  static boolean setExpireAt(MemoryRegion segment, int item, long expireAt) {
    if ((lengthsWord(segment, item) & EXPIRES) == 0) {
      return isNever(expireAt); // never already; any instant needs the word
    }
    if (!fits(segment, expireAt)) {
      return false;
    }
    segment.putIntVolatile(item + EXPIRY_OFFSET, expiryWord(baseTime(segment), expireAt));
    return true;
  }

  /**
   * Writes a whole item at {@code item} with these expiry fields; the caller has checked that it
   * fits the segment's room and, if {@link Expiry#NEAR}, its base time ({@link #fits}).
   */
  static void write(
      MemoryRegion segment, int item, byte[] key, byte[] value, long expireAt, Expiry expiry) {
    int word = lengthsWordFor(key.length, value.length, expiry);
    segment.putInt(item + FLAGS_AND_LENGTHS_OFFSET, word);
    if (expiry != Expiry.NONE) {
      segment.putInt(
          item + EXPIRY_OFFSET,
          expiry == Expiry.FAR ? FAR_DELTA : expiryWord(baseTime(segment), expireAt));
    }
    if ((word & LONG_LENGTHS) != 0) {
      segment.putInt(item + longValueLengthOffset(word), value.length);
    }
    if (expiry == Expiry.FAR) {
      putFarExpiry(segment, item, word, expireAt);
    }
    int keyOffset = item + headerLength(word);
    segment.putBytes(keyOffset, key, 0, key.length);
    segment.putBytes(keyOffset + key.length, value, 0, value.length);
  }

  /** The flags and lengths word of a new item. */
  static int lengthsWordFor(int keyLength, int valueLength, Expiry expiry) {
    int word =
        isLong(keyLength, valueLength)
            ? LONG_LENGTHS | keyLength
            : (keyLength << SHORT_KEY_SHIFT) | valueLength;
    return switch (expiry) {
      case NONE -> word;
      case NEAR -> word | EXPIRES;
      case FAR -> word | EXPIRES | FAR;
    };
  }

  /**
   * Re-encodes the expiry of an item just copied whole into {@code segment} at {@code item}, not
   * yet visible to readers, whose instant is {@code expireAt}: a near item's delta is relative to
   * its segment's base (the caller has checked {@link #fits}); a far item is written back to its
   * far form, its far field holding the instant, since its word may have been touched to a delta
   * from the old segment's base; an item without an expiry word has nothing to re-encode.
   */
  static void rebase(MemoryRegion segment, int item, long expireAt) {
    int word = lengthsWord(segment, item);
    if ((word & FAR) != 0) {
      putFarExpiry(segment, item, word, expireAt);
      segment.putInt(item + EXPIRY_OFFSET, FAR_DELTA);
    } else if ((word & EXPIRES) != 0) {
      segment.putInt(item + EXPIRY_OFFSET, expiryWord(baseTime(segment), expireAt));
    }
  }

  static byte[] key(MemoryRegion segment, int item) {
    return copy(segment, keyOffset(segment, item), keyLength(segment, item));
  }

  static byte[] value(MemoryRegion segment, int item) {
    return copy(segment, valueOffset(segment, item), valueLength(segment, item));
  }

  /** Copies bytes out, checking the range before allocating: a racing read may see any length. */
  private static byte[] copy(MemoryRegion segment, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, segment.size());
    byte[] bytes = new byte[length];
    segment.getBytes(offset, bytes, 0, length);
    return bytes;
  }

  /** Whether the item's key equals {@code key}. Bounds-checked: safe on a racing read. */
  static boolean keyEquals(MemoryRegion segment, int item, byte[] key) {
    int word = lengthsWord(segment, item);
    return keyLength(word) == key.length && segment.contentEquals(item + headerLength(word), key);
  }

  /** Whether the item's value equals {@code value}. */
  static boolean valueEquals(MemoryRegion segment, int item, byte[] value) {
    return valueLength(segment, item) == value.length
        && segment.contentEquals(valueOffset(segment, item), value);
  }
}
