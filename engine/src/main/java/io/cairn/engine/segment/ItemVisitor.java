package io.cairn.engine.segment;

import io.cairn.engine.memory.MemoryRegion;

/**
 * What a read does with the live item it found. May run under the optimistic protocol: it must only
 * read, and its result is discarded if the read turns out to have raced a writer.
 */
@FunctionalInterface
interface ItemVisitor {

  /** Visits the item at {@code item} in {@code segment}, which expires at {@code expireAt}. */
  Object visit(MemoryRegion segment, int item, long expireAt);
}
