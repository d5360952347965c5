package io.cairn.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * One store under test with a clock the test moves by hand and a listener that records every
 * removal. The default store is small (8 MiB in 64 KiB segments, 2 shards) with the background
 * expirer off, so that expiry happens only when a test moves the clock and an operation looks.
 */
final class StoreHarness implements AutoCloseable {

  /**
   * The clock's first reading: a realistic epoch instant, so TTL arithmetic sees real magnitudes.
   */
  static final long START = 1_700_000_000_000L;

  static final long CAPACITY = 8L << 20;
  static final int SEGMENT_SIZE = 64 << 10;
  static final int SHARDS = 2;

  final AtomicLong clock = new AtomicLong(START);
  final RemovalRecorder removals = new RemovalRecorder();
  private final EvictionPolicy policy;
  private ByteStore store;

  StoreHarness(EvictionPolicy policy) {
    this.policy = policy;
  }

  /** The configuration every contract test starts from. */
  StoreConfig.Builder defaults() {
    return StoreConfig.builder(CAPACITY)
        .name("contract-" + policy)
        .segmentSize(SEGMENT_SIZE)
        .shards(SHARDS)
        .evictionPolicy(policy)
        .clock(clock::get)
        .expirationIntervalMillis(0)
        .removalListener(removals, EnumSet.allOf(RemovalCause.class));
  }

  /** Closes the current store, forgets its removals and opens one from tweaked defaults. */
  ByteStore reopen(UnaryOperator<StoreConfig.Builder> tweak) {
    close();
    removals.reset();
    store = ByteStore.open(tweak.apply(defaults()).build());
    return store;
  }

  ByteStore store() {
    return store;
  }

  EvictionPolicy policy() {
    return policy;
  }

  long now() {
    return clock.get();
  }

  /** Moves the clock forward by {@code millis}. */
  void advance(long millis) {
    clock.addAndGet(millis);
  }

  /** Asserts that {@code key} maps to exactly {@code expected}, through both read paths. */
  void assertValue(byte[] key, byte[] expected) {
    assertArrayEquals(expected, store.get(key), () -> "get " + TestBytes.describe(key));
    assertArrayEquals(
        expected, store.read(key, BytesView::toByteArray), () -> "read " + TestBytes.describe(key));
  }

  /** Asserts that {@code key} maps to nothing, through both read paths. */
  void assertAbsent(byte[] key) {
    assertNull(store.get(key), () -> "get " + TestBytes.describe(key));
    assertNull(store.read(key, BytesView::toByteArray), () -> "read " + TestBytes.describe(key));
  }

  @Override
  public void close() {
    if (store != null) {
      store.close();
      store = null;
    }
  }
}
