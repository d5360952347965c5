package io.cairn.engine.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cairn.engine.ByteStore;
import io.cairn.engine.StoreConfig;
import io.cairn.engine.memory.MemoryRegion;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A read finds its key's slot, then reads the item the slot points at: a remove of that key and an
 * insert of another between the two, neither of them a move, put the other key's slot in the same
 * place. Before, the read then returned the other key's value; it must return its own or nothing.
 */
class ReadSlotRaceTest {

  /** Every key hashes alike: the same shard, bucket and tag, so a freed slot is taken again. */
  private static final class SameHash extends Hashing {
    SameHash() {
      super(1, 2);
    }

    @Override
    long hash(byte[] key) {
      return 0x7_1234_5678_9ABCL;
    }

    @Override
    long hash(MemoryRegion region, long offset, int length) {
      return 0x7_1234_5678_9ABCL;
    }
  }

  @Test
  void get_whileItsSlotIsFreedAndRetakenByAnotherKey_neverReturnsTheOtherKeysValue()
      throws InterruptedException {
    byte[] a = {'a'};
    byte[] b = {'b'};
    byte[] valueA = new byte[64];
    byte[] valueB = new byte[64];
    Arrays.fill(valueA, (byte) 'A');
    Arrays.fill(valueB, (byte) 'B');
    try (SegmentStore store =
        SegmentStore.open(
            StoreConfig.builder(8 << 20).shards(1).expirationIntervalMillis(0).build(),
            new SameHash())) {
      AtomicBoolean stop = new AtomicBoolean();
      Queue<String> wrong = new ConcurrentLinkedQueue<>();
      List<Thread> threads = new ArrayList<>();
      threads.add(
          new Thread(
              () -> {
                while (!stop.get()) {
                  store.put(a, valueA, ByteStore.ETERNAL);
                  store.remove(a);
                  store.put(b, valueB, ByteStore.ETERNAL); // into the slot a had
                  store.remove(b);
                }
              }));
      for (int t = 0; t < 2; t++) {
        threads.add(
            new Thread(
                () -> {
                  while (!stop.get()) {
                    byte[] v = store.get(a);
                    if (v != null && !Arrays.equals(valueA, v)) {
                      wrong.add("get(a) returned " + (char) v[0]);
                    }
                  }
                }));
      }
      threads.forEach(Thread::start);
      long deadline = System.nanoTime() + 1_000_000_000L; // before, a wrong value came in 0.3 s
      while (wrong.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      stop.set(true);
      for (Thread t : threads) {
        t.join();
      }
      assertEquals(List.of(), new ArrayList<>(wrong).subList(0, Math.min(3, wrong.size())));
    }
  }
}
