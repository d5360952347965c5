package io.cairn.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * {@link ByteStore#close()} returns every native byte: measured by the JVM itself (Native Memory
 * Tracking), not by the store's own accounting, so a leak the store does not know of still shows.
 */
final class NativeMemoryReleaseTest {

  private static final long MIB = 1L << 20;

  /** How far the "Other" category may drift for reasons of the JVM's own. */
  private static final long SLACK = 4 * MIB;

  @Test
  void otherCommittedBytes_java17AndJava25Reports_parse() {
    String java17 =
        "Native Memory Tracking:\n\n-                     Other (reserved=10KB, committed=2048KB)\n"
            + "                            (malloc=10KB #2) (at peak) \n";
    String java25 =
        "Native Memory Tracking:\n\n-                     Other (reserved=34KB, committed=3MB)\n"
            + "                            (malloc=34KB tag=Other #2) (at peak)\n";
    assertEquals(2048L << 10, NativeMemoryTracking.otherCommittedBytes(java17));
    assertEquals(3L << 20, NativeMemoryTracking.otherCommittedBytes(java25));
    assertEquals(0, NativeMemoryTracking.otherCommittedBytes("Native Memory Tracking:\n"));
  }

  @Test
  void otherCommittedBytes_onThisJvm_countsUnsafeAllocatedMemory() {
    long before = NativeMemoryTracking.otherCommittedBytes();
    ByteBuffer direct = ByteBuffer.allocateDirect((int) (16 * MIB)); // Unsafe.allocateMemory
    long during = NativeMemoryTracking.otherCommittedBytes();
    assertEquals(16 * MIB, direct.capacity());
    assertTrue(
        during - before >= 16 * MIB,
        "the category this test reads is where Unsafe memory lands: " + before + " -> " + during);
  }

  @Test
  void close_afterStoring64MiB_returnsTheNativeMemory() {
    long baseline = NativeMemoryTracking.otherCommittedBytes();
    long data = 64 * MIB;
    ByteStore store =
        ByteStore.open(StoreConfig.builder(96 * MIB).expirationIntervalMillis(0).build());
    long committed;
    long open;
    try {
      fill(store, data);
      committed = store.stats().committedBytes();
      assertEquals(0, store.stats().evictions(), () -> store.stats().toString());
      open = NativeMemoryTracking.otherCommittedBytes();
    } finally {
      store.close();
    }
    long closed = NativeMemoryTracking.otherCommittedBytes();
    String numbers =
        "baseline=" + baseline + " open=" + open + " closed=" + closed + " committed=" + committed;
    assertTrue(committed >= data, numbers);
    assertTrue(open - baseline >= data * 15 / 16, "the store's memory shows in NMT: " + numbers);
    assertTrue(closed - baseline <= SLACK, "close returned it: " + numbers);
  }

  @Test
  void openAndClose_twentyStores_leaveNoGrowth() {
    cycle(); // the first store may initialise JVM-wide state (NMT counts it under Other)
    long baseline = NativeMemoryTracking.otherCommittedBytes();
    long peak = 0;
    for (int i = 0; i < 20; i++) {
      peak = Math.max(peak, cycle() - baseline);
    }
    long after = NativeMemoryTracking.otherCommittedBytes();
    String numbers = "baseline=" + baseline + " after=" + after + " peak open=" + peak;
    assertTrue(peak >= 6 * MIB, "each open store held its data: " + numbers);
    assertTrue(after - baseline <= SLACK, "twenty stores left memory behind: " + numbers);
  }

  /** Opens a store, writes 8 MiB, closes it; returns NMT's "Other" while it was open. */
  private static long cycle() {
    ByteStore store =
        ByteStore.open(StoreConfig.builder(16 * MIB).shards(2).expirationIntervalMillis(5).build());
    try {
      fill(store, 8 * MIB);
      return NativeMemoryTracking.otherCommittedBytes();
    } finally {
      store.close();
    }
  }

  /** Writes {@code bytes} of 1 KiB values under 8-byte keys. */
  private static void fill(ByteStore store, long bytes) {
    byte[] value = TestBytes.bytes(1_024, 1);
    for (long i = 0; i < bytes / value.length; i++) {
      store.put(ByteBuffer.allocate(8).putLong(i).array(), value, ByteStore.ETERNAL);
    }
  }
}
