package io.cairn.engine.segment;

import io.cairn.engine.memory.MemoryRegion;

/**
 * What a read does with the live item it found. May run under the optimistic protocol: it must only
 * read, and its result is discarded if the read turns out to have raced a writer.
 */
@FunctionalInterface
interface ItemVisitor {

  /**
   * Visits the item at {@code item} in {@code segment}, which expires at {@code expireAt} and has
   * the version {@code version} (see {@link SegmentTable#version}). The {@code argument} is the one
   * the caller passed to {@link Shard#read}, so that a visitor needing one (a user's reader) can be
   * a constant instead of a lambda allocated on every read.
   */
  Object visit(MemoryRegion segment, int item, long expireAt, long version, Object argument);
}
