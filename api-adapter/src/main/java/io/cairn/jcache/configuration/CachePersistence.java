package io.cairn.jcache.configuration;

import io.cairn.engine.Persistence;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where and how a cache keeps its entries across restarts: the file's {@code persistence} section,
 * {@link CairnConfiguration#setPersistence} in code. A cache persists into its own subdirectory of
 * {@link #directory()}, named by {@link #fileName} after the cache, so caches may share one
 * directory; the engine's {@link Persistence} says what is durable when (docs/persistence.md).
 *
 * <p>A cache that may have missed changes while it was down does not restore what it persisted: a
 * cache whose cluster mode is not {@link ClusterMode#LOCAL}, or any cache of a manager with a
 * {@code cairn.cluster} section (whose Hibernate regions {@code CairnRegionFactory} keeps coherent
 * as local caches), starts empty unless {@link #restoreClustered()} says otherwise.
 *
 * <p>Threading: immutable.
 */
public final class CachePersistence implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The default flush interval, the engine's: at most a second of writes is lost in a crash. */
  public static final long DEFAULT_FLUSH_INTERVAL_MILLIS =
      Persistence.DEFAULT_FLUSH_INTERVAL_MILLIS;

  /**
   * The longest file name {@link #fileName} gives: below the 255 bytes of common file systems, with
   * room for what the engine may append.
   */
  static final int MAX_FILE_NAME = 200;

  /** The characters of an encoded name kept before the hash, when the name is too long. */
  private static final int HASHED_PREFIX = MAX_FILE_NAME - 17;

  /**
   * What {@link #codecFingerprint} hashes besides the serializers: the adapter's byte layout of
   * keys and values; a release that changes it changes this, and old data is discarded.
   */
  static final String CODEC_VERSION = "cairn-jcache by-value 1";

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private final String directory; // a Path is not serializable
  private final long flushIntervalMillis;
  private final boolean restoreClustered;

  private CachePersistence(String directory, long flushIntervalMillis, boolean restoreClustered) {
    this.directory = directory;
    this.flushIntervalMillis = flushIntervalMillis;
    this.restoreClustered = restoreClustered;
  }

  /**
   * Persistence under {@code directory} (made absolute against the working directory; created when
   * a cache opens), flushed every {@value #DEFAULT_FLUSH_INTERVAL_MILLIS} ms, not restoring
   * clustered caches.
   */
  public static CachePersistence in(Path directory) {
    Objects.requireNonNull(directory, "directory");
    return new CachePersistence(
        directory.toAbsolutePath().normalize().toString(), DEFAULT_FLUSH_INTERVAL_MILLIS, false);
  }

  /**
   * This persistence flushed every {@code millis}: at most that long of writes is lost in a crash.
   *
   * @throws IllegalArgumentException if {@code millis} is less than 1
   */
  public CachePersistence flushIntervalMillis(long millis) {
    if (millis < 1) {
      throw new IllegalArgumentException("flushIntervalMillis=" + millis + " must be at least 1");
    }
    return new CachePersistence(directory, millis, restoreClustered);
  }

  /**
   * This persistence restoring a clustered cache's entries too ({@code true}), or discarding them
   * ({@code false}, the default: a node that was down missed the other members' invalidations).
   */
  public CachePersistence restoreClustered(boolean restore) {
    return new CachePersistence(directory, flushIntervalMillis, restore);
  }

  /** The directory under which each cache has its own subdirectory, absolute. */
  public Path directory() {
    return Path.of(directory);
  }

  public long flushIntervalMillis() {
    return flushIntervalMillis;
  }

  public boolean restoreClustered() {
    return restoreClustered;
  }

  /** The directory the cache {@code cacheName} persists into: {@link #fileName} of it, inside. */
  public Path directoryOf(String cacheName) {
    return directory().resolve(fileName(cacheName));
  }

  /**
   * The engine's persistence for the cache {@code cacheName}, whose serializers have the {@code
   * codecFingerprint}: it restores unless the cache is {@code clustered} (see the class comment).
   * Internal: the adapter opens the store with it.
   */
  public Persistence forStore(String cacheName, long codecFingerprint, boolean clustered) {
    return Persistence.in(directoryOf(cacheName))
        .flushIntervalMillis(flushIntervalMillis)
        .codecFingerprint(codecFingerprint)
        .restore(!clustered || restoreClustered);
  }

  /**
   * {@code cacheName} as a file name that every common file system takes: each character but {@code
   * A-Z a-z 0-9 _ -} percent-encoded as its UTF-8 bytes ({@code com.example.Person} is {@code
   * com%2Eexample%2EPerson}), so that distinct names never share a file and no name is {@code .},
   * {@code ..} or a path. The empty name is {@code %}. A name whose encoding is longer than {@value
   * #MAX_FILE_NAME} characters keeps its first characters, then {@code ~} and a hash of the whole
   * name in 16 hex digits.
   */
  public static String fileName(String cacheName) {
    if (cacheName.isEmpty()) {
      return "%";
    }
    byte[] bytes = cacheName.getBytes(StandardCharsets.UTF_8);
    StringBuilder encoded = new StringBuilder(bytes.length);
    for (byte b : bytes) {
      if ((b >= 'A' && b <= 'Z')
          || (b >= 'a' && b <= 'z')
          || (b >= '0' && b <= '9')
          || b == '_'
          || b == '-') {
        encoded.append((char) b);
      } else {
        encoded.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
      }
    }
    if (encoded.length() <= MAX_FILE_NAME) {
      return encoded.toString();
    }
    int end = HASHED_PREFIX;
    int escape = encoded.lastIndexOf("%", end - 1);
    if (escape >= 0 && escape > end - 3) { // keep no escape cut in two
      end = escape;
    }
    return encoded.substring(0, end) + '~' + hex(fnv1a64(bytes));
  }

  /**
   * The fingerprint of the encodings of a cache's keys and values, for {@link #forStore}: a hash of
   * the class names of the serializers in use (after the tagless choice of {@link
   * io.cairn.jcache.serialization.Serializers#forType}) and of {@link #CODEC_VERSION}. What a cache
   * persisted under other serializers is discarded when it opens. A serializer that changes its
   * format under the same class name must be given a new name for that. Internal.
   */
  public static long codecFingerprint(Object keySerializer, Object valueSerializer) {
    String codecs =
        CODEC_VERSION
            + "\n"
            + keySerializer.getClass().getName()
            + "\n"
            + valueSerializer.getClass().getName();
    return fnv1a64(codecs.getBytes(StandardCharsets.UTF_8));
  }

  /** The 64-bit FNV-1a hash of {@code bytes}: stable across JVMs and releases. */
  static long fnv1a64(byte[] bytes) {
    long hash = 0xcbf29ce484222325L;
    for (byte b : bytes) {
      hash ^= b & 0xFF;
      hash *= 0x100000001b3L;
    }
    return hash;
  }

  private static String hex(long value) {
    char[] digits = new char[16];
    for (int i = 15; i >= 0; i--) {
      digits[i] = HEX[(int) (value & 0xF)];
      value >>>= 4;
    }
    return new String(digits);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CachePersistence that
        && directory.equals(that.directory)
        && flushIntervalMillis == that.flushIntervalMillis
        && restoreClustered == that.restoreClustered;
  }

  @Override
  public int hashCode() {
    return Objects.hash(directory, flushIntervalMillis, restoreClustered);
  }

  @Override
  public String toString() {
    return "CachePersistence{directory="
        + directory
        + ", flushIntervalMillis="
        + flushIntervalMillis
        + ", restoreClustered="
        + restoreClustered
        + '}';
  }
}
