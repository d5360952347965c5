package io.cairn.engine.segment;

import io.cairn.engine.memory.MemoryRegion;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * Items kept by the {@link Cleaner} or a copying eviction (MERGE, S3-FIFO, TINYLFU), staged on the
 * heap while the segments they came from are emptied, then written back. Each keeps its exact bytes
 * (header with its expiry, key, value), the position of its index slot, and the read count it will
 * carry.
 *
 * <p>Staging on the heap lets a victim segment be emptied and reused as the survivors' destination,
 * so an eviction never needs a spare segment. Confined to the thread holding the shard lock.
 */
final class Survivors {

  /** Staged items keep the native byte order they were written in. */
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, MemoryRegion.ORDER);

  private static final VarHandle INTS =
      MethodHandles.byteArrayViewVarHandle(int[].class, MemoryRegion.ORDER);

  private byte[] bytes = new byte[1024];
  private int used;
  private long[] positions = new long[16];
  private int[] offsets = new int[16];
  private int[] sizes = new int[16];
  private int[] frequencies = new int[16];
  private int[] lanes = new int[16];
  private int count;

  void clear() {
    used = 0;
    count = 0;
  }

  int count() {
    return count;
  }

  /** Stages the item at {@code item} of {@code segment}, whose slot is at {@code position}. */
  void add(MemoryRegion segment, int item, int size, long position, int frequency, int lane) {
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
    }
    segment.getBytes(item, bytes, used, size);
    positions[count] = position;
    offsets[count] = used;
    sizes[count] = size;
    frequencies[count] = frequency;
    lanes[count] = lane;
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

  /** Writes survivor {@code i}'s bytes to {@code segment} at {@code at}. */
  void writeTo(int i, MemoryRegion segment, int at) {
    segment.putBytes(at, bytes, offsets[i], sizes[i]);
  }

  private int keyLength(int i) {
    return ItemDescriptor.keyLength(
        (long) LONGS.get(bytes, offsets[i] + ItemDescriptor.EXPIRY_AND_KEY_LENGTH_OFFSET));
  }

  /** A copy of survivor {@code i}'s key. */
  byte[] key(int i) {
    int keyLength = keyLength(i);
    int from = offsets[i] + ItemDescriptor.HEADER_LENGTH;
    return Arrays.copyOfRange(bytes, from, from + keyLength);
  }

  /** A copy of survivor {@code i}'s value. */
  byte[] value(int i) {
    int keyLength = keyLength(i);
    int valueLength =
        (int) INTS.get(bytes, offsets[i] + ItemDescriptor.FLAGS_AND_VALUE_LENGTH_OFFSET)
            & ItemDescriptor.MAX_VALUE_LENGTH;
    int from = offsets[i] + ItemDescriptor.HEADER_LENGTH + keyLength;
    return Arrays.copyOfRange(bytes, from, from + valueLength);
  }
}
