package io.cairn.engine;

import java.util.function.Function;

/**
 * Read-prepare-commit cycles as the JCache adapter runs them ({@link ByteStore#readEntry}, then
 * {@link ByteStore#commit}): the tests' way to change an entry atomically.
 */
final class Commits {

  private Commits() {}

  /** A copy of what readEntry saw. */
  record Seen(byte[] value, long expireAt, long version) {}

  /** The live entry of {@code key} as readEntry sees it, copied; null if none. */
  static Seen read(ByteStore store, byte[] key) {
    return store.readEntry(key, (v, at, version) -> new Seen(v.toByteArray(), at, version));
  }

  /** The version of the live entry of {@code key}, or {@link ByteStore#ABSENT}. */
  static long version(ByteStore store, byte[] key) {
    Seen seen = read(store, key);
    return seen == null ? ByteStore.ABSENT : seen.version();
  }

  /**
   * Reads {@code key}, asks {@code next} for the value to write (null removes) and commits it
   * against the version read, retrying until the commit holds: an atomic read-modify-write.
   *
   * @return what the committed change replaced (null if the key had no live entry)
   */
  static Seen update(ByteStore store, byte[] key, Function<Seen, byte[]> next, long expireAt) {
    while (true) {
      Seen seen = read(store, key);
      long version = seen == null ? ByteStore.ABSENT : seen.version();
      if (store.commit(key, version, next.apply(seen), expireAt)) {
        return seen;
      }
    }
  }
}
