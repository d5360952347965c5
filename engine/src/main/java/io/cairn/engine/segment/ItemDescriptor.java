package io.cairn.engine.segment;

import io.cairn.engine.ByteStore;
import io.cairn.engine.memory.MemoryRegion;
import java.util.Objects;

/**
 * Layout of an item in a segment: a 12-byte header, the key, the value, padding to 8 bytes.
 *
 * <pre>
 *   0                             6         8                   12
 *   +-----------------------------+---------+-------------------+--------+----------+-----+
 *   |        expiry (48 bit)      | key len | flags | value len |  key   |  value   | pad |
 *   |                             | 16 bit  | 8 bit |  24 bit   |        |          |     |
 *   +-----------------------------+---------+-------------------+--------+----------+-----+
 *   \_______ one 64-bit word: bits 0-47 expiry, 48-63 key length ______/
 * </pre>
 *
 * <p>The expiry is the exact instant in epoch milliseconds, 48 bits wide (good until the year
 * 10889); {@link #NEVER} stands for {@link ByteStore#ETERNAL}. It shares an aligned 64-bit word
 * with the key length, so that rewriting it in place (JCache's access and update expiry) is one
 * atomic store, which a reader holding no lock sees whole or not at all. Flags mark an item deleted
 * once its slot no longer points at it, so that walks over a segment skip it.
 */
final class ItemDescriptor {

  /** Offset of the 64-bit word holding the expiry (low 48 bits) and the key length (high 16). */
  static final int EXPIRY_AND_KEY_LENGTH_OFFSET = 0;

  /** Offset of the int holding flags (top 8 bits) and the value length (low 24 bits). */
  static final int FLAGS_AND_VALUE_LENGTH_OFFSET = EXPIRY_AND_KEY_LENGTH_OFFSET + Long.BYTES;

  /** Bytes before the key. */
  static final int HEADER_LENGTH = FLAGS_AND_VALUE_LENGTH_OFFSET + Integer.BYTES;

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

  /** Where the key length sits in the expiry word. */
  static final int KEY_LENGTH_SHIFT = 48;

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
    return keyLength(segment.getLong(item + EXPIRY_AND_KEY_LENGTH_OFFSET));
  }

  /** The key length held in an expiry word. */
  static int keyLength(long expiryWord) {
    return (int) (expiryWord >>> KEY_LENGTH_SHIFT);
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
    long stored = segment.getLong(item + EXPIRY_AND_KEY_LENGTH_OFFSET) & NEVER;
    return stored == NEVER ? ByteStore.ETERNAL : stored;
  }

  /**
   * Rewrites the expiry in place: one volatile store of the whole word, so that a reader without
   * the lock sees either instant, never a mix of the two.
   */
  static void setExpireAt(MemoryRegion segment, int item, long expireAt) {
    long word = segment.getLong(item + EXPIRY_AND_KEY_LENGTH_OFFSET);
    segment.putLongVolatile(
        item + EXPIRY_AND_KEY_LENGTH_OFFSET, (word & ~NEVER) | Math.min(expireAt, NEVER));
  }

  /** The expiry word of an item with this key length and expiry. */
  static long expiryWord(int keyLength, long expireAt) {
    return ((long) keyLength << KEY_LENGTH_SHIFT) | Math.min(expireAt, NEVER);
  }

  /** Writes a whole item at {@code item}; the caller has checked that it fits. */
  static void write(MemoryRegion segment, int item, byte[] key, byte[] value, long expireAt) {
    segment.putLong(item + EXPIRY_AND_KEY_LENGTH_OFFSET, expiryWord(key.length, expireAt));
    segment.putInt(item + FLAGS_AND_VALUE_LENGTH_OFFSET, value.length);
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
