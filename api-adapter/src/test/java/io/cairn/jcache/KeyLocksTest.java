package io.cairn.jcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Exact per-key locks: one key's holder delays that key only; work waits for the last release. */
class KeyLocksTest {
  private final KeyLocks<String> locks = new KeyLocks<>();
  private final ExecutorService pool = Executors.newFixedThreadPool(2);

  @AfterEach
  void stopPool() {
    pool.shutdownNow();
  }

  @Test
  void lock_otherKeyHeld_takesItAtOnce() throws Exception {
    KeyLocks.Owner a = locks.lock("a");
    try {
      Future<Boolean> other =
          pool.submit(
              () -> {
                KeyLocks.Owner b = locks.lock("b");
                locks.unlock("b", b);
                return true;
              });
      assertTrue(other.get(1, TimeUnit.SECONDS));
    } finally {
      locks.unlock("a", a);
    }
  }

  @Test
  void lock_sameKeyHeld_waitsForTheRelease() throws Exception {
    KeyLocks.Owner a = locks.lock("a");
    CompletableFuture<Void> taken = new CompletableFuture<>();
    CompletableFuture<Void> released = new CompletableFuture<>();
    pool.submit(
        () -> {
          KeyLocks.Owner again = locks.lock("a");
          taken.complete(null);
          locks.unlock("a", again);
          released.complete(null);
        });
    assertThrows(TimeoutException.class, () -> taken.get(100, TimeUnit.MILLISECONDS));
    locks.unlock("a", a);
    taken.get(5, TimeUnit.SECONDS);
    released.get(5, TimeUnit.SECONDS); // the waiter's own release, not just its acquisition
    assertFalse(locks.isHeld("a"));
  }

  @Test
  void lock_keyHeldByThisThread_throwsInsteadOfDeadlocking() {
    KeyLocks.Owner a = locks.lock("a");
    try {
      assertThrows(IllegalStateException.class, () -> locks.lock("a"));
    } finally {
      locks.unlock("a", a);
    }
    assertFalse(locks.isHeld("a"));
  }

  @Test
  void afterRelease_whileAKeyIsHeld_runsAtTheLastRelease() {
    List<String> ran = new CopyOnWriteArrayList<>();
    KeyLocks.afterRelease(() -> ran.add("free"));
    assertEquals(List.of("free"), ran);
    KeyLocks.Owner a = locks.lock("a");
    KeyLocks.Owner b = locks.lock("b");
    KeyLocks.afterRelease(() -> ran.add("deferred"));
    locks.unlock("b", b);
    assertEquals(List.of("free"), ran);
    locks.unlock("a", a);
    assertEquals(List.of("free", "deferred"), ran);
  }

  @Test
  void afterRelease_deferredWorkFailsWithAnError_isLoggedAndTheRestRuns() {
    List<String> ran = new CopyOnWriteArrayList<>();
    KeyLocks.Owner a = locks.lock("a");
    KeyLocks.afterRelease(
        () -> {
          throw new AssertionError("a listener's Error");
        });
    KeyLocks.afterRelease(() -> ran.add("second"));
    locks.unlock("a", a);
    assertEquals(List.of("second"), ran);
  }

  @Test
  void lock_interruptedWhileWaiting_keepsWaitingAndRestoresTheFlag() throws Exception {
    KeyLocks.Owner a = locks.lock("a");
    CompletableFuture<Boolean> interrupted = new CompletableFuture<>();
    Thread waiter =
        new Thread(
            () -> {
              KeyLocks.Owner again = locks.lock("a");
              interrupted.complete(Thread.currentThread().isInterrupted());
              locks.unlock("a", again);
            });
    waiter.start();
    Thread.sleep(50);
    waiter.interrupt();
    Thread.sleep(50);
    assertFalse(interrupted.isDone(), "the interrupt ended the wait");
    locks.unlock("a", a);
    assertTrue(interrupted.get(5, TimeUnit.SECONDS));
  }
}
