package io.cairn.engine;

import io.cairn.engine.segment.SegmentStore;
import java.util.Iterator;

/**
 * An off-heap store of byte keys and byte values with a per-entry expiry instant, bounded in bytes.
 *
 * <p>This is the engine's one interface: the JCache adapter speaks only to it. Keys are compared by
 * their bytes. Expiry instants are epoch milliseconds on the store's clock ({@link
 * StoreConfig.Builder#clock}); {@link #ETERNAL} means never. An entry whose expiry instant is not
 * after the clock's current time is expired: it is never returned, and a write that gives an entry
 * such an instant removes it (reported as {@link RemovalCause#EXPIRED}).
 *
 * <p>Instants are stored in 48 bits: any instant from {@link #MAX_INSTANT} on (the year 10889)
 * means never and reads back as {@link #ETERNAL}. The clock must return values from 0 to {@link
 * #MAX_INSTANT}; an operation that finds it outside throws {@link IllegalStateException}.
 *
 * <p>Threading: every method is thread-safe. Reads are optimistic and never block writers; writes
 * of one key are atomic with respect to each other. A change that depends on what is stored is
 * prepared outside the store and made with {@link #commit}, which writes only if the entry is still
 * the one read: no caller's code ever runs under a store lock. Readers passed in ({@link
 * ValueReader}, {@link EntryReader}) must not call back into the same store.
 *
 * <p>Errors are typed: a key longer than 65,535 bytes or an item larger than {@link
 * StoreConfig#maxItemBytes()} throws {@link ItemTooLargeException} (an {@link
 * IllegalArgumentException}) naming the lengths and the limit and leaves the store untouched; a
 * write for which no room can be made throws {@link CapacityException} and is not made; every
 * method throws {@link StoreClosedException} (an {@link IllegalStateException}) after {@link
 * #close()}. Null arguments throw {@link NullPointerException}.
 */
public interface ByteStore extends AutoCloseable {

  /** The expiry instant of an entry that never expires. */
  long ETERNAL = Long.MAX_VALUE;

  /**
   * The version of no entry: {@link #commit} with it writes only if the key has no live entry.
   * Every stored item has another version, unique among the versions its key's shard ever gave.
   */
  long ABSENT = 0;

  /**
   * The expiry given to {@link #commit} to keep the live entry's expiry as it is when the commit
   * runs, not as it was read: a {@link #touch} between the read and the commit is kept, where
   * passing the instant read would undo it. Only a commit that replaces a live entry (a version
   * other than {@link #ABSENT}, a value) takes it; anywhere else it is an instant long past.
   */
  long KEEP_EXPIRY = Long.MIN_VALUE;

  /** The largest instant a store keeps exactly, 2^48 - 1 ms; it and later ones mean never. */
  long MAX_INSTANT = (1L << 48) - 1;

  /** Opens a store with the given configuration; its native memory is taken as data arrives. */
  static ByteStore open(StoreConfig config) {
    return SegmentStore.open(config);
  }

  /** Returns a copy of the value mapped to {@code key}, or {@code null} if absent or expired. */
  byte[] get(byte[] key);

  /**
   * Reads the value mapped to {@code key} in place, without copying it to the heap.
   *
   * <p>The reader may run more than once when a concurrent writer intervenes; only the result of a
   * run over a consistent value is returned. It must not keep the view, and must not have side
   * effects beyond its result.
   *
   * @return the reader's result, or {@code null} if the key is absent or expired
   */
  <R> R read(byte[] key, ValueReader<R> reader);

  /**
   * Reads the live entry of {@code key} in place with its expiry instant and version, for a
   * read-prepare-commit cycle ({@link #commit}, {@link #touch(byte[], long, long)}). Counts no hit
   * or miss. The reader follows the rules of {@link #read}.
   *
   * @return the reader's result, or {@code null} if the key is absent or expired
   */
  <R> R readEntry(byte[] key, EntryReader<R> reader);

  /** Returns the expiry instant of the live entry for {@code key}, or {@code -1} if none. */
  long expiryOf(byte[] key);

  /** Returns whether a live (unexpired) entry is mapped to {@code key}. Counts no hit or miss. */
  boolean containsKey(byte[] key);

  /** Maps {@code key} to {@code value} until {@code expireAt}, replacing any previous value. */
  void put(byte[] key, byte[] value, long expireAt);

  /** Maps {@code key} to {@code value} if no live entry exists; returns whether it did. */
  boolean putIfAbsent(byte[] key, byte[] value, long expireAt);

  /** Replaces the value of a live entry; returns whether one existed. */
  boolean replace(byte[] key, byte[] value, long expireAt);

  /** Replaces the value of a live entry whose value equals {@code expected}; returns success. */
  boolean replace(byte[] key, byte[] expected, byte[] value, long expireAt);

  /** Removes the live entry for {@code key}; returns whether one existed. */
  boolean remove(byte[] key);

  /** Removes the live entry for {@code key} if its value equals {@code expected}. */
  boolean remove(byte[] key, byte[] expected);

  /** Sets the expiry instant of a live entry without rewriting its value; returns success. */
  boolean touch(byte[] key, long expireAt);

  /**
   * Writes {@code key -> value} until {@code expireAt}, or removes the entry if {@code value} is
   * null, only if the key's live item is still the one of {@code version} (read by {@link
   * #readEntry}; {@link #ABSENT} for no live entry). This is the commit of a change prepared
   * outside the store: serialization and user code run before it, never under a store lock.
   *
   * <p>A {@link #touch} that can change the expiry in place keeps the item, so its version: a
   * commit against a version read before it still matches. A touch that rewrites the item (an
   * instant more than 49.7 days past the item's segment, and every touch in a persistent store,
   * whose flushed items never change) gives it a new version, so such a commit fails and is
   * prepared again. To leave the expiry unchanged, pass {@link #KEEP_EXPIRY}, not the instant read.
   *
   * @return whether the version matched and the change was made
   * @throws IllegalArgumentException if {@code expireAt} is {@link #KEEP_EXPIRY} with no value or
   *     with {@link #ABSENT}
   */
  boolean commit(byte[] key, long version, byte[] value, long expireAt);

  /** Sets the expiry of the live entry only if it is still the item of {@code version}. */
  boolean touch(byte[] key, long version, long expireAt);

  /**
   * Makes what the store holds now durable in its persistence directory ({@link
   * StoreConfig#persistence()}) and returns when it is: what a crash after this cannot lose. A
   * store without persistence does nothing. Concurrent writes proceed meanwhile; they may or may
   * not be included.
   *
   * @throws java.io.UncheckedIOException if the files cannot be written; what the previous flush
   *     made durable stays so
   */
  void flush();

  /** Removes every entry, without notifying the removal listener. */
  void clear();

  /** The number of entries stored; may count entries that expired but are not yet reclaimed. */
  long size();

  /**
   * A weakly consistent iterator over copies of the live entries: it never throws {@link
   * java.util.ConcurrentModificationException}, returns each entry present for the whole iteration,
   * and may or may not return entries changed meanwhile. A resize of a shard's index during the
   * iteration may return an entry twice.
   */
  Iterator<StoreEntry> iterator();

  /** A snapshot of the store's counters. */
  StoreStats stats();

  /** The configuration the store runs with (after defaults were resolved). */
  StoreConfig config();

  /**
   * Releases every native byte the store holds. Idempotent. Concurrent operations either complete
   * before the memory is released or throw {@link IllegalStateException}.
   */
  @Override
  void close();

  /** Whether {@link #close()} has been called. */
  boolean isClosed();
}
