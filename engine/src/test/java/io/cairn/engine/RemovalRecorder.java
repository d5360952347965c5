package io.cairn.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/** A removal listener that keeps every notification it gets, in arrival order. */
final class RemovalRecorder implements RemovalListener {

  /** One notification, with the name of the thread that delivered it. */
  record Removal(byte[] key, byte[] value, RemovalCause cause, String thread) {

    boolean isFor(byte[] k) {
      return Arrays.equals(key, k);
    }

    @Override
    public String toString() {
      return cause + "(" + TestBytes.describe(key) + " -> " + TestBytes.describe(value) + ")";
    }
  }

  private final Queue<Removal> removals = new ConcurrentLinkedQueue<>();

  @Override
  public void onRemoval(byte[] key, byte[] value, RemovalCause cause) {
    removals.add(new Removal(key, value, cause, Thread.currentThread().getName()));
  }

  /** Every notification so far, oldest first. */
  List<Removal> all() {
    return new ArrayList<>(removals);
  }

  /** The notifications with {@code cause}, oldest first. */
  List<Removal> withCause(RemovalCause cause) {
    List<Removal> out = new ArrayList<>();
    for (Removal r : removals) {
      if (r.cause() == cause) {
        out.add(r);
      }
    }
    return out;
  }

  /** The notifications for {@code key}, oldest first. */
  List<Removal> forKey(byte[] key) {
    List<Removal> out = new ArrayList<>();
    for (Removal r : removals) {
      if (r.isFor(key)) {
        out.add(r);
      }
    }
    return out;
  }

  /** Asserts that exactly one notification arrived, for {@code key} with {@code value}. */
  void assertOnly(RemovalCause cause, byte[] key, byte[] value) {
    List<Removal> all = all();
    assertEquals(1, all.size(), () -> "notifications " + all);
    assertEquals(cause, all.get(0).cause(), () -> "notifications " + all);
    assertArrayEquals(key, all.get(0).key(), "key");
    assertArrayEquals(value, all.get(0).value(), "value");
  }

  /** Forgets every notification so far. */
  void reset() {
    removals.clear();
  }
}
