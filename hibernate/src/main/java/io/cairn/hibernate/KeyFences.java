package io.cairn.hibernate;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fences of one region's keys on this node: which members are invalidating a key now (begun,
 * not ended), and when its last invalidation ended here. A put-from-load whose load began at or
 * before that end, or while any invalidation of its key is open, may not store (the rule of
 * Infinispan's {@code PutFromLoadValidator}): it may have read the row before the change that the
 * invalidation announced.
 *
 * <p>A region-wide floor stands for every end forgotten to bound memory and for clears: a load that
 * began at or before the floor may not store either.
 *
 * <p>Threading: thread-safe. Every decision about a key and the cache change it guards run together
 * under the key's stripe monitor (the cache change is a local store or removal, never user code or
 * network); the floor is monotonic and read without a lock, with a re-check after a store.
 */
final class KeyFences {
  /** Stripes of key monitors: enough that unrelated keys rarely wait on each other. */
  private static final int STRIPES = 64;

  /** Fences kept before the ended ones are folded into the floor. */
  private static final int MAX_FENCES = 10_000;

  private final Object[] stripes = new Object[STRIPES];
  private final ConcurrentMap<Object, Fence> fences = new ConcurrentHashMap<>();
  private final AtomicLong floor = new AtomicLong(Long.MIN_VALUE);

  KeyFences() {
    for (int i = 0; i < STRIPES; i++) {
      stripes[i] = new Object();
    }
  }

  /**
   * Runs {@code store} unless a load that began at {@code loadStart} is fenced for {@code key};
   * undoes it with {@code drop} if a clear overtook it. Returns whether the value stayed.
   */
  boolean putFromLoad(Object key, long loadStart, Runnable store, Runnable drop) {
    synchronized (stripe(key)) {
      Fence fence = fences.get(key);
      if (loadStart <= floor.get()
          || fence != null && (!fence.open.isEmpty() || loadStart <= fence.lastEnd)) {
        return false;
      }
      store.run();
    }
    // A clear raises the floor before it empties the cache: it either removed our value or we see
    // it.
    if (loadStart <= floor.get()) {
      drop.run();
      return false;
    }
    return true;
  }

  /**
   * Runs {@code store} (a write of this node's transaction: a soft lock, the committed state) if no
   * member but {@code self} is invalidating {@code key}, else {@code drop}.
   */
  void putOwn(Object self, Object key, Runnable store, Runnable drop) {
    synchronized (stripe(key)) {
      Fence fence = fences.get(key);
      boolean others = fence != null && fence.open.keySet().stream().anyMatch(m -> !m.equals(self));
      (others ? drop : store).run();
    }
  }

  /** {@code member} begins an invalidation of {@code key}: marks it, then runs {@code drop}. */
  void begin(Object member, Object key, Runnable drop) {
    synchronized (stripe(key)) {
      fences.computeIfAbsent(key, k -> new Fence()).open.merge(member, 1, Integer::sum);
      drop.run();
    }
  }

  /** {@code member} ended an invalidation of {@code key} at {@code now}: lifts one mark. */
  void end(Object member, Object key, long now) {
    synchronized (stripe(key)) {
      Fence fence = fences.computeIfAbsent(key, k -> new Fence());
      fence.open.computeIfPresent(member, (m, count) -> count == 1 ? null : count - 1);
      fence.lastEnd = Math.max(fence.lastEnd, now);
    }
    if (fences.size() > MAX_FENCES) {
      foldEnded();
    }
  }

  /** {@code key} was invalidated at once (begun and ended) at {@code now}: runs {@code drop}. */
  void dropped(Object key, long now, Runnable drop) {
    synchronized (stripe(key)) {
      Fence fence = fences.computeIfAbsent(key, k -> new Fence());
      fence.lastEnd = Math.max(fence.lastEnd, now);
      drop.run();
    }
  }

  /** Fences every load that began at or before {@code now}; the caller then empties the cache. */
  void raiseFloor(long now) {
    floor.accumulateAndGet(now, Math::max);
  }

  /** Forgets the open invalidations of {@code members} (they left) and fences loads before now. */
  void forget(Set<?> members, long now) {
    raiseFloor(now);
    for (Object key : fences.keySet()) {
      synchronized (stripe(key)) {
        fences.computeIfPresent(
            key,
            (k, fence) -> {
              fence.open.keySet().removeAll(members);
              return fence;
            });
      }
    }
  }

  /** Whether any member is invalidating {@code key} now. For tests and diagnostics. */
  boolean isOpen(Object key) {
    synchronized (stripe(key)) {
      Fence fence = fences.get(key);
      return fence != null && !fence.open.isEmpty();
    }
  }

  /** Removes the fences with no open invalidation, raising the floor to their last ends. */
  private void foldEnded() {
    for (Object key : fences.keySet()) {
      synchronized (stripe(key)) {
        fences.computeIfPresent(
            key,
            (k, fence) -> {
              if (!fence.open.isEmpty()) {
                return fence;
              }
              raiseFloor(fence.lastEnd); // before the removal: a check sees the fence or the floor
              return null;
            });
      }
    }
  }

  private Object stripe(Object key) {
    return stripes[(key.hashCode() & 0x7fff_ffff) % STRIPES];
  }

  /** One key's fence; guarded by its key's stripe monitor. */
  private static final class Fence {
    /** Open invalidations by member. */
    final Map<Object, Integer> open = new HashMap<>();

    /** When the last invalidation of the key ended here. */
    long lastEnd = Long.MIN_VALUE;
  }
}
