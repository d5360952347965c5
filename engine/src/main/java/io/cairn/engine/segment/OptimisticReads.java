package io.cairn.engine.segment;

import static io.cairn.engine.index.HashIndex.NOT_FOUND;

import io.cairn.engine.index.HashIndex;
import io.cairn.engine.index.IndexDescriptor;
import io.cairn.engine.index.SlotMatcher;
import io.cairn.engine.memory.MemoryRegion;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A shard's reads: the optimistic protocol, validated against the stamp of the one segment read
 * ({@link SegmentTable}, "Stamps") and the identity of the index table, and the read under the
 * shard's read lock that {@link Shard#read} falls back to. Split from {@link Shard}, which owns the
 * retry loop and the locks; this class keeps no mutable state.
 *
 * <p>Threading: {@link #tryRead} holds no lock and runs beside writers; {@link #readLocked} runs
 * under the read lock of the shard's {@code moves}, with no move running.
 */
final class OptimisticReads {

  /** An optimistic read may have seen bytes in flux and must be tried again. */
  static final Object RETRY = new Object();

  private final HashIndex index;
  private final SegmentTable segments;
  private final SlotMatcher lockedMatcher;
  private final int maxFrequency; // 0 when the policy does not count reads
  private final SlotMatcher optimisticMatcher = this::matchesSettled;

  OptimisticReads(
      HashIndex index, SegmentTable segments, SlotMatcher lockedMatcher, int maxFrequency) {
    this.index = index;
    this.segments = segments;
    this.lockedMatcher = lockedMatcher;
    this.maxFrequency = maxFrequency;
  }

  /**
   * One optimistic try: the result, or {@link #RETRY} when the read may have seen bytes in flux.
   *
   * <p>A hit is valid when the stamp of the item's segment was even and unchanged around the read
   * of the item, the slot still points at it afterwards, and the index table is the one searched:
   * the bytes were then the item of a slot during the read. A miss is valid when no segment was
   * unsettled and the table did not change during the lookup: {@link #optimisticMatcher} counts a
   * slot into an unsettled segment, or one whose stamp changed as it compared, as a match, which
   * this method then retries, so a miss is never the product of bytes in flux.
   */
  Object tryRead(byte[] key, long hash, long now, ItemVisitor visitor, Object argument) {
    Object table = index.generation();
    long unsettles = segments.unsettles();
    long position;
    try {
      position = index.find(hash, key, optimisticMatcher);
    } catch (RuntimeException e) {
      return settled(table, unsettles) ? rethrow(e) : RETRY;
    }
    if (position == NOT_FOUND) {
      return settled(table, unsettles) ? Shard.MISS : RETRY;
    }
    long slot = index.slotAt(position);
    int id = IndexDescriptor.segment(slot);
    AtomicLong stamp = segments.stamp(id);
    if (slot == 0 || stamp == null || index.generation() != table) {
      return RETRY; // removed since it was found, or found in a table replaced since
    }
    long before = stamp.getAcquire();
    if ((before & 1) != 0) {
      return RETRY; // the segment is being emptied or rewritten
    }
    Object result;
    try {
      MemoryRegion segment = segments.region(id);
      int item = IndexDescriptor.offset(slot);
      if (segment == null || !ItemDescriptor.keyEquals(segment, item, key)) {
        return RETRY; // matched as unsure (see above): the slot holds another key or moved
      }
      long expireAt = ItemDescriptor.expireAt(segment, item);
      result =
          expireAt <= now
              ? Shard.EXPIRED
              : visitor.visit(segment, item, expireAt, segments.version(id, item), argument);
    } catch (RuntimeException e) {
      return unchanged(stamp, before, position, slot, table) ? rethrow(e) : RETRY;
    }
    if (!unchanged(stamp, before, position, slot, table)) {
      return RETRY;
    }
    if (result != Shard.EXPIRED && maxFrequency > 0) {
      index.incrementFrequency(position, slot, maxFrequency);
    }
    return result;
  }

  /** Whether the index table is still {@code table} and no segment was unsettled since. */
  private boolean settled(Object table, long unsettles) {
    VarHandle.acquireFence(); // orders the reads before it with the loads below
    return segments.unsettles() == unsettles && index.generation() == table;
  }

  /**
   * Whether the item of {@code slot} read under {@code stamp}'s value {@code before} was stable:
   * the stamp unchanged, the table the same and its slot at {@code position} still at the item.
   */
  private boolean unchanged(AtomicLong stamp, long before, long position, long slot, Object table) {
    VarHandle.acquireFence(); // orders the item reads before it with the loads below
    if (stamp.get() != before || index.generation() != table) {
      return false;
    }
    long now = index.slotAt(position);
    return IndexDescriptor.location(now) == IndexDescriptor.location(slot)
        && IndexDescriptor.tag(now) == IndexDescriptor.tag(slot);
  }

  private static Object rethrow(RuntimeException e) {
    throw e; // a consistent view: the failure is real
  }

  /**
   * Matches slots for optimistic readers: a real comparison of keys while the slot's segment is
   * settled and stays so, otherwise a match, so that the reader checks the item again under its
   * segment's stamp (and retries) instead of trusting a comparison of bytes in flux.
   */
  private boolean matchesSettled(long slot, byte[] key) {
    int id = IndexDescriptor.segment(slot);
    AtomicLong stamp = segments.stamp(id);
    if (stamp == null) {
      return true;
    }
    long before = stamp.getAcquire();
    if ((before & 1) != 0) {
      return true;
    }
    boolean equal;
    try {
      MemoryRegion segment = segments.region(id);
      equal =
          segment != null && ItemDescriptor.keyEquals(segment, IndexDescriptor.offset(slot), key);
    } catch (RuntimeException e) {
      return true;
    }
    VarHandle.acquireFence();
    return equal || stamp.get() != before;
  }

  /** A read under the read lock: no move runs, so every segment's bytes are what slots say. */
  Object readLocked(byte[] key, long hash, long now, ItemVisitor visitor, Object argument) {
    long position = index.find(hash, key, lockedMatcher);
    if (position == NOT_FOUND) {
      return Shard.MISS;
    }
    long slot = index.slotAt(position);
    MemoryRegion segment = segments.region(IndexDescriptor.segment(slot));
    int item = IndexDescriptor.offset(slot);
    // Read again since find matched: a remove of the key and an insert of another, no move, may
    // have put another key's slot here. The key was absent in between, so a miss is the answer.
    if (slot == 0 || segment == null || !ItemDescriptor.keyEquals(segment, item, key)) {
      return Shard.MISS;
    }
    long expireAt = ItemDescriptor.expireAt(segment, item);
    if (expireAt <= now) {
      return Shard.EXPIRED;
    }
    if (maxFrequency > 0) {
      index.incrementFrequency(position, slot, maxFrequency);
    }
    int id = IndexDescriptor.segment(slot);
    return visitor.visit(segment, item, expireAt, segments.version(id, item), argument);
  }
}
