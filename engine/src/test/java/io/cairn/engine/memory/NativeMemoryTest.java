package io.cairn.engine.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class NativeMemoryTest {

  private static final int REGION_BYTES = 1 << 16;

  @Test
  void allocateAndFree_countTheBytes_andFreeOnlyOnce() {
    NativeMemory memory = new NativeMemory();
    MemoryRegion a = memory.allocate(100, false);
    MemoryRegion b = memory.allocate(28, true);
    assertEquals(128, memory.allocatedBytes());
    memory.free(a);
    memory.free(a);
    assertEquals(28, memory.allocatedBytes(), "a second free returns nothing");
    memory.free(b);
    assertEquals(0, memory.allocatedBytes());
  }

  @Test
  void allocate_notAskedToZero_stillGivesAWritableRegion() {
    NativeMemory memory = new NativeMemory();
    MemoryRegion region = memory.allocate(24, false);
    try {
      region.putLong(16, 7);
      assertEquals(7, region.getLong(16));
    } finally {
      memory.free(region);
    }
  }

  /**
   * What the foreign backend adds: a read that races the free of its region throws {@link
   * IllegalStateException} (the JDK closes a shared arena with a handshake, so the reader either
   * finishes first or sees the arena closed), and never reads freed memory. The engine does not
   * rely on it, its reader barrier keeps readers out first; on the Unsafe backend the same race
   * could read freed memory, so the test runs on the foreign backend only.
   */
  @Test
  void read_racingTheFree_throwsIllegalStateNeverCrashes() throws Exception {
    assumeTrue(
        BackendChoice.chosen() == Backend.FOREIGN,
        "the Unsafe backend leaves this race to the engine's reader barrier");
    AtomicLong sink = new AtomicLong();
    for (int round = 0; round < 100; round++) {
      NativeMemory memory = new NativeMemory();
      MemoryRegion doomed = memory.allocate(REGION_BYTES, true);
      doomed.fill(0, REGION_BYTES, (byte) 1);
      CountDownLatch reading = new CountDownLatch(1);
      AtomicReference<Throwable> wrong = new AtomicReference<>();
      AtomicLong reads = new AtomicLong();
      Thread reader =
          new Thread(
              () -> {
                long sum = 0;
                try {
                  while (true) {
                    for (long i = 0; i < REGION_BYTES; i += Long.BYTES) {
                      sum += doomed.getLong(i);
                    }
                    reads.incrementAndGet();
                    reading.countDown();
                  }
                } catch (IllegalStateException expected) {
                  sink.addAndGet(sum);
                } catch (Throwable t) {
                  wrong.set(t);
                }
              });
      reader.start();
      assertTrue(reading.await(10, TimeUnit.SECONDS));
      memory.free(doomed);
      reader.join(10_000);
      assertNull(wrong.get(), () -> "round " + wrong.get());
      assertTrue(reads.get() > 0);
      assertEquals(0, memory.allocatedBytes());
    }
    assertTrue(sink.get() != 1, "the sums were used"); // keeps the reads from being removed
  }
}
