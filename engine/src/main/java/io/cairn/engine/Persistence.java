package io.cairn.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where and how a {@link ByteStore} keeps its entries across restarts; immutable. A persistent
 * store writes what it holds to its own directory every {@link #flushIntervalMillis()} and at
 * close, and a store opened on that directory later starts with those entries.
 *
 * <p>The contract, after a crash at any moment (a {@code kill -9}, a power loss on a disk that
 * honours {@code fsync}): a reopened store never returns a torn or corrupt value, never a value
 * that had been replaced or removed before the last completed flush, and returns every entry that
 * the last completed flush held and that was not changed, evicted or expired since. What changed
 * after it (at most one flush interval of writes) may be lost. A clean {@link ByteStore#close()}
 * flushes last, so nothing is lost.
 *
 * <p>A directory holds one store's files and is locked by the store that has it open: a second
 * store on it fails with an {@link IllegalStateException} naming it. Data written under another
 * {@link #codecFingerprint()} (the caller's serializers changed) or another format is discarded
 * with a log line, as is the data of a store opened with {@link #restore()} false.
 */
public final class Persistence {

  /** The default flush interval: one second of writes at most is lost in a crash. */
  public static final long DEFAULT_FLUSH_INTERVAL_MILLIS = 1_000;

  private final Path directory;
  private final long flushIntervalMillis;
  private final long codecFingerprint;
  private final boolean restore;

  private Persistence(
      Path directory, long flushIntervalMillis, long codecFingerprint, boolean restore) {
    this.directory = directory;
    this.flushIntervalMillis = flushIntervalMillis;
    this.codecFingerprint = codecFingerprint;
    this.restore = restore;
  }

  /** Persistence in {@code directory} (created if missing), flushed every second, restoring. */
  public static Persistence in(Path directory) {
    return new Persistence(
        Objects.requireNonNull(directory, "directory"), DEFAULT_FLUSH_INTERVAL_MILLIS, 0, true);
  }

  /** This persistence flushed every {@code millis} (at least 1). */
  public Persistence flushIntervalMillis(long millis) {
    if (millis < 1) {
      throw new IllegalArgumentException("flushIntervalMillis=" + millis + " must be at least 1");
    }
    return new Persistence(directory, millis, codecFingerprint, restore);
  }

  /**
   * This persistence with the fingerprint of the caller's key and value encodings: data written
   * under another fingerprint is discarded on open, since it can no longer be read.
   */
  public Persistence codecFingerprint(long fingerprint) {
    return new Persistence(directory, flushIntervalMillis, fingerprint, restore);
  }

  /**
   * This persistence restoring what the directory holds on open ({@code true}, the default) or
   * discarding it ({@code false}: a clustered cache that missed invalidations while down).
   */
  public Persistence restore(boolean restore) {
    return new Persistence(directory, flushIntervalMillis, codecFingerprint, restore);
  }

  public Path directory() {
    return directory;
  }

  public long flushIntervalMillis() {
    return flushIntervalMillis;
  }

  public long codecFingerprint() {
    return codecFingerprint;
  }

  public boolean restore() {
    return restore;
  }

  /**
   * Deletes what a store persisted in {@code directory}; nothing if it does not exist. Files that
   * are not the store's are left, and so are the directory and its empty lock file.
   *
   * @throws IllegalStateException if a store has the directory open
   * @throws UncheckedIOException if a file cannot be deleted
   */
  public static void delete(Path directory) {
    try {
      io.cairn.engine.segment.PersistentLog.delete(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the persisted store in " + directory, e);
    }
  }

  @Override
  public String toString() {
    return "Persistence{directory="
        + directory
        + ", flushIntervalMillis="
        + flushIntervalMillis
        + ", codecFingerprint="
        + Long.toHexString(codecFingerprint)
        + ", restore="
        + restore
        + '}';
  }

  /** Whether {@code directory} exists and holds a persisted store's files. */
  public static boolean exists(Path directory) {
    return io.cairn.engine.segment.PersistentLog.exists(directory);
  }
}
