package io.cairn.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.engine.memory.NativeMemory;
import io.cairn.engine.segment.SegmentStore;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * {@link SharedCapacity}: stores sharing one bound never exceed it together, each makes room by
 * evicting its own data, the guaranteed minimum is reserved when a store opens, and close gives
 * everything back.
 */
final class SharedCapacityTest {

  private static final long MIB = 1L << 20;
  private static final int SEGMENT = 64 << 10;
  private static final int SHARDS = 2;

  private static StoreConfig.Builder store(String name, long capacity, SharedCapacity shared) {
    return StoreConfig.builder(capacity)
        .name(name)
        .segmentSize(SEGMENT)
        .shards(SHARDS)
        .expirationIntervalMillis(0)
        .sharedCapacity(shared);
  }

  private static byte[] key(long i) {
    return ByteBuffer.allocate(Long.BYTES).putLong(i).array();
  }

  private static byte[] value(long i, int size) {
    byte[] v = new byte[size];
    ByteBuffer.wrap(v).putLong(i);
    return v;
  }

  private static void assertRefused(Executable action, String named) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action);
    assertTrue(e.getMessage().contains(named), e.getMessage());
  }

  @Test
  void tryReserve_beyondCapacity_refusesAndKeepsTheCount() {
    SharedCapacity shared = new SharedCapacity(100);
    assertTrue(shared.tryReserve(60));
    assertFalse(shared.tryReserve(41));
    assertEquals(60, shared.reservedBytes());
    assertTrue(shared.tryReserve(40));
    shared.release(100);
    assertEquals(0, shared.reservedBytes());
  }

  @Test
  void release_moreThanReserved_throws() {
    SharedCapacity shared = new SharedCapacity(100);
    shared.tryReserve(10);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> shared.release(11));
    assertTrue(e.getMessage().contains("reservedBytes=-1"), e.getMessage());
  }

  @Test
  void constructor_zeroOrNegative_throwsNamingCapacityBytes() {
    assertRefused(() -> new SharedCapacity(0), "capacityBytes=0");
    assertRefused(() -> new SharedCapacity(-1), "capacityBytes=-1");
  }

  @Test
  void open_reservesTheMinimum_closeGivesEverythingBack() {
    SharedCapacity shared = new SharedCapacity(64 * MIB);
    ByteStore a = ByteStore.open(store("a", 8 * MIB, shared).build());
    ByteStore b = ByteStore.open(store("b", 8 * MIB, shared).build());
    long minimum = a.config().minimumBytes();
    assertEquals(SHARDS * (SEGMENT + 520L), minimum); // 8 buckets of 65 bytes
    assertEquals(2 * minimum, shared.reservedBytes());

    for (int i = 0; i < 2_000; i++) {
      a.put(key(i), value(i, 1000), ByteStore.ETERNAL);
    }
    assertEquals(
        a.stats().committedBytes()
            + b.stats().committedBytes()
            + b.config().minimumBytes()
            - SHARDS * 520L,
        shared.reservedBytes(),
        "a holds what it committed; b its minimum, of which its empty index tables are committed");
    a.close();
    assertEquals(minimum, shared.reservedBytes());
    b.close();
    assertEquals(0, shared.reservedBytes());
    a.close(); // idempotent: nothing given back twice
    assertEquals(0, shared.reservedBytes());
  }

  @Test
  void open_sharedCannotHoldTheMinimum_throwsAndReservesNothing() {
    long minimum = store("x", 8 * MIB, null).build().minimumBytes();
    SharedCapacity shared = new SharedCapacity(minimum + minimum / 2);
    ByteStore first = ByteStore.open(store("first", 8 * MIB, shared).build());
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> ByteStore.open(store("second", 8 * MIB, shared).build()));
    assertTrue(e.getMessage().contains("sharedCapacity=" + shared.capacityBytes()), e.getMessage());
    assertTrue(e.getMessage().contains("store second"), e.getMessage());
    assertEquals(minimum, shared.reservedBytes());
    first.close();
    assertEquals(0, shared.reservedBytes());
  }

  @Test
  void build_minimumAboveSharedCapacity_throwsNamingSharedCapacity() {
    SharedCapacity tiny = new SharedCapacity(SEGMENT);
    assertRefused(() -> store("x", 8 * MIB, tiny).build(), "sharedCapacity=" + SEGMENT);
  }

  @Test
  void put_sharedBoundTakenByAnother_evictsOwnDataAndSucceeds() {
    SharedCapacity shared = new SharedCapacity(4 * MIB);
    ByteStore late = ByteStore.open(store("late", 8 * MIB, shared).build());
    ByteStore greedy = ByteStore.open(store("greedy", 8 * MIB, shared).build());
    try {
      for (int i = 0; i < 20_000; i++) {
        greedy.put(key(i), value(i, 1000), ByteStore.ETERNAL);
      }
      assertTrue(greedy.stats().evictions() > 0, "the shared bound, not its own, stopped greedy");
      long greedyEntries = greedy.size();

      for (int i = 0; i < 5_000; i++) {
        late.put(key(i), value(i, 1000), ByteStore.ETERNAL); // its own 8 MiB allows every one
        assertArrayEquals(value(i, 1000), late.get(key(i)), "put " + i + " is readable");
      }
      assertTrue(late.stats().evictions() > 0, late.stats().toString());
      assertEquals(greedyEntries, greedy.size(), "late never evicted greedy's entries");
      assertTrue(shared.reservedBytes() <= shared.capacityBytes(), shared.toString());
    } finally {
      late.close();
      greedy.close();
    }
    assertEquals(0, shared.reservedBytes());
  }

  @Test
  void put_concurrentIntoSeveralStores_neverExceedsTheSharedBound() throws Exception {
    SharedCapacity shared = new SharedCapacity(6 * MIB);
    int storeCount = 4;
    List<ByteStore> stores = new ArrayList<>();
    for (int s = 0; s < storeCount; s++) {
      stores.add(ByteStore.open(store("s" + s, 4 * MIB, shared).build()));
    }
    ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    AtomicLong peak = new AtomicLong();
    AtomicLong peakAllocated = new AtomicLong();
    long baseline = NativeMemory.processAllocatedBytes(); // stores of earlier tests, if any
    CountDownLatch done = new CountDownLatch(storeCount);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < storeCount; t++) {
      int seed = t;
      threads.add(
          new Thread(
              () -> {
                try {
                  for (int i = 0; i < 20_000; i++) {
                    ByteStore target =
                        stores.get((seed + i) % storeCount); // all threads, all stores
                    target.put(key(i * 8L + seed), value(i, 200 + i % 1500), ByteStore.ETERNAL);
                  }
                } catch (Throwable e) {
                  failures.add(e);
                } finally {
                  done.countDown();
                }
              }));
    }
    Thread sampler =
        new Thread(
            () -> {
              boolean running = true;
              while (running) {
                running = done.getCount() > 0; // a last look once the writers are done
                // One atomic counter each: a store allocates after reserving, frees before
                // giving back, so both stay within the bound at every instant.
                peak.accumulateAndGet(shared.reservedBytes(), Math::max);
                peakAllocated.accumulateAndGet(
                    NativeMemory.processAllocatedBytes() - baseline, Math::max);
              }
            });
    threads.forEach(Thread::start);
    sampler.start();
    for (Thread t : threads) {
      t.join();
    }
    sampler.join();

    assertTrue(failures.isEmpty(), () -> "puts failed: " + failures);
    assertTrue(peak.get() <= shared.capacityBytes(), "reserved peaked at " + peak);
    assertTrue(
        peakAllocated.get() <= shared.capacityBytes(), "native memory peaked at " + peakAllocated);
    assertTrue(peakAllocated.get() > shared.capacityBytes() / 2, "the sampler saw the stores fill");
    long committed = 0;
    for (ByteStore s : stores) {
      committed += s.stats().committedBytes();
    }
    assertTrue(committed <= shared.reservedBytes(), committed + " > " + shared);
    long evictions = 0;
    for (ByteStore s : stores) {
      evictions += s.stats().evictions();
      assertTrue(s.size() > 0, s.stats().toString());
    }
    assertTrue(
        evictions > 0, "4 x 20000 puts of ~850 B do not fit in 6 MiB: the bound was reached");
    for (ByteStore s : stores) {
      s.close();
      assertEquals(0, ((SegmentStore) s).allocatedBytes());
    }
    assertEquals(0, shared.reservedBytes());
  }
}
