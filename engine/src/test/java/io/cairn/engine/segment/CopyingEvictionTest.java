package io.cairn.engine.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.engine.ByteStore;
import io.cairn.engine.EvictionPolicy;
import io.cairn.engine.RemovalCause;
import io.cairn.engine.StoreConfig;
import io.cairn.engine.StoreStats;
import java.nio.ByteBuffer;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * MERGE, S3-FIFO and TINYLFU keep what is read and drop what is not; FIFO, as the control, does
 * not.
 */
class CopyingEvictionTest {

  private static final int HOT = 300;
  private static final int COLD = 60_000;

  private static byte[] key(int n) {
    return ByteBuffer.allocate(8).putLong(n).array();
  }

  /** A store of 1 MiB in 32 segments of 32 KiB: about 8,000 items of 128 bytes. */
  private static ByteStore store(EvictionPolicy policy, AtomicLong reported) {
    return ByteStore.open(
        StoreConfig.builder(1 << 20)
            .segmentSize(32 << 10)
            .shards(1)
            .evictionPolicy(policy)
            .expirationIntervalMillis(0)
            .removalListener(
                (k, v, cause) -> reported.incrementAndGet(), EnumSet.of(RemovalCause.EVICTED))
            .build());
  }

  /**
   * Writes a hot set, spread among cold keys as real traffic spreads it, then reads it again and
   * again while a scan of cold keys, never read, streams by.
   */
  private static int hotSurvivors(ByteStore store) {
    byte[] value = new byte[100];
    for (int h = 0; h < HOT; h++) {
      store.put(key(h), value, ByteStore.ETERNAL);
      for (int c = 0; c < 15; c++) {
        store.put(key(2_000_000 + h * 15 + c), value, ByteStore.ETERNAL);
      }
    }
    for (int c = 0; c < COLD; c++) {
      store.put(key(1_000_000 + c), value, ByteStore.ETERNAL);
      if (c % 10 == 0) {
        store.get(key(c / 10 % HOT)); // each hot key is read every 3,000 cold writes
      }
    }
    int present = 0;
    for (int h = 0; h < HOT; h++) {
      if (store.containsKey(key(h))) {
        present++;
      }
    }
    return present;
  }

  @ParameterizedTest
  @EnumSource(
      value = EvictionPolicy.class,
      names = {"MERGE", "S3FIFO", "TINYLFU"})
  void copyingPolicy_hotKeysAmidColdScan_keepsTheHotKeys(EvictionPolicy policy) {
    AtomicLong reported = new AtomicLong();
    try (ByteStore store = store(policy, reported)) {
      int survivors = hotSurvivors(store);
      assertTrue(survivors >= HOT * 9 / 10, policy + " kept only " + survivors + " of " + HOT);
      StoreStats stats = store.stats();
      assertEquals(HOT * 16 + COLD, stats.puts());
      assertEquals(stats.puts(), stats.entries() + stats.evictions(), "every item accounted once");
      assertEquals(stats.evictions(), reported.get(), "every eviction reported once");
      assertTrue(stats.committedBytes() <= stats.capacityBytes());
      assertArrayEquals(new byte[100], store.get(key(0)));
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = EvictionPolicy.class,
      names = {"FIFO"})
  void fifo_hotKeysAmidColdScan_losesThem(EvictionPolicy policy) {
    try (ByteStore store = store(policy, new AtomicLong())) {
      assertTrue(hotSurvivors(store) < HOT / 10, "the control: FIFO ignores reads");
    }
  }
}
