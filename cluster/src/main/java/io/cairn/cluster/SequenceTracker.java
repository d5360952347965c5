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
 * <p>A sender numbers each cache's messages from 1, so a first number heard above 1 is a gap too:
 * this member joined after the sender began, or lost the first ones. Only after this member cleared
 * every clustered cache ({@link #resynchronize}, on a merge) is any next number taken as it comes.
 *
 * <p>Threading: thread-safe; guarded by this.
 *
 * @param <A> the type of sender addresses
 */
final class SequenceTracker<A> {
  /** A cache name no cache has (JCache names are never null; "" is refused by no one, so "\0"). */
  private static final String ANY = "\0any";

  // guarded by this
  private final Map<A, Map<String, Long>> last = new HashMap<>();

  /**
   * Records that {@code sender} sent {@code sequence} for {@code cache}; returns whether it does
   * not follow the last number heard (a gap, a repeat or a step back), in which case the cache may
   * have missed an invalidation.
   */
  synchronized boolean arrivedWithGap(A sender, String cache, long sequence) {
    Map<String, Long> caches = last.computeIfAbsent(sender, s -> new HashMap<>());
    Long previous = caches.put(cache, sequence);
    if (previous == null) {
      return sequence != 1 && !caches.containsKey(ANY);
    }
    return sequence != previous + 1;
  }

  /**
   * Takes the next number of every sender and cache as it comes: for after every clustered cache
   * was cleared, when nothing missed before can be served any more.
   */
  synchronized void resynchronize(Collection<A> senders) {
    for (A sender : senders) {
      Map<String, Long> caches = new HashMap<>();
      caches.put(ANY, 0L);
      last.put(sender, caches);
    }
  }

  /** Forgets the senders of {@code departed}: numbers they send again start afresh. */
  synchronized void forget(Collection<A> departed) {
    departed.forEach(last::remove);
  }

  /** The last number heard from {@code sender} for {@code cache}, or 0. */
  synchronized long last(A sender, String cache) {
    Objects.requireNonNull(sender, "sender");
    return last.getOrDefault(sender, Map.of()).getOrDefault(cache, 0L);
  }
}
