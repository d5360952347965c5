package io.cairn.engine;

import java.util.Arrays;

/**
 * What the one thread that writes a key knows of it: the last version it wrote, whether that
 * version should still be in the store, its expiry, and the fate of every earlier version. Other
 * threads may only read the key; eviction and expiry may take it at any time, and must report it.
 *
 * <p>Confined to the owning thread while a test runs; read by the test thread after joining it.
 */
final class OwnedKey {

  /** The version was written: an event about it is possible. */
  static final int WRITTEN = 1;

  /** The owner wrote over it while it believed it live: REPLACED is the expected report. */
  static final int SUPERSEDED = 2;

  /** The owner removed it, and the store said so: EXPLICIT is the expected report. */
  static final int REMOVED = 4;

  /** The owner found it gone without removing it: it must have been evicted or have expired. */
  static final int VANISHED = 8;

  /** It was found gone after its expiry instant: a lazy store may never have reported it. */
  static final int EXPIRED_BY_TIME = 16;

  final byte[] key;
  final long hash;

  /** The last version handed out by {@link #next}, written or not; versions start at 1. */
  long version;

  /** The last version written. */
  long current;

  /** Whether {@link #current} should be live in the store, as far as the owner knows. */
  boolean present;

  /** The expiry instant of {@link #current} while present. */
  long expireAt;

  private byte[] flags = new byte[16];
  private long[] minExpiry = new long[16];

  OwnedKey(byte[] key) {
    this.key = key;
    this.hash = TestBytes.hash(key);
  }

  /** The next version to write; it counts as written only once {@link #wrote} says so. */
  long next() {
    version++;
    if (version >= flags.length) {
      flags = Arrays.copyOf(flags, flags.length * 2);
      minExpiry = Arrays.copyOf(minExpiry, minExpiry.length * 2);
    }
    return version;
  }

  /**
   * Records that {@code v} (from {@link #next}) is now the stored version, expiring at {@code at}.
   */
  void wrote(long v, long at) {
    flags[(int) v] |= WRITTEN;
    minExpiry[(int) v] = at;
    current = v;
    present = true;
    expireAt = at;
  }

  /**
   * Records that the owner's write of a new version replaced the live {@code old} one. A write
   * whose own instant had passed when it landed may have expired {@code old} instead, so such an
   * instant counts as an expiry {@code old} may be reported with.
   */
  void superseded(long old, long newExpireAt, long clockAfter) {
    flags[(int) old] |= SUPERSEDED;
    if (newExpireAt <= clockAfter) {
      lowerExpiry(old, newExpireAt);
    }
  }

  void removed(long v) {
    flags[(int) v] |= REMOVED;
    present = false;
  }

  /** Records that {@code v} was found gone, with the clock read just after finding it. */
  void vanished(long v, long clockAfter) {
    flags[(int) v] |= VANISHED;
    if (minExpiry[(int) v] <= clockAfter) {
      flags[(int) v] |= EXPIRED_BY_TIME;
    }
    present = false;
  }

  void lowerExpiry(long v, long at) {
    minExpiry[(int) v] = Math.min(minExpiry[(int) v], at);
  }

  boolean has(long v, int flag) {
    return v > 0 && v < flags.length && (flags[(int) v] & flag) != 0;
  }

  /** The earliest instant at which version {@code v} may have expired. */
  long minExpiry(long v) {
    return minExpiry[(int) v];
  }
}
