package io.cairn.engine.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.engine.ByteStore;
import io.cairn.engine.StoreConfig;
import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Readers validate against their own segment, not against writes or moves elsewhere: a writer
 * holding its shard, even in the middle of a move (cleaning, eviction: what used to send every
 * reader of the shard to its read lock), does not make readers of other segments wait. Before,
 * every read of a shard fell back to its read lock, and waited, while any writer held the shard;
 * later, while any writer moved items anywhere in it.
 */
class ReadersNeverWaitTest {

  private static byte[] key(int i) {
    return ByteBuffer.allocate(4).putInt(i).array();
  }

  @ParameterizedTest(name = "in a move: {0}")
  @ValueSource(booleans = {false, true})
  void get_whileAWriterHoldsTheOnlyShard_neverWaitsForIt(boolean inMove) throws Exception {
    try (SegmentStore store =
        (SegmentStore)
            SegmentStore.open(
                StoreConfig.builder(8 << 20).shards(1).expirationIntervalMillis(0).build())) {
      for (int i = 0; i < 1_000; i++) {
        store.put(key(i), key(-i), ByteStore.ETERNAL);
      }
      CountDownLatch holding = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      Shard shard = store.shardOf(key(0));
      Thread writer =
          new Thread(
              () -> {
                shard.lockWrite(); // what every write holds while it changes the shard
                try {
                  if (inMove) {
                    shard.beginMove(); // what cleaning, eviction and index growth hold
                  }
                  try {
                    holding.countDown();
                    awaitQuietly(release);
                  } finally {
                    if (inMove) {
                      shard.endMove();
                    }
                  }
                } finally {
                  shard.unlockWrite();
                }
                store.put(key(0), key(42), ByteStore.ETERNAL);
              });
      writer.start();
      assertTrue(holding.await(10, TimeUnit.SECONDS));
      long slowest = 0;
      for (int round = 0; round < 20; round++) {
        for (int i = 0; i < 1_000; i++) {
          long start = System.nanoTime();
          assertArrayEquals(key(-i), store.get(key(i)), "key " + i);
          slowest = Math.max(slowest, System.nanoTime() - start);
        }
      }
      release.countDown();
      writer.join();
      assertArrayEquals(key(42), store.get(key(0)));
      // The writer held the shard throughout: a read that waited for it would have taken seconds.
      assertTrue(slowest < TimeUnit.MILLISECONDS.toNanos(200), "slowest read " + slowest + " ns");
      assertEquals(0, store.stats().lockedReads(), "no read took the read lock");
      assertEquals(1_000, store.size());
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
