package io.cairn.engine.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.engine.ByteStore;
import io.cairn.engine.Persistence;
import io.cairn.engine.StoreConfig;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A persistent store against the contract of {@link Persistence}: what a flush or a close made
 * durable comes back, deletions stay deleted, expired data does not return, and damaged files are
 * detected and skipped. Crashes of a real process are {@code PersistenceCrashTest}'s.
 */
class PersistentLogTest {

  private static final long NOW = 1_700_000_000_000L;

  @TempDir Path dir;

  private final AtomicLong clock = new AtomicLong(NOW);

  private ByteStore open(Persistence persistence) {
    return open(persistence, 4 << 20);
  }

  private ByteStore open(Persistence persistence, long capacity) {
    return ByteStore.open(
        StoreConfig.builder(capacity)
            .segmentSize(16 << 10)
            .shards(2)
            .clock(clock::get)
            .expirationIntervalMillis(0)
            .persistence(persistence.flushIntervalMillis(3_600_000))
            .build());
  }

  private static byte[] key(int i) {
    return ("key-" + i).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] value(int i, int version) {
    byte[] v = new byte[20 + (i * 7 + version) % 300];
    new Random(i * 31L + version).nextBytes(v);
    return v;
  }

  @Test
  void close_thenOpen_restoresEveryEntryWithItsExpiry() {
    Map<Integer, byte[]> expected = new HashMap<>();
    try (ByteStore store = open(Persistence.in(dir))) {
      for (int i = 0; i < 5_000; i++) {
        long expireAt = i % 3 == 0 ? ByteStore.ETERNAL : NOW + 60_000 + i;
        store.put(key(i), value(i, 0), expireAt);
        expected.put(i, value(i, 0));
      }
    }
    try (ByteStore store = open(Persistence.in(dir))) {
      assertEquals(5_000, store.size());
      for (int i = 0; i < 5_000; i++) {
        assertArrayEquals(expected.get(i), store.get(key(i)), "key " + i);
        assertEquals(i % 3 == 0 ? ByteStore.ETERNAL : NOW + 60_000 + i, store.expiryOf(key(i)));
      }
      assertEquals(0, store.stats().puts(), "a restored entry is not a put");
    }
  }

  @Test
  void overwritesRemovalsAndTouches_acrossFlushes_restoreTheLastState() {
    Random random = new Random(7);
    Map<Integer, byte[]> expected = new HashMap<>();
    Map<Integer, Long> expiries = new HashMap<>();
    try (ByteStore store = open(Persistence.in(dir), 1 << 20)) {
      for (int op = 0; op < 60_000; op++) {
        int k = random.nextInt(2_000);
        int kind = random.nextInt(10);
        if (kind < 6) {
          store.put(key(k), value(k, op), ByteStore.ETERNAL);
          expected.put(k, value(k, op));
          expiries.put(k, ByteStore.ETERNAL);
        } else if (kind < 8) {
          store.remove(key(k));
          expected.remove(k);
        } else if (expected.containsKey(k)) {
          long at = NOW + 1_000_000 + op;
          assertTrue(store.touch(key(k), at));
          expiries.put(k, at);
        }
        if (op % 7_000 == 0) {
          store.flush();
        }
      }
      assertTrue(store.stats().cleanedSegments() > 0, "the cleaner ran between flushes");
    }
    try (ByteStore store = open(Persistence.in(dir), 1 << 20)) {
      for (int k = 0; k < 2_000; k++) {
        assertArrayEquals(expected.get(k), store.get(key(k)), "key " + k);
        if (expected.containsKey(k)) {
          assertEquals(expiries.get(k), store.expiryOf(key(k)), "expiry of key " + k);
        }
      }
      assertEquals(expected.size(), store.size());
    }
  }

