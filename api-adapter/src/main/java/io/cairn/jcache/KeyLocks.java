package io.cairn.jcache;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exact per-key locks: a thread holding one key delays only threads that want the same key, never
 * another one (lock striping would: a writer blocking on one key would stall every key of its
 * stripe). A key is held while it maps to its owner in a {@link ConcurrentHashMap}; waiters park on
 * that owner until it is released, then compete again.
 *
 * <p>The locks are not re-entrant: a thread asking again for a key it holds gets an {@link
 * IllegalStateException} instead of a deadlock (JCache forbids a writer, loader or entry processor
 * to call its own cache).
 *
 * <p>Work deferred until release ({@link #afterRelease}): while a thread holds any key of any
 * cache, removal reports of other keys that reach it are queued and run when it releases its last
 * key, so they never take a key lock, or run a listener, while one is held (a lock-order inversion
 * otherwise: #11, finding 1).
 *
 * <p>Threading: thread-safe. An owner is published by {@code putIfAbsent} and removed before it is
 * released; the fields {@link Owner#released} and {@link Owner#waited} form a Dekker pair (each
 * side writes its own volatile, then reads the other's), so a release either sees a waiter and
 * notifies it under the monitor, or the waiter sees the release before it waits.
 *
 * @param <T> the type of keys, compared by {@code equals}
 */
final class KeyLocks<T> {
  private static final Logger LOG = LoggerFactory.getLogger(KeyLocks.class);

  /** The keys this thread holds, across every cache, and what waits for the last release. */
  private static final ThreadLocal<Held> HELD = ThreadLocal.withInitial(Held::new);

  private final ConcurrentHashMap<T, Owner> owners = new ConcurrentHashMap<>();

  /**
   * Takes {@code key}, waiting (uninterruptibly) while another thread holds it.
   *
   * @return the owner to hand back to {@link #unlock}
   * @throws IllegalStateException if this thread holds {@code key} already
   */
  Owner lock(T key) {
    Owner mine = new Owner();
    boolean interrupted = false;
    try {
      for (; ; ) {
        Owner current = owners.putIfAbsent(key, mine);
        if (current == null) {
          HELD.get().depth++;
          return mine;
        } else if (current.thread == mine.thread) {
          throw new IllegalStateException(
              "a cache was called for a key this thread holds (from its own writer, loader or"
                  + " entry processor)");
        }
        interrupted |= current.awaitRelease();
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Releases {@code key}; on the thread's last release, runs what waited for it. */
  void unlock(T key, Owner owner) {
    owners.remove(key, owner);
    owner.release();
    Held held = HELD.get();
    if (--held.depth == 0 && !held.deferred.isEmpty()) {
      held.runDeferred();
    }
  }

  /** Whether some thread holds {@code key} now; for tests. */
  boolean isHeld(T key) {
    return owners.containsKey(key);
  }

  /**
   * Runs {@code work} now if this thread holds no key, else once it has released its last one.
   * Failures of deferred work ({@link Error} included) are logged, never thrown.
   */
  static void afterRelease(Runnable work) {
    Held held = HELD.get();
    if (held.depth == 0) {
      work.run();
    } else {
      held.deferred.add(work);
    }
  }

  /** One thread's hold on one key. */
  static final class Owner {
    final Thread thread = Thread.currentThread();
    private volatile boolean released;
    private volatile boolean waited;

    /** Waits until released; returns whether the wait was interrupted. */
    synchronized boolean awaitRelease() {
      waited = true;
      boolean interrupted = false;
      while (!released) {
        try {
          wait();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      return interrupted;
    }

    void release() {
      released = true;
      if (waited) {
        synchronized (this) {
          released =
              true; // again under the monitor, for the waiters' loop; the first was for Dekker
          notifyAll();
        }
      }
    }
  }

  /** What this thread holds: a count of keys, and the work waiting for their release. */
  private static final class Held {
    int depth;
    final List<Runnable> deferred = new ArrayList<>(2);

    void runDeferred() {
      // Deferred work may hold keys itself and defer more; it runs at depth 0 again.
      while (!deferred.isEmpty()) {
        List<Runnable> batch = new ArrayList<>(deferred);
        deferred.clear();
        for (Runnable work : batch) {
          try {
            work.run();
          } catch (RuntimeException | Error e) {
            LOG.warn("work deferred until a key's release failed", e);
          }
        }
      }
    }
  }
}
