package io.cairn.engine.segment;

import io.cairn.engine.index.HashIndex;
import io.cairn.engine.index.IndexDescriptor;
import io.cairn.engine.memory.MemoryRegion;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * Items kept by the {@link Cleaner} or a copying eviction (MERGE, S3-FIFO, TINYLFU), staged on the
 * heap while the segments they came from are emptied, then written back. Each keeps its exact bytes
 * (header with its expiry, key, value), the position of its index slot, and the read count it will
 * carry. A large segment's item is never copied: it is kept in place, and only its segment moves to
 * the survivors' pool ({@link #moveInPlace}).
 *
 * <p>Staging on the heap lets a victim segment be emptied and reused as the survivors' destination,
 * so an eviction never needs a spare segment. Confined to the thread holding the shard lock.
 */
final class Survivors {

  /** Staged items keep the native byte order they were written in. */
  private static final VarHandle INTS =
      MethodHandles.byteArrayViewVarHandle(int[].class, MemoryRegion.ORDER);

  private final SegmentTable segments;
  private byte[] bytes = new byte[1024];
  private int used;
  private long[] positions = new long[16];
  private int[] offsets = new int[16];
  private int[] sizes = new int[16];
  private int[] frequencies = new int[16];
  private int[] lanes = new int[16];
  private long[] expiries = new long[16]; // exact instants: a near item's delta is per segment
  private int count;
  private long[] inPlace = new long[4]; // large segment id, then its item's slot position
  private int[] inPlaceFrequencies = new int[2];
  private int inPlaceCount;

  Survivors(SegmentTable segments) {
    this.segments = segments;
  }

  void clear() {
    used = 0;
    count = 0;
    inPlaceCount = 0;
  }

  /** How many items are staged on the heap. */
  int count() {
    return count;
  }

  /**
   * Keeps the live item at {@code item} of victim {@code id}, whose slot is at {@code position},
   * with read count {@code frequency}, to go back to TTL lane {@code lane}: staged on the heap, or,
   * the item of a large segment, left in place.
   */
  void keep(int id, MemoryRegion segment, int item, int size, long position, int freq, int lane) {
    if (!segments.isLarge(id)) {
      add(segment, item, size, position, freq, lane);
      return;
    }
    if (inPlaceCount == inPlaceFrequencies.length) {
      inPlace = Arrays.copyOf(inPlace, inPlace.length * 2);
      inPlaceFrequencies = Arrays.copyOf(inPlaceFrequencies, inPlaceCount * 2);
    }
    inPlace[2 * inPlaceCount] = id;
    inPlace[2 * inPlaceCount + 1] = position;
    inPlaceFrequencies[inPlaceCount++] = freq;
  }

  /**
   * Moves each large segment kept in place to {@code pool} as its newest, and gives its item's slot
   * in {@code index} the read count it carries.
   */
  void moveInPlace(byte pool, HashIndex index) {
    for (int i = 0; i < inPlaceCount; i++) {
      segments.moveToPool((int) inPlace[2 * i], pool);
      long position = inPlace[2 * i + 1];
      index.set(
          position, IndexDescriptor.withFrequency(index.slotAt(position), inPlaceFrequencies[i]));
    }
  }

  /** Stages the item at {@code item} of {@code segment}, whose slot is at {@code position}. */
  private void add(
      MemoryRegion segment, int item, int size, long position, int frequency, int lane) {
    if (used + size > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, used + size));
    }
    if (count == positions.length) {
      int n = count * 2;
      positions = Arrays.copyOf(positions, n);
      offsets = Arrays.copyOf(offsets, n);
      sizes = Arrays.copyOf(sizes, n);
      frequencies = Arrays.copyOf(frequencies, n);
      lanes = Arrays.copyOf(lanes, n);
      expiries = Arrays.copyOf(expiries, n);
    }
    segment.getBytes(item, bytes, used, size);
    positions[count] = position;
    offsets[count] = used;
    sizes[count] = size;
    frequencies[count] = frequency;
    lanes[count] = lane;
    expiries[count] = ItemDescriptor.expireAt(segment, item);
    used += size;
    count++;
  }

  long position(int i) {
    return positions[i];
  }

  int size(int i) {
    return sizes[i];
  }

  int frequency(int i) {
    return frequencies[i];
  }

  /** The TTL lane survivor {@code i} goes back to. */
  int lane(int i) {
    return lanes[i];
  }

  /** Survivor {@code i}'s exact expiry instant. */
  long expireAt(int i) {
    return expiries[i];
  }

  /** Whether survivor {@code i} carries its expiry whole (far), fitting any segment. */
  boolean isFar(int i) {
    return (lengthsWord(i) & ItemDescriptor.FAR) != 0;
  }

  /**
   * Writes survivor {@code i}'s bytes to {@code segment} at {@code at}, its expiry re-encoded for
   * that segment's base time; the caller checked that it fits ({@link ItemDescriptor#fits}).
   */
  void writeTo(int i, MemoryRegion segment, int at) {
    segment.putBytes(at, bytes, offsets[i], sizes[i]);
    ItemDescriptor.rebase(segment, at, expiries[i]);
  }

  private int lengthsWord(int i) {
    return (int) INTS.get(bytes, offsets[i] + ItemDescriptor.FLAGS_AND_LENGTHS_OFFSET);
  }

  private int valueLength(int i) {
    int word = lengthsWord(i);
    int longLength =
        (word & ItemDescriptor.LONG_LENGTHS) != 0
            ? (int) INTS.get(bytes, offsets[i] + ItemDescriptor.longValueLengthOffset(word))
            : 0;
    return ItemDescriptor.valueLength(word, longLength);
  }

  /** A copy of survivor {@code i}'s key. */
  byte[] key(int i) {
    int word = lengthsWord(i);
    int from = offsets[i] + ItemDescriptor.headerLength(word);
    return Arrays.copyOfRange(bytes, from, from + ItemDescriptor.keyLength(word));
  }

  /** A copy of survivor {@code i}'s value. */
  byte[] value(int i) {
    int word = lengthsWord(i);
    int from = offsets[i] + ItemDescriptor.headerLength(word) + ItemDescriptor.keyLength(word);
    return Arrays.copyOfRange(bytes, from, from + valueLength(i));
  }
}
