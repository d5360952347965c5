package io.cairn.engine.segment;

import static io.cairn.engine.segment.PersistenceDescriptor.MANIFEST_ENTRY_LENGTH;
import static io.cairn.engine.segment.PersistenceDescriptor.MANIFEST_HEADER_LENGTH;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a flush made durable: the segment files, how much of each, and how much of the deletes log
 * (layout in {@link PersistenceDescriptor}). Immutable.
 */
final class Manifest {

  private static final Logger LOG = LoggerFactory.getLogger(Manifest.class);

  /**
   * A segment file: its bytes up to {@code fileLength} hold the segment up to {@code dataLength}.
   */
  record Entry(long seq, long fileLength, long maxExpiry, int dataLength) {}

  private final long fingerprint;
  private final long generation;
  private final long deletesGeneration;
  private final long deletesLength;
  private final Map<Long, Entry> entries;

  Manifest(
      long fingerprint,
      long generation,
      long deletesGeneration,
      long deletesLength,
      Map<Long, Entry> entries) {
    this.fingerprint = fingerprint;
    this.generation = generation;
    this.deletesGeneration = deletesGeneration;
    this.deletesLength = deletesLength;
    this.entries = Map.copyOf(entries);
  }

  /** The manifest of an empty directory: the next flush writes deletes log {@code generation}. */
  static Manifest empty(long fingerprint, long generation) {
    return new Manifest(fingerprint, generation, generation, 0, Map.of());
  }

  long fingerprint() {
    return fingerprint;
  }

  long generation() {
    return generation;
  }

  long deletesGeneration() {
    return deletesGeneration;
  }

  /** The committed length of the deletes log; 0 for none written. */
  long deletesLength() {
    return deletesLength;
  }

  Entry entry(long seq) {
    return entries.get(seq);
  }

  Set<Long> seqs() {
    return entries.keySet();
  }

  int size() {
    return entries.size();
  }

  void forEach(Consumer<Entry> action) {
    entries.values().forEach(action);
  }

  /** The entries in sequence order: the order a restore replays them. */
  List<Entry> bySeq() {
    List<Entry> list = new ArrayList<>(entries.values());
    list.sort(Comparator.comparingLong(Entry::seq));
    return Collections.unmodifiableList(list);
  }

  long maxSeq() {
    long max = 0;
    for (long seq : entries.keySet()) {
      max = Math.max(max, seq);
    }
    return max;
  }

  int maxDataLength() {
    int max = 0;
    for (Entry e : entries.values()) {
      max = Math.max(max, e.dataLength());
    }
    return max;
  }

  /**
   * Writes this manifest to {@code temp}, forces it, and renames it to {@code target} atomically.
   */
  void write(Path temp, Path target) throws IOException {
    ByteBuffer b =
        ByteBuffer.allocate(MANIFEST_HEADER_LENGTH + entries.size() * MANIFEST_ENTRY_LENGTH + 4);
    b.putLong(PersistenceDescriptor.MANIFEST_MAGIC)
        .putInt(PersistenceDescriptor.VERSION)
        .putInt(PersistenceDescriptor.DATA_ORDER)
        .putLong(fingerprint)
        .putLong(generation)
        .putLong(deletesGeneration)
        .putLong(deletesLength)
        .putInt(entries.size());
    for (Entry e : entries.values()) {
      b.putLong(e.seq()).putLong(e.fileLength()).putLong(e.maxExpiry()).putInt(e.dataLength());
    }
    b.putInt(PersistenceDescriptor.crc(b.array(), 0, b.position()));
    try (FileChannel channel =
        FileChannel.open(
            temp,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      PersistentLog.writeFully(channel, b.flip(), 0);
      channel.force(true);
    }
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /**
   * Reads the manifest at {@code file}; null if there is none, or if it is not one this version can
   * read or fails its checksum (logged: the data it named is then discarded).
   */
  static Manifest read(Path file) throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return null;
    }
    String problem = check(bytes);
    if (problem != null) {
      LOG.warn("manifest {} cannot be read ({}): the data it names is discarded", file, problem);
      return null;
    }
    ByteBuffer b = ByteBuffer.wrap(bytes);
    b.position(Long.BYTES + 2 * Integer.BYTES);
    long fingerprint = b.getLong();
    long generation = b.getLong();
    long deletesGeneration = b.getLong();
    long deletesLength = b.getLong();
    int count = b.getInt();
    Map<Long, Entry> entries = new java.util.HashMap<>();
    for (int i = 0; i < count; i++) {
      Entry e = new Entry(b.getLong(), b.getLong(), b.getLong(), b.getInt());
      entries.put(e.seq(), e);
    }
    return new Manifest(fingerprint, generation, deletesGeneration, deletesLength, entries);
  }

  private static String check(byte[] bytes) {
    if (bytes.length < MANIFEST_HEADER_LENGTH + 4) {
      return "truncated: " + bytes.length + " bytes";
    }
    ByteBuffer b = ByteBuffer.wrap(bytes);
    if (b.getLong(0) != PersistenceDescriptor.MANIFEST_MAGIC
        || b.getInt(Long.BYTES) != PersistenceDescriptor.VERSION
        || b.getInt(Long.BYTES + Integer.BYTES) != PersistenceDescriptor.DATA_ORDER) {
      return "not a version " + PersistenceDescriptor.VERSION + " manifest of this byte order";
    }
    int count = b.getInt(MANIFEST_HEADER_LENGTH - Integer.BYTES);
    if (count < 0
        || bytes.length != MANIFEST_HEADER_LENGTH + (long) count * MANIFEST_ENTRY_LENGTH + 4) {
      return "length " + bytes.length + " does not match count=" + count;
    }
    if (b.getInt(bytes.length - 4) != PersistenceDescriptor.crc(bytes, 0, bytes.length - 4)) {
      return "checksum mismatch";
    }
    return null;
  }
}
