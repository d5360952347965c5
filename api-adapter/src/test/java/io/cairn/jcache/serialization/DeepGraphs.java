package io.cairn.jcache.serialization;

import java.util.concurrent.atomic.AtomicReference;

/** Object graphs nested deep, and a thread whose stack they overflow for sure. */
public final class DeepGraphs {
  /** The stack of {@link #thrownOnASmallStack}: a 20,000-deep graph overflows it when written. */
  private static final long SMALL_STACK_BYTES = 512 << 10;

  private DeepGraphs() {}

  /** An {@code Object[]} holding an {@code Object[]} ... {@code depth} arrays deep. */
  public static Object[] nested(int depth) {
    Object[] outer = new Object[1];
    Object[] current = outer;
    for (int i = 1; i < depth; i++) {
      Object[] next = new Object[1];
      current[0] = next;
      current = next;
    }
    return outer;
  }

  /** What {@code action} throws, Errors included, when run on a thread with a 512 KiB stack. */
  public static Throwable thrownOnASmallStack(Runnable action) throws InterruptedException {
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread small =
        new Thread(
            null,
            () -> {
              try {
                action.run();
              } catch (Throwable e) {
                thrown.set(e);
              }
            },
            "small-stack",
            SMALL_STACK_BYTES);
    small.start();
    small.join();
    return thrown.get();
  }
}
