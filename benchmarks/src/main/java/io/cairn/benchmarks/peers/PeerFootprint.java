package io.cairn.benchmarks.peers;

import io.cairn.benchmarks.NativeMemoryTracking;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.SplittableRandom;

/**
 * Bytes per entry beyond the payload, for one cache in one JVM: fills it with {@code entries}
 * entries ({@code Long} key, a fresh 100-byte value each, as an application would hold them) and
 * counts the heap in use after a full GC plus the native memory it took, then prints one CSV line.
 *
 * <p>Native memory: the change in Native Memory Tracking's "Other" category (where {@code
 * Unsafe.allocateMemory} and direct buffers are counted), which needs {@code
 * -XX:NativeMemoryTracking=summary}; where the cache keeps its own count (Cairn's committed bytes,
 * OHC's {@code memUsed}, which NMT cannot see: OHC allocates through JNA's {@code malloc}), that is
 * printed too, and the larger of the two is charged.
 *
 * <p>Usage: {@code java -XX:NativeMemoryTracking=summary -Xmx10g -cp benchmarks.jar
 * io.cairn.benchmarks.peers.PeerFootprint PEER VALUES ENTRIES}. Prints {@code peer, values,
 * entries, payload bytes, heap used, heap delta, NMT delta, own count, bytes per entry beyond
 * payload}. {@code benchmarks/run-peers.sh} runs it once per cache and size, each in a fresh JVM.
 */
public final class PeerFootprint {

  /** Keys checked after the fill: every 997th, to catch a cache that evicted. */
  private static final int CHECK_STRIDE = 997;

  private PeerFootprint() {}

  /** Runs one measurement; see the class comment. */
  public static void main(String[] args) {
    Peer peer = Peer.valueOf(args[0]);
    ValueKind kind = ValueKind.valueOf(args[1]);
    int entries = Integer.parseInt(args[2].replace("_", ""));

    long heapBefore = usedHeapAfterGc();
    OptionalLong nmtBefore = NativeMemoryTracking.otherCommittedBytes();
    CacheUnderTest cache = peer.open(kind, entries);
    SplittableRandom random = new SplittableRandom(entries);
    for (int k = 0; k < entries; k++) {
      cache.put((long) k, kind.value(random));
    }
    for (int k = 0; k < entries; k += CHECK_STRIDE) {
      if (cache.get((long) k) == null) {
        throw new IllegalStateException(peer + " lost key " + k + " of " + entries);
      }
    }
    long heapUsed = usedHeapAfterGc();
    long heap = heapUsed - heapBefore;
    OptionalLong nmtAfter = NativeMemoryTracking.otherCommittedBytes();
    long nmt =
        nmtBefore.isPresent() && nmtAfter.isPresent()
            ? nmtAfter.getAsLong() - nmtBefore.getAsLong()
            : -1;
    long own = cache.nativeBytes();
    long nativeBytes = Math.max(Math.max(nmt, own), 0);
    long payload = (long) entries * (ValueKind.KEY_BYTES + ValueKind.PAYLOAD_BYTES);
    double beyond = (double) (heap + nativeBytes - payload) / entries;
    System.out.printf(
        Locale.ROOT,
        "%s,%s,%d,%d,%d,%d,%d,%d,%.1f%n",
        peer,
        kind,
        entries,
        payload,
        heapUsed,
        heap,
        nmt,
        own,
        beyond);
    cache.close();
  }

  private static long usedHeapAfterGc() {
    // Two collections: the first may leave objects whose finalization or cleaning frees more.
    System.gc();
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
