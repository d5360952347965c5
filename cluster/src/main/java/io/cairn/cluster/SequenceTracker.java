package io.cairn.cluster;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The last sequence number heard from each sender for each cache, to notice a lost message: JGroups
 * delivers a member's messages reliably and in order while both stay in one view, so a number that
 * does not follow the last one means something was lost on the way (a view change, a merge, a
 * protocol that dropped it), and the cache must be cleared, for it may have missed an invalidation.
 *
 * <p>The first number heard from a sender for a cache is taken as it comes: a member receives what
 * was sent while it was in the sender's view, and when it joined, its caches held nothing the
 * earlier messages concerned (a member that left and came back went through a merge, which clears).
 *
 * <p>Threading: thread-safe; guarded by this.
 *
 * @param <A> the type of sender addresses
 */
final class SequenceTracker<A> {
  // guarded by this
  private final Map<A, Map<String, Long>> last = new HashMap<>();

  /**
   * Records that {@code sender} sent {@code sequence} for {@code cache}; returns whether it does
   * not follow the last number heard (a gap, a repeat or a step back), in which case the cache may
   * have missed an invalidation.
   */
  synchronized boolean arrivedWithGap(A sender, String cache, long sequence) {
    Long previous = last.computeIfAbsent(sender, s -> new HashMap<>()).put(cache, sequence);
    return previous != null && sequence != previous + 1;
  }

  /** Forgets the senders of {@code departed}: numbers they send again start afresh. */
  synchronized void forget(Collection<A> departed) {
    departed.forEach(last::remove);
  }

  /** Forgets every sender but those of {@code kept}. */
  synchronized void retainOnly(Collection<A> kept) {
    last.keySet().removeIf(sender -> !kept.contains(sender));
  }

  /** The last number heard from {@code sender} for {@code cache}, or 0. */
  synchronized long last(A sender, String cache) {
    Objects.requireNonNull(sender, "sender");
    return last.getOrDefault(sender, Map.of()).getOrDefault(cache, 0L);
  }
}
