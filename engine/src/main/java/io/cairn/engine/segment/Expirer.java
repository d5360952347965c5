package io.cairn.engine.segment;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The background expirer: one daemon thread shared by every store in the JVM, so that a manager
 * with hundreds of small caches (Hibernate makes one per region) does not start hundreds of
 * threads. Each store schedules its own pass at its own period.
 */
final class Expirer {

  private static final ScheduledExecutorService SCHEDULER =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "cairn-expirer");
            thread.setDaemon(true);
            return thread;
          });

  private Expirer() {}

  static ScheduledFuture<?> schedule(Runnable pass, long periodMillis) {
    return SCHEDULER.scheduleWithFixedDelay(
        pass, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
  }
}
