package io.cairn.engine.segment;

import static io.cairn.engine.segment.PersistenceDescriptor.DATA_CHUNK_HEADER;
import static io.cairn.engine.segment.PersistenceDescriptor.DELETES_CHUNK_HEADER;
import static io.cairn.engine.segment.PersistenceDescriptor.DELETES_MAGIC;
import static io.cairn.engine.segment.PersistenceDescriptor.FILE_HEADER_LENGTH;
import static io.cairn.engine.segment.PersistenceDescriptor.SEGMENT_MAGIC;

import io.cairn.engine.Persistence;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A persistent store's directory: its lock, its {@link Manifest} and the files it names (layout in
 * {@link PersistenceDescriptor}).
 *
 * <h2>Flush</h2>
 *
 * A flush makes a consistent cut of the store, holding every shard's writers' lock for an instant
 * ({@link ShardCut}): the write offset of every segment holding live items, and the deletions
 * logged since the last cut. It then appends each segment's bytes between the last flushed offset
 * and the cut's to the segment's file, copied under the lock one segment at a time (with the
 * deleted flags cleared, so that what the file says about deletion is the cut's, told by the
 * deletes log alone), appends the cut's deletions to the deletes log, forces both to disk, and only
 * then replaces the manifest by an atomic rename. What the disk holds is therefore always the state
 * of the last cut that completed: a crash during a flush leaves the previous manifest in force, and
 * bytes appended past the lengths it names are ignored.
 *
 * <p>A key has at most one live item in the cut: a write appends the new item and logs the old
 * one's deletion under one hold of the lock, so the cut holds both or neither; the cleaner's and
 * the policies' copies empty their source segment in the same hold, so the cut names the copy or
 * the source. A segment emptied between the cut and its copy keeps what the previous flush wrote of
 * it; the items it held beyond that are lost with the flush window.
 *
 * <h2>Restore</h2>
 *
 * On open the manifest's segments are replayed in sequence order into the fresh store, as writes of
 * their live items with their exact expiry: deleted items (the deletes log) and expired ones are
 * skipped, a segment whose latest expiry has passed is not even read, and a segment file whose
 * header or any chunk fails its checksum is skipped whole with a warning. Its items are lost, but
 * nothing stale comes back: an older item of the same key is deleted in the log of its own segment.
 * The replayed store writes new segments under new sequence numbers; the old files are deleted once
 * the first flush after the restore has replaced the manifest.
 *
 * <p>Threading: {@link #flush} and {@link #restore} are synchronized; the rest runs at open and
 * close.
 */
public final class PersistentLog {

  private static final Logger LOG = LoggerFactory.getLogger(PersistentLog.class);

  /** The manifest's file name: the set of segment files that make up the last flush. */
  static final String MANIFEST = "MANIFEST";

  /** The lock file's name: a store holds an exclusive lock on it while open. */
  static final String LOCK = "LOCK";

  /** The manifest written before the rename that makes it the manifest. */
  private static final String MANIFEST_TEMP = "MANIFEST.tmp";

  /** Deletes-log length below which it is never compacted: rewriting it would cost more. */
  private static final long MIN_COMPACTION_BYTES = 1 << 20;

  /** The largest copy buffer kept between flushes: four default segments. */
  private static final int MAX_RETAINED_BUFFER = 1 << 20;

  /**
   * Attempts of a flush before it commits though a segment was reused between its cut and its copy:
   * each attempt cuts again, so only a shard that reuses a segment within every attempt's window
   * loses that segment's unflushed items.
   */
  private static final int MAX_FLUSH_ATTEMPTS = 4;

  private final Path directory;
  private final Persistence settings;
  private final String storeName;
  private final DirectoryLock lock;
  private final long firstSeq;

  private Manifest committed; // what the disk holds now; guarded by this
  private Manifest restorable; // the manifest found at open, until restored; guarded by this
  private final List<Path> obsolete = new ArrayList<>(); // deleted after the next commit
  private long[] pending = new long[64]; // deletions cut but not yet committed; guarded by this
  private int pendingCount;
  private long compactedLength; // the deletes log's length after its last rewrite
  private byte[] buffer = new byte[0];
  private boolean closed;

  private PersistentLog(Path directory, Persistence settings, String storeName, DirectoryLock lock)
      throws IOException {
    this.directory = directory;
    this.settings = settings;
    this.storeName = storeName;
    this.lock = lock;
    Manifest found = Manifest.read(directory.resolve(MANIFEST));
    String discard = found == null ? null : reasonToDiscard(found);
    if (discard != null) {
      if (settings.restore()) {
        LOG.warn(
            "store {}: discarding the data persisted in {}: {}", storeName, directory, discard);
      } else {
        LOG.info(
            "store {}: discarding the data persisted in {}: {}", storeName, directory, discard);
      }
      found = null;
    }
    this.restorable = found;
    long maxSeq = found == null ? 0 : found.maxSeq();
    long generation = found == null ? 0 : found.generation();
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        String name = String.valueOf(file.getFileName());
        maxSeq = Math.max(maxSeq, PersistenceDescriptor.segmentSeq(name));
        if (isOurs(name) && !isReferenced(found, name)) {
          Files.deleteIfExists(file); // a crashed flush's files, or discarded data
        }
      }
    }
    this.firstSeq = maxSeq + 1;
    this.committed = Manifest.empty(settings.codecFingerprint(), generation + 1);
  }

  private String reasonToDiscard(Manifest found) {
    if (!settings.restore()) {
      return "the store is configured not to restore";
    }
    if (found.fingerprint() != settings.codecFingerprint()) {
      return "the key and value encodings changed (fingerprint "
          + Long.toHexString(found.fingerprint())
          + ", now "
          + Long.toHexString(settings.codecFingerprint())
          + ")";
    }
    return null;
  }

  /** Whether {@code name} is a file a store writes (the lock aside): others are never touched. */
  private static boolean isOurs(String name) {
    return name.equals(MANIFEST)
        || name.equals(MANIFEST_TEMP)
        || PersistenceDescriptor.segmentSeq(name) >= 0
        || PersistenceDescriptor.isDeletesFileName(name);
  }

  private static boolean isReferenced(Manifest manifest, String name) {
    if (manifest == null) {
      return false;
    }
    if (name.equals(MANIFEST)) {
      return true;
    }
    long seq = PersistenceDescriptor.segmentSeq(name);
    return seq >= 0
        ? manifest.entry(seq) != null
        : name.equals(PersistenceDescriptor.deletesFileName(manifest.deletesGeneration()));
  }

  /**
   * Opens the directory of {@code settings} for a store, creating it if need be, and locks it.
   *
   * @throws IllegalStateException if another store has it open
   */
  static PersistentLog open(Persistence settings, String storeName) throws IOException {
    Path directory = settings.directory();
    Files.createDirectories(directory);
    DirectoryLock locked = DirectoryLock.take(directory);
    try {
      return new PersistentLog(directory, settings, storeName, locked);
    } catch (IOException | RuntimeException e) {
      locked.close();
      throw e;
    }
  }

  /** The exclusive lock a store holds on its directory's lock file while open. */
  record DirectoryLock(FileChannel channel, FileLock lock) implements AutoCloseable {

    /**
     * Takes the lock of {@code directory}.
     *
     * @throws IllegalStateException if another store holds it, in this process or another
     */
    static DirectoryLock take(Path directory) throws IOException {
      FileChannel channel =
          FileChannel.open(
              directory.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      } catch (IOException | RuntimeException e) {
        channel.close();
        throw e;
      }
      if (lock == null) {
        channel.close();
        throw new IllegalStateException(
            "persistence directory " + directory + " is in use by another store");
      }
      return new DirectoryLock(channel, lock);
    }

    @Override
    public void close() throws IOException {
      channel.close(); // releases the lock
    }
  }

  /**
   * The seq of the segment file for the opening {@code epoch} of shard {@code shard} of {@code n}.
   */
  long seqOf(long epoch, int shard, int n) {
    long seq = firstSeq + epoch * n + shard;
    if (seq > PersistenceDescriptor.MAX_SEQ) {
      throw new IllegalStateException("segment sequence exhausted in " + directory);
    }
    return seq;
  }

  // ---------------------------------------------------------------- restore

  /** What a restore found. */
  record Restored(long entries, int segments, int expiredSegments, int corruptSegments) {}

  /** Receives the live items of a restore. */
  @FunctionalInterface
  interface ItemSink {
    /** Stores {@code key -> value} until {@code expireAt}; returns whether it was kept. */
    boolean accept(byte[] key, byte[] value, long expireAt);
  }

  /**
   * Replays what the directory held at open into {@code sink}, skipping what was deleted or has
   * expired by {@code now}; see the class note.
   */
  synchronized Restored restore(io.cairn.engine.memory.NativeMemory memory, long now, ItemSink sink)
      throws IOException {
    Manifest found = restorable;
    restorable = null;
    if (found == null) {
      return new Restored(0, 0, 0, 0);
    }
    obsolete.add(
        directory.resolve(PersistenceDescriptor.deletesFileName(found.deletesGeneration())));
    found.forEach(e -> obsolete.add(segmentFile(e.seq())));
    long[] deletions;
    try {
      deletions = PersistedFiles.readDeletes(directory, found);
    } catch (CorruptFileException e) {
      LOG.error(
          "store {}: the deletes log in {} is corrupt ({}): discarding all persisted data, which"
              + " could otherwise bring back removed entries",
          storeName,
          directory,
          e.getMessage());
      return new Restored(0, 0, 0, found.size());
    }
    Arrays.sort(deletions);
    SegmentReplay replay = new SegmentReplay(memory, found.maxDataLength());
    long entries = 0;
    int segments = 0;
    int expired = 0;
    int corrupt = 0;
    try {
      for (Manifest.Entry e : found.bySeq()) {
        if (e.maxExpiry() <= now) {
          expired++;
          continue;
        }
        try {
          byte[] bytes = PersistedFiles.readSegment(directory, e, found.fingerprint());
          entries +=
              replay.replay(bytes, e.dataLength(), deletionsOf(deletions, e.seq()), now, sink);
          segments++;
        } catch (CorruptFileException ex) {
          corrupt++;
          LOG.warn(
              "store {}: segment file {} is corrupt ({}): its entries are not restored",
              storeName,
              segmentFile(e.seq()),
              ex.getMessage());
        }
      }
    } finally {
      replay.free();
    }
    return new Restored(entries, segments, expired, corrupt);
  }

  private static long[] deletionsOf(long[] sorted, long seq) {
    int from = lowerBound(sorted, PersistenceDescriptor.record(seq, 0));
    int to = lowerBound(sorted, PersistenceDescriptor.record(seq + 1, 0));
    return Arrays.copyOfRange(sorted, from, to);
  }

  private static int lowerBound(long[] sorted, long key) {
    int i = Arrays.binarySearch(sorted, key);
    if (i < 0) {
      return -i - 1;
    }
    while (i > 0 && sorted[i - 1] == key) {
      i--;
    }
    return i;
  }

  // ---------------------------------------------------------------- flush

  /**
   * Makes the state of {@code shards} now durable; see the class note. On failure what the disk
   * held stays in force and the next flush starts again from it.
   */
  synchronized void flush(SegmentStore store, Shard[] shards) throws IOException {
    for (int attempt = 1; !closed && !tryFlush(store, shards, attempt == MAX_FLUSH_ATTEMPTS); ) {
      attempt++;
    }
  }

  /**
   * One attempt of {@link #flush}: returns false, having committed nothing, if a segment was reused
   * between the cut and its copy, unless this is the {@code last} attempt.
   */
  private boolean tryFlush(SegmentStore store, Shard[] shards, boolean last) throws IOException {
    Map<Long, Manifest.Entry> next = new HashMap<>();
    boolean changed = false;
    ShardCut[] cuts =
        ShardCut.takeAll(
            store, shards, (shard, epoch) -> seqOf(epoch, shard, shards.length), this::addPending);
    for (int s = 0; s < shards.length; s++) {
      ShardCut cut = cuts[s];
      for (int i = 0; i < cut.count(); i++) {
        long seq = seqOf(cut.epoch(i), s, shards.length);
        Manifest.Entry prev = committed.entry(seq);
        int from = prev == null ? 0 : prev.dataLength();
        long fileLength = prev == null ? 0 : prev.fileLength();
        int to = cut.writeOffset(i);
        if (to > from) {
          if (buffer.length < to - from) {
            buffer = new byte[Math.max(to - from, buffer.length * 2)];
          }
          if (ShardCut.copy(store, shards[s], cut.id(i), cut.epoch(i), from, to, buffer)) {
            fileLength = appendData(seq, fileLength, from, to - from);
            from = to;
            changed = true;
          } else if (!last) {
            return false; // its live items moved past the cut: cut again
          } else if (prev == null) {
            continue; // nothing of it was written: its moved items are lost with the window
          }
        }
        next.put(seq, new Manifest.Entry(seq, fileLength, cut.maxExpiry(i), from));
      }
    }
    changed |= pendingCount > 0 || !next.keySet().equals(committed.seqs());
    if (!changed) {
      return true;
    }
    Manifest manifest = writeDeletes(next);
    manifest.write(directory.resolve(MANIFEST_TEMP), directory.resolve(MANIFEST));
    syncDirectory();
    for (long seq : committed.seqs()) {
      if (!next.containsKey(seq)) {
        Files.deleteIfExists(segmentFile(seq));
      }
    }
    if (manifest.deletesGeneration() != committed.deletesGeneration()) {
      Files.deleteIfExists(
          directory.resolve(PersistenceDescriptor.deletesFileName(committed.deletesGeneration())));
    }
    for (Path file : obsolete) {
      Files.deleteIfExists(file);
    }
    obsolete.clear();
    committed = manifest;
    pendingCount = 0;
    if (buffer.length > MAX_RETAINED_BUFFER) {
      buffer = new byte[0]; // a large item's copy need not stay on the heap
    }
    return true;
  }

  private void addPending(long record) {
    if (pendingCount == pending.length) {
      pending = Arrays.copyOf(pending, pendingCount * 2);
    }
    pending[pendingCount++] = record;
  }

  private Path segmentFile(long seq) {
    return directory.resolve(PersistenceDescriptor.segmentFileName(seq));
  }

  /**
   * Appends {@code buffer[0, length)}, segment bytes from {@code offset}, to the file of {@code
   * seq}.
   */
  private long appendData(long seq, long fileLength, int offset, int length) throws IOException {
    try (FileChannel channel =
        FileChannel.open(segmentFile(seq), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      long at = fileLength;
      if (at == 0) {
        writeFully(
            channel,
            PersistenceDescriptor.fileHeader(SEGMENT_MAGIC, seq, settings.codecFingerprint()),
            0);
        at = FILE_HEADER_LENGTH;
      }
      channel.truncate(at); // what a failed flush appended past the committed length
      ByteBuffer header = ByteBuffer.allocate(DATA_CHUNK_HEADER);
      header
          .putInt(offset)
          .putInt(length)
          .putInt(PersistenceDescriptor.dataChunkCrc(offset, length, buffer, 0));
      writeFully(channel, header.flip(), at);
      writeFully(channel, ByteBuffer.wrap(buffer, 0, length), at + DATA_CHUNK_HEADER);
      channel.force(false);
      return at + DATA_CHUNK_HEADER + length;
    }
  }

  /**
   * Appends the pending deletions of segments in {@code next} to the deletes log (a new generation
   * holding only those, when the log has doubled since it was last rewritten), forced to disk;
   * returns the manifest naming it and {@code next}.
   */
  private Manifest writeDeletes(Map<Long, Manifest.Entry> next) throws IOException {
    long generation = committed.deletesGeneration();
    long length = committed.deletesLength();
    long[] records = new long[pendingCount];
    int n = 0;
    for (int i = 0; i < pendingCount; i++) {
      if (next.containsKey(PersistenceDescriptor.recordSeq(pending[i]))) {
        records[n++] = pending[i];
      }
    }
    if (length > Math.max(MIN_COMPACTION_BYTES, 2 * compactedLength)) {
      long[] kept = keptDeletes(next);
      long[] all = Arrays.copyOf(kept, kept.length + n);
      System.arraycopy(records, 0, all, kept.length, n);
      records = all;
      n = all.length;
      generation++;
      length = 0;
    }
    if (n > 0 || length == 0) {
      Path file = directory.resolve(PersistenceDescriptor.deletesFileName(generation));
      try (FileChannel channel =
          FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
        if (length == 0) {
          channel.truncate(0);
          writeFully(
              channel,
              PersistenceDescriptor.fileHeader(
                  DELETES_MAGIC, generation, settings.codecFingerprint()),
              0);
          length = FILE_HEADER_LENGTH;
          if (generation != committed.deletesGeneration()) {
            compactedLength = FILE_HEADER_LENGTH + DELETES_CHUNK_HEADER + (long) n * Long.BYTES;
          }
        }
        channel.truncate(length);
        if (n > 0) {
          ByteBuffer chunk = ByteBuffer.allocate(DELETES_CHUNK_HEADER + n * Long.BYTES);
          chunk.position(DELETES_CHUNK_HEADER);
          for (int i = 0; i < n; i++) {
            chunk.putLong(records[i]);
          }
          chunk
              .putInt(0, n)
              .putInt(
                  4,
                  PersistenceDescriptor.crc(chunk.array(), DELETES_CHUNK_HEADER, n * Long.BYTES));
          writeFully(channel, chunk.flip(), length);
          length += chunk.limit();
        }
        channel.force(false);
      }
    }
    return new Manifest(
        settings.codecFingerprint(), committed.generation() + 1, generation, length, next);
  }

  /** The committed deletion records of segments still in {@code next}. */
  private long[] keptDeletes(Map<Long, Manifest.Entry> next) throws IOException {
    long[] all;
    try {
      all = PersistedFiles.readDeletes(directory, committed);
    } catch (CorruptFileException e) {
      throw new IOException("the deletes log changed under the store: " + e.getMessage(), e);
    }
    int n = 0;
    for (long r : all) {
      if (next.containsKey(PersistenceDescriptor.recordSeq(r))) {
        all[n++] = r;
      }
    }
    return Arrays.copyOf(all, n);
  }

  static void writeFully(FileChannel channel, ByteBuffer bytes, long at) throws IOException {
    long position = at;
    while (bytes.hasRemaining()) {
      position += channel.write(bytes, position);
    }
  }

  private void syncDirectory() {
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException e) {
      // Some platforms cannot open a directory; the rename is then as durable as they make it.
      LOG.debug("store {}: cannot sync directory {}", storeName, directory, e);
    }
  }

  /** Releases the directory's lock; later flushes do nothing. */
  synchronized void close() {
    closed = true;
    try {
      lock.close();
    } catch (IOException e) {
      LOG.warn("store {}: cannot release the lock on {}", storeName, directory, e);
    }
  }

  // ---------------------------------------------------------------- outside any store

  /** Whether {@code directory} holds a persisted store. */
  public static boolean exists(Path directory) {
    return Files.isRegularFile(directory.resolve(MANIFEST));
  }

  /**
   * Deletes a persisted store's files, under the directory's lock; see {@link
   * io.cairn.engine.Persistence#delete}. The lock file stays, empty, and so does the directory: a
   * store opening the directory meanwhile may hold the lock file open, and unlinking it would let a
   * third store lock a new one beside it.
   */
  public static void delete(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      return;
    }
    DirectoryLock locked = DirectoryLock.take(directory);
    try {
      Files.deleteIfExists(directory.resolve(MANIFEST)); // first: a crash mid-way restores nothing
      try (Stream<Path> files = Files.list(directory)) {
        for (Path file : (Iterable<Path>) files::iterator) {
          if (isOurs(String.valueOf(file.getFileName()))) {
            Files.deleteIfExists(file);
          }
        }
      }
    } finally {
      locked.close();
    }
  }
}
