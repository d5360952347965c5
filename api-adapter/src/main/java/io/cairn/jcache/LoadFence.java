package io.cairn.jcache;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Keeps a load from storing what it read before an invalidation from another member: a load takes a
 * token before it calls the loader, and stores its value only if no invalidation of its key (or of
 * the whole cache) arrived since ({@link #mayStore}, asked holding the key). An invalidation
 * {@linkplain #invalidated announces itself} before it removes the entry under the key's lock, so
 * either the load sees it and does not store, or the load stored first and the removal follows
 * (Infinispan's put-from-load validation, reduced to counters).
 *
 * <p>Keys are counted in stripes: an invalidation of another key of the same stripe also stops a
 * load from storing, which costs a later miss, never a stale value.
 *
 * <p>Threading: lock-free. A token is the sum of the key's stripe and the cache's epoch; both only
 * grow and each read is volatile, so an equal sum read later means neither changed in between.
 */
final class LoadFence {
  /** Stripes of per-key counters: 4 KiB, few enough false fences for the loads in flight. */
  private static final int STRIPES = 512;

  private final AtomicLongArray stripes = new AtomicLongArray(STRIPES);
  private final AtomicLong epoch = new AtomicLong();

  /** The token of a load of {@code key} that begins now. */
  long loadStarts(StoreKey<?> key) {
    return stripes.get(stripe(key)) + epoch.get();
  }

  /** Whether a load that began with {@code token} may store its value; asked holding the key. */
  boolean mayStore(StoreKey<?> key, long token) {
    return stripes.get(stripe(key)) + epoch.get() == token;
  }

  /** An invalidation of {@code key} begins: loads in flight must not store. */
  void invalidated(StoreKey<?> key) {
    stripes.incrementAndGet(stripe(key));
  }

  /** An invalidation of every key begins. */
  void invalidatedAll() {
    epoch.incrementAndGet();
  }

  private static int stripe(StoreKey<?> key) {
    int h = key.hashCode();
    return (h ^ (h >>> 16)) & (STRIPES - 1);
  }
}