  @Test
  void concurrentWriters_withFlushesCleaningAndExpiry_closeAndReopen_toExactlyTheirLastState()
      throws Exception {
    int threads = 4;
    int keysPerThread = 500;
    Map<Integer, byte[]> expected = new java.util.concurrent.ConcurrentHashMap<>();
    Map<Integer, Long> expiries = new java.util.concurrent.ConcurrentHashMap<>();
    StoreConfig config =
        StoreConfig.builder(2 << 20)
            .segmentSize(16 << 10)
            .shards(4)
            .expirationIntervalMillis(5)
            .persistence(Persistence.in(dir).flushIntervalMillis(3))
            .build();
    long hour = System.currentTimeMillis() + 3_600_000;
    try (ByteStore store = ByteStore.open(config)) {
      List<Thread> writers = new java.util.ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int first = t * keysPerThread;
        Random random = new Random(t);
        writers.add(
            new Thread(
                () -> {
                  long end = System.nanoTime() + 1_500_000_000L;
                  for (int op = 0; System.nanoTime() < end; op++) {
                    int k = first + random.nextInt(keysPerThread);
                    int kind = random.nextInt(10);
                    if (kind < 6) {
                      // a tenth expire within milliseconds: the expirer sweeps while flushes run
                      long at = kind == 0 ? System.currentTimeMillis() + 2 : hour + op;
                      store.put(key(k), value(k, op), kind == 1 ? ByteStore.ETERNAL : at);
                      expected.put(k, value(k, op));
                      expiries.put(k, kind == 1 ? ByteStore.ETERNAL : at);
                    } else if (kind < 8) {
                      store.remove(key(k));
                      expected.remove(k);
                    } else if (store.touch(key(k), hour + op)) {
                      expiries.put(k, hour + op);
                    }
                  }
                }));
      }
      writers.forEach(Thread::start);
      for (Thread w : writers) {
        w.join();
      }
      assertEquals(0, store.stats().evictions(), "the live data fits: nothing was evicted");
    }
    try (ByteStore store = ByteStore.open(config)) {
      long now = System.currentTimeMillis();
      for (int k = 0; k < threads * keysPerThread; k++) {
        byte[] want = expected.get(k);
        if (want != null && expiries.get(k) <= now + 1_000) {
          continue; // expired or about to: either way is right
        }
        assertArrayEquals(want, store.get(key(k)), "key " + k);
        if (want != null) {
          assertEquals(expiries.get(k), store.expiryOf(key(k)), "expiry of key " + k);
        }
      }
    }
  }

  @Test
  void largeItems_areRestored() {
    byte[] big = new byte[100_000];
    new Random(3).nextBytes(big);
    try (ByteStore store = open(Persistence.in(dir))) {
      store.put(key(1), big, ByteStore.ETERNAL);
      store.put(key(2), big, ByteStore.ETERNAL);
      store.remove(key(2));
    }
    try (ByteStore store = open(Persistence.in(dir))) {
      assertArrayEquals(big, store.get(key(1)));
      assertNull(store.get(key(2)));
    }
  }

  @Test
  void clear_thenClose_restoresNothing() {
    try (ByteStore store = open(Persistence.in(dir))) {
      store.put(key(1), value(1, 0), ByteStore.ETERNAL);
      store.flush();
      store.clear();
    }
    try (ByteStore store = open(Persistence.in(dir))) {
      assertEquals(0, store.size());
    }
  }

  @Test
  void open_afterEntriesExpired_dropsThemAndTheirFiles() throws IOException {
    try (ByteStore store = open(Persistence.in(dir))) {
      for (int i = 0; i < 2_000; i++) {
        store.put(key(i), value(i, 0), NOW + 1_000);
      }
      store.put(key(-1), value(-1, 0), ByteStore.ETERNAL);
    }
    clock.addAndGet(2_000);
    try (ByteStore store = open(Persistence.in(dir))) {
      assertEquals(1, store.size());
      assertNull(store.get(key(5)));
      assertArrayEquals(value(-1, 0), store.get(key(-1)));
    }
    assertEquals(1, segmentFiles().size(), "only the segment of the live entry is left");
  }

  @Test
  void flush_thenStateOfTheFilesAtThatMoment_isWhatAnotherStoreRestores() throws IOException {
    Path copy = dir.resolveSibling(dir.getFileName() + "-crash");
    try (ByteStore store = open(Persistence.in(dir))) {
      for (int i = 0; i < 3_000; i++) {
        store.put(key(i), value(i, 0), ByteStore.ETERNAL);
      }
      store.remove(key(10));
      store.flush();
      copyDirectory(dir, copy); // what a kill -9 right after this flush leaves
      store.put(key(10), value(10, 1), ByteStore.ETERNAL);
      store.remove(key(11));
    }
    try (ByteStore store = open(Persistence.in(copy))) {
      assertNull(store.get(key(10)));
      assertArrayEquals(value(11, 0), store.get(key(11)));
      assertEquals(2_999, store.size());
    }
  }

  @Test
  void aFlippedByte_inASegmentFile_skipsThatSegmentAndNoOther() throws IOException {
    try (ByteStore store = open(Persistence.in(dir))) {
      for (int i = 0; i < 3_000; i++) {
        store.put(key(i), value(i, 0), ByteStore.ETERNAL);
      }
    }
    List<Path> files = segmentFiles();
    flipByte(files.get(files.size() / 2), 200);
    try (ByteStore store = open(Persistence.in(dir))) {
      long restored = store.size();
      assertTrue(restored < 3_000 && restored > 2_500, "restored " + restored);
      for (int i = 0; i < 3_000; i++) {
        byte[] v = store.get(key(i));
        if (v != null) {
          assertArrayEquals(value(i, 0), v, "a restored value is never damaged");
        }
      }
    }
  }

  @Test
  void aTruncatedSegmentFile_isSkipped() throws IOException {
    try (ByteStore store = open(Persistence.in(dir))) {
      for (int i = 0; i < 3_000; i++) {
        store.put(key(i), value(i, 0), ByteStore.ETERNAL);
      }
    }
    Path victim = segmentFiles().get(0);
    try (FileChannel channel = FileChannel.open(victim, StandardOpenOption.WRITE)) {
      channel.truncate(channel.size() / 2);
    }
    try (ByteStore store = open(Persistence.in(dir))) {
      assertTrue(store.size() < 3_000 && store.size() > 2_500, "restored " + store.size());
    }
  }

  @Test
  void aDamagedManifest_discardsEverythingAndTheStoreWorks() throws IOException {
    try (ByteStore store = open(Persistence.in(dir))) {
      store.put(key(1), value(1, 0), ByteStore.ETERNAL);
    }
    flipByte(dir.resolve(PersistentLog.MANIFEST), 40);
    try (ByteStore store = open(Persistence.in(dir))) {
      assertEquals(0, store.size());
      store.put(key(2), value(2, 0), ByteStore.ETERNAL);
    }
    try (ByteStore store = open(Persistence.in(dir))) {
      assertArrayEquals(value(2, 0), store.get(key(2)));
      assertEquals(1, store.size());
    }
  }

  @Test
  void aDamagedDeletesLog_discardsEverything_ratherThanBringBackARemovedEntry() throws IOException {
    try (ByteStore store = open(Persistence.in(dir))) {
      for (int i = 0; i < 200; i++) {
        store.put(key(i), value(i, 0), ByteStore.ETERNAL);
      }
      store.flush();
      store.remove(key(1)); // its segment keeps live items: the deletion is in the log
    }
    Path deletes;
    try (Stream<Path> files = Files.list(dir)) {
      deletes =
          files
              .filter(f -> PersistenceDescriptor.isDeletesFileName(f.getFileName().toString()))
              .findFirst()
              .orElseThrow();
    }
    assertTrue(Files.size(deletes) > PersistenceDescriptor.FILE_HEADER_LENGTH, "holds a record");
    flipByte(deletes, (int) Files.size(deletes) - 3); // in the record
    try (ByteStore store = open(Persistence.in(dir))) {
      assertNull(store.get(key(1)));
      assertEquals(0, store.size());
    }
  }

  @Test
  void aChangedFingerprint_orNoRestore_discardsTheData() {
    try (ByteStore store = open(Persistence.in(dir).codecFingerprint(1))) {
      store.put(key(1), value(1, 0), ByteStore.ETERNAL);
    }
    try (ByteStore store = open(Persistence.in(dir).codecFingerprint(2))) {
      assertEquals(0, store.size());
      store.put(key(2), value(2, 0), ByteStore.ETERNAL);
    }
    try (ByteStore store = open(Persistence.in(dir).codecFingerprint(2).restore(false))) {
      assertEquals(0, store.size());
    }
    assertFalse(Persistence.exists(dir), "nothing was written since the discard");
  }

  @Test
  void aSecondStore_onAnOpenDirectory_isRefusedNamingIt() {
    try (ByteStore store = open(Persistence.in(dir))) {
      IllegalStateException e =
          assertThrows(IllegalStateException.class, () -> open(Persistence.in(dir)));
      assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
      assertThrows(IllegalStateException.class, () -> Persistence.delete(dir));
      store.put(key(1), value(1, 0), ByteStore.ETERNAL); // the first store is unharmed
    }
  }

  @Test
  void delete_removesTheStoresFilesAndKeepsOthers() throws IOException {
    Files.writeString(dir.resolve("notes.txt"), "not ours");
    try (ByteStore store = open(Persistence.in(dir))) {
      store.put(key(1), value(1, 0), ByteStore.ETERNAL);
    }
    assertTrue(Persistence.exists(dir));
    Persistence.delete(dir);
    assertFalse(Persistence.exists(dir));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(
          List.of(dir.resolve(PersistentLog.LOCK), dir.resolve("notes.txt")),
          files.sorted().toList(),
          "the lock file stays, empty, and what is not the store's");
    }
    try (ByteStore store = open(Persistence.in(dir))) {
      assertEquals(0, store.size());
    }
  }

  @Test
  void close_releasesEveryNativeByte() {
    ByteStore store = open(Persistence.in(dir));
    for (int i = 0; i < 2_000; i++) {
      store.put(key(i), value(i, 0), ByteStore.ETERNAL);
    }
    store.close();
    ByteStore reopened = open(Persistence.in(dir));
    assertEquals(2_000, reopened.size());
    reopened.close();
    assertEquals(0, ((SegmentStore) reopened).allocatedBytes());
  }

  private List<Path> segmentFiles() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(f -> PersistenceDescriptor.segmentSeq(f.getFileName().toString()) >= 0)
          .sorted()
          .toList();
    }
  }

  private static void flipByte(Path file, int at) throws IOException {
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ByteBuffer b = ByteBuffer.allocate(1);
      channel.read(b, at);
      b.put(0, (byte) (b.get(0) ^ 0x10));
      channel.write(b.rewind(), at);
    }
  }

  private static void copyDirectory(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(from)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        if (!f.getFileName().toString().equals(PersistentLog.LOCK)) {
          Files.copy(f, to.resolve(f.getFileName()));
        }
      }
    }
  }
}
