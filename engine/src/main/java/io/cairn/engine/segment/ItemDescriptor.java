package io.cairn.engine.segment;

import io.cairn.engine.ByteStore;
import io.cairn.engine.memory.MemoryRegion;
import java.util.Objects;

/**
 * Layout of an item in a segment: a 12-byte header, the key, the value, padding to 8 bytes.
 *
 * <pre>
 *   0                   4         6         8                   12
 *   +-------------------+---------+---------+-------------------+--------+----------+-----+
 *   | flags | value len | key len | expiry  |   expiry (low)    |  key   |  value   | pad |
 *   | 8 bit |  24 bit   | 16 bit  | (high16)|      32 bit       |        |          |     |
 *   +-------------------+---------+---------+-------------------+--------+----------+-----+
 * </pre>
 *
 * <p>The expiry is the exact instant in epoch milliseconds, 48 bits wide (good until the year
 * 10889); {@link #NEVER} stands for {@link ByteStore#ETERNAL}. It can be rewritten in place, which
 * is how JCache's access and update expiry change an entry without copying its value. Flags mark an
 * item deleted once its slot no longer points at it, so that walks over a segment skip it.
 */
final class ItemDescriptor {

  /** Offset of the int holding flags (top 8 bits) and the value length (low 24 bits). */
  static final int FLAGS_AND_VALUE_LENGTH_OFFSET = 0;

  /** Offset of the unsigned 16-bit key length. */
  static final int KEY_LENGTH_OFFSET = FLAGS_AND_VALUE_LENGTH_OFFSET + Integer.BYTES;

  /** Offset of the expiry's high 16 bits. */
  static final int EXPIRY_HIGH_OFFSET = KEY_LENGTH_OFFSET + Short.BYTES;

  /** Offset of the expiry's low 32 bits. */
  static final int EXPIRY_LOW_OFFSET = EXPIRY_HIGH_OFFSET + Short.BYTES;

  /** Bytes before the key. */
  static final int HEADER_LENGTH = EXPIRY_LOW_OFFSET + Integer.BYTES;

  /** Items start on 8-byte boundaries, so an index slot can address them in 8-byte units. */
  static final int ALIGNMENT = 8;

  /** The longest key: what 16 bits of length can say. */
  static final int MAX_KEY_LENGTH = 0xFFFF;

  /** The longest value: what 24 bits of length can say (segments are smaller still). */
  static final int MAX_VALUE_LENGTH = (1 << 24) - 1;

  /** The stored expiry that means never: all 48 bits set. */
  static final long NEVER = ByteStore.MAX_INSTANT;

  /** Flag: the item is no longer referenced by the index. */
  static final int DELETED = 1 << 24;

  private static final int VALUE_LENGTH_MASK = MAX_VALUE_LENGTH;

  private ItemDescriptor() {}

  /** The aligned size of an item with these lengths. */
  static int itemSize(int keyLength, int valueLength) {
    return align(HEADER_LENGTH + keyLength + valueLength);
  }

  static int align(int length) {
    return (length + ALIGNMENT - 1) & -ALIGNMENT;
  }

  static int valueLength(MemoryRegion segment, int item) {
    return segment.getInt(item + FLAGS_AND_VALUE_LENGTH_OFFSET) & VALUE_LENGTH_MASK;
  }

  static boolean isDeleted(MemoryRegion segment, int item) {
    return (segment.getInt(item + FLAGS_AND_VALUE_LENGTH_OFFSET) & DELETED) != 0;
  }

  static void markDeleted(MemoryRegion segment, int item) {
    int word = segment.getInt(item + FLAGS_AND_VALUE_LENGTH_OFFSET);
    segment.putInt(item + FLAGS_AND_VALUE_LENGTH_OFFSET, word | DELETED);
  }

  static int keyLength(MemoryRegion segment, int item) {
    return segment.getShort(item + KEY_LENGTH_OFFSET) & 0xFFFF;
  }

  static int keyOffset(int item) {
    return item + HEADER_LENGTH;
  }

  static int valueOffset(int item, int keyLength) {
    return item + HEADER_LENGTH + keyLength;
  }

  /** The size of the item at {@code item}, from its header. */
  static int itemSize(MemoryRegion segment, int item) {
    return itemSize(keyLength(segment, item), valueLength(segment, item));
  }

  /** The item's expiry instant in epoch milliseconds, or {@link ByteStore#ETERNAL}. */
  static long expireAt(MemoryRegion segment, int item) {
    long high = segment.getShort(item + EXPIRY_HIGH_OFFSET) & 0xFFFFL;
    long low = segment.getInt(item + EXPIRY_LOW_OFFSET) & 0xFFFF_FFFFL;
    long stored = (high << 32) | low;
    return stored == NEVER ? ByteStore.ETERNAL : stored;
  }

  static void setExpireAt(MemoryRegion segment, int item, long expireAt) {
    long stored = Math.min(expireAt, NEVER);
    segment.putShort(item + EXPIRY_HIGH_OFFSET, (short) (stored >>> 32));
    segment.putInt(item + EXPIRY_LOW_OFFSET, (int) stored);
  }

  /** Writes a whole item at {@code item}; the caller has checked that it fits. */
  static void write(MemoryRegion segment, int item, byte[] key, byte[] value, long expireAt) {
    segment.putInt(item + FLAGS_AND_VALUE_LENGTH_OFFSET, value.length);
    segment.putShort(item + KEY_LENGTH_OFFSET, (short) key.length);
    setExpireAt(segment, item, expireAt);
    segment.putBytes(keyOffset(item), key, 0, key.length);
    segment.putBytes(valueOffset(item, key.length), value, 0, value.length);
  }

  static byte[] key(MemoryRegion segment, int item) {
    return copy(segment, keyOffset(item), keyLength(segment, item));
  }

  static byte[] value(MemoryRegion segment, int item) {
    int keyLength = keyLength(segment, item);
    return copy(segment, valueOffset(item, keyLength), valueLength(segment, item));
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
    return keyLength(segment, item) == key.length && segment.contentEquals(keyOffset(item), key);
  }

  /** Whether the item's value equals {@code value}. */
  static boolean valueEquals(MemoryRegion segment, int item, byte[] value) {
    return valueLength(segment, item) == value.length
        && segment.contentEquals(valueOffset(item, keyLength(segment, item)), value);
  }
}
