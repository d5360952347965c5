package io.cairn.engine.segment;

import static io.cairn.engine.index.HashIndex.NOT_FOUND;

import io.cairn.engine.RemovalCause;
import io.cairn.engine.memory.MemoryRegion;

/**
 * Eager expiry of one shard: every segment whose earliest item has expired is swept, its expired
 * items removed and reported, and its expiry range narrowed to what is left; a sealed segment left
 * with no live item is emptied. Nothing is copied, so a pass needs no room and cannot fail for lack
 * of it; a segment left sparse by expiry is the {@link Cleaner}'s to compact.
 *
 * <p>Threading: called under the shard's writers' lock.
 */
final class Sweeper {

  private Sweeper() {}

  /** Reclaims what has expired by {@code now} in {@code shard}. */
  static void expire(Shard shard, long now) {
    SegmentTable segments = shard.segments();
    for (int id = 0; id < segments.size(); id++) {
      if (segments.holdsItems(id) && segments.minExpiry(id) <= now) {
        sweep(shard, segments, id, now);
      }
    }
  }

  private static void sweep(Shard shard, SegmentTable segments, int id, long now) {
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    MemoryRegion segment = segments.region(id);
    int end = segments.writeOffset(id);
    for (int item = ItemDescriptor.FIRST_ITEM_OFFSET;
        item < end;
        item += ItemDescriptor.itemSize(segment, item)) {
      if (ItemDescriptor.isDeleted(segment, item)) {
        continue;
      }
      long expireAt = ItemDescriptor.expireAt(segment, item);
      if (expireAt > now) {
        min = Math.min(min, expireAt);
        max = Math.max(max, expireAt);
        continue;
      }
      // Only expired items are hashed and looked up: a live one is known by its deleted flag.
      long position = shard.positionOf(shard.hashOfItem(segment, item), id, item);
      if (position != NOT_FOUND) {
        shard.delete(position, RemovalCause.EXPIRED);
      }
    }
    if (segments.liveItems(id) == 0 && segments.state(id) == SegmentTable.SEALED) {
      shard.closeEmpty(id);
    } else {
      segments.setExpiryRange(id, min, max);
    }
  }
}
