package io.cairn.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs workers side by side until a deadline, with a ticker that moves the store's clock and a
 * sampler that watches the store's byte bound. Whatever a worker throws is kept, and stops it.
 */
final class ConcurrentRun {

  /** One step of a worker: called over and over until the run ends. */
  interface Step {
    void run(SplittableRandom random) throws Exception;
  }

  private final List<Thread> threads = new ArrayList<>();
  private final Queue<String> failures = new ConcurrentLinkedQueue<>();
  private final AtomicLong maxCommitted = new AtomicLong();
  private volatile boolean stop;

  /** Starts {@code n} threads, each running {@code body} once with its index. */
  static List<Thread> start(int n, java.util.function.IntConsumer body) {
    List<Thread> started = new ArrayList<>();
    for (int t = 0; t < n; t++) {
      int id = t;
      Thread thread = new Thread(() -> body.accept(id), "worker-" + t);
      thread.start();
      started.add(thread);
    }
    return started;
  }

  /** Waits for every thread in {@code started} to end. */
  static void joinAll(List<Thread> started) throws InterruptedException {
    for (Thread t : started) {
      t.join();
    }
  }

  /** Adds a worker that repeats {@code step} until the run ends. */
  ConcurrentRun worker(String name, long seed, Step step) {
    threads.add(
        new Thread(
            () -> {
              SplittableRandom random = new SplittableRandom(seed);
              try {
                while (!stop) {
                  step.run(random);
                }
              } catch (Throwable t) {
                failures.add(name + ": " + describe(t));
              }
            },
            name));
    return this;
  }

  /** Adds a ticker that moves {@code clock} on by a millisecond about every quarter of one. */
  ConcurrentRun ticker(AtomicLong clock) {
    threads.add(
        new Thread(
            () -> {
              while (!stop) {
                clock.incrementAndGet();
                LockSupport.parkNanos(250_000);
              }
            },
            "ticker"));
    return this;
  }

  /** Adds a sampler of {@code store}'s committed bytes and of its gauges' consistency. */
  ConcurrentRun sampler(ByteStore store) {
    return worker(
        "sampler",
        0,
        random -> {
          StoreStats s = store.stats();
          maxCommitted.accumulateAndGet(s.committedBytes(), Math::max);
          if (s.liveBytes() > s.committedBytes()) {
            failures.add("liveBytes above committedBytes: " + s);
          }
          LockSupport.parkNanos(100_000);
        });
  }

  /** Starts everything, lets it run for {@code millis}, then stops and joins it. */
  ConcurrentRun runFor(long millis) throws InterruptedException {
    threads.forEach(Thread::start);
    Thread.sleep(millis);
    return stopAndJoin();
  }

  private ConcurrentRun stopAndJoin() throws InterruptedException {
    stop = true;
    for (Thread t : threads) {
      t.join(TimeUnit.SECONDS.toMillis(30));
      if (t.isAlive()) {
        failures.add(t.getName() + " did not stop within 30 s: " + describe(t.getStackTrace()));
      }
    }
    return this;
  }

  /** Starts everything, lets it run while {@code condition} holds, then stops and joins it. */
  ConcurrentRun runWhile(java.util.function.BooleanSupplier condition) throws InterruptedException {
    threads.forEach(Thread::start);
    while (condition.getAsBoolean()) {
      Thread.sleep(5);
    }
    return stopAndJoin();
  }

  /** What the workers threw, and what the sampler saw wrong. */
  List<String> failures() {
    return new ArrayList<>(failures);
  }

  /** The most committed bytes the sampler saw. */
  long maxCommitted() {
    return maxCommitted.get();
  }

  static String describe(Throwable t) {
    StringBuilder s = new StringBuilder(String.valueOf(t));
    for (StackTraceElement e : t.getStackTrace()) {
      s.append("\n    at ").append(e);
    }
    return s.toString();
  }

  private static String describe(StackTraceElement[] trace) {
    StringBuilder s = new StringBuilder();
    for (StackTraceElement e : trace) {
      s.append("\n    at ").append(e);
    }
    return s.toString();
  }
}
