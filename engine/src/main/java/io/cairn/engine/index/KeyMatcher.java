package io.cairn.engine.index;

/**
 * Resolves slots to the items they point at, which live outside the index. Internal.
 *
 * <p>Called under the optimistic read protocol as well as under the lock: implementations must
 * tolerate slots that point at stale or rewritten items and answer {@code false} (or throw {@link
 * IndexOutOfBoundsException}) rather than read out of bounds.
 */
public interface KeyMatcher extends SlotMatcher {

  /** The full hash of the key of the item {@code slot} points at; used when the index grows. */
  long hashOf(long slot);
}
