package io.cairn.engine.segment;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The background expirer: one daemon thread shared by every store in the JVM, so that a manager
 * with hundreds of small caches (Hibernate makes one per region) does not start hundreds of
 * threads. Each store schedules its own pass at its own period. The expirer thread only sweeps;
 * delivery of what it removed runs on a pool of delivery threads, one store's batch at a time, so a
 * listener that blocks or throws cannot stall another store's expiry.
 */
final class Expirer {

  private static final ScheduledExecutorService SCHEDULER =
      Executors.newSingleThreadScheduledExecutor(daemons("cairn-expirer"));

  /** How long an idle delivery thread lives: short, so closed stores leave no thread behind. */
  private static final long DELIVERY_KEEP_ALIVE_MILLIS = 2_000;

  /**
   * Threads that deliver what a pass removed, so that a slow listener of one store holds up only
   * that store's next pass, never the sweep of the others. A cached pool: as many threads as
   * deliveries run at once (each store runs one at a time), each ending when idle.
   */
  private static final ExecutorService DELIVERY =
      new ThreadPoolExecutor(
          0,
          Integer.MAX_VALUE,
          DELIVERY_KEEP_ALIVE_MILLIS,
          TimeUnit.MILLISECONDS,
          new SynchronousQueue<>(),
          daemons("cairn-expiry-events"));

  private Expirer() {}

  private static ThreadFactory daemons(String name) {
    return task -> {
      Thread thread = new Thread(task, name);
      thread.setDaemon(true);
      return thread;
    };
  }

  /** Runs {@code delivery} on a delivery thread. */
  static void deliver(Runnable delivery) {
    DELIVERY.execute(delivery);
  }

  static ScheduledFuture<?> schedule(Runnable pass, long periodMillis) {
    return SCHEDULER.scheduleWithFixedDelay(
        pass, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
  }
}
