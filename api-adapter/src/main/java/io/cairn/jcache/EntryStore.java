package io.cairn.jcache;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * Where a cache keeps its entries, in the cache's key and value types: off the heap through the
 * engine ({@link OffHeapStore}, store-by-value) or on it ({@link HeapStore}, store-by-reference).
 *
 * <p>Changes are made in two steps, read then commit: {@link #read} returns the live entry with its
 * version, and {@link #commit} or {@link #touch} applies a change only if the key's entry is still
 * that version ({@link #ABSENT}: still none). Everything between the two, serialization and user
 * code, runs outside the store's locks; the cache holds the key's {@link KeyLocks lock} around
 * both, so a commit fails only when the store itself removed the entry meanwhile (expired, evicted,
 * or cleared).
 *
 * <p>Contract, shared by both stores: expiry instants are epoch milliseconds, {@code
 * Long.MAX_VALUE} for never; an entry whose instant is not after now is expired, is never returned,
 * and is reported once to the {@link Expirations} callback when it is found or removed (a read that
 * finds it removes it); a commit or touch that sets such an instant removes the entry and reports
 * it the same way. Reports arrive on the thread that found the entry, with no store lock held. Keys
 * and values are converted once, before any key is held ({@link #key}, {@link #value}).
 *
 * <p>Threading: every method is thread-safe.
 *
 * @param <K> the type of keys
 * @param <V> the type of values
 */
interface EntryStore<K, V> extends AutoCloseable {

  /** The version of no entry, for a commit that creates one. */
  long ABSENT = 0;

  /**
   * The expiry of a commit that keeps the live entry's expiry as it is when the commit runs: an
   * access that extended it after the read is kept (the engine's {@code ByteStore.KEEP_EXPIRY}).
   */
  long KEEP_EXPIRY = Long.MIN_VALUE;

  /**
   * The stored form of {@code key}.
   *
   * @throws javax.cache.CacheException if the key is too long for the store
   */
  StoreKey<K> key(K key);

  /** The stored form of {@code value}. */
  StoreValue<V> value(V value);

  /** The live value of {@code key}, or {@code null}. */
  V get(StoreKey<K> key);

  /**
   * The live entry of {@code key} with its version, or {@code null}; with its value only if {@code
   * withValue} (a value not read throws when asked for).
   */
  Current<V> read(StoreKey<K> key, boolean withValue);

  /** Whether a live entry exists for {@code key}. */
  boolean containsKey(StoreKey<K> key);

  /**
   * Stores {@code value} until {@code expireAt}, or removes the entry if {@code value} is {@code
   * null}, if the key's live entry is still the one of {@code version}. {@link #KEEP_EXPIRY} keeps
   * the live entry's expiry (a value and a version other than {@link #ABSENT} only).
   *
   * @return whether the version matched and the change was made
   * @throws javax.cache.CacheException if the entry is too large for the store
   */
  boolean commit(StoreKey<K> key, long version, StoreValue<V> value, long expireAt);

  /**
   * Stores {@code value} until {@code expireAt} (an instant after now) whatever the key's entry is:
   * a commit that needs no version, for a caller that holds the key and needs nothing of the entry
   * it replaces. An expired entry it replaces is reported as any other.
   *
   * @throws javax.cache.CacheException if the entry is too large for the store
   */
  default void put(StoreKey<K> key, StoreValue<V> value, long expireAt) {
    while (true) {
      Current<V> current = read(key, false);
      if (commit(key, current == null ? ABSENT : current.version(), value, expireAt)) {
        return;
      }
    }
  }

  /** Sets the expiry instant of the live entry if it is still the one of {@code version}. */
  boolean touch(StoreKey<K> key, long version, long expireAt);

  /**
   * A weakly consistent iterator over the live entries, their values read; their versions are not
   * known ({@link #ABSENT}): re-{@link #read} an entry to change it.
   */
  Iterator<Listed<K, V>> iterator();

  /** Removes every entry without reporting anything. */
  void clear();

  /** The current time on the store's clock, in epoch milliseconds. */
  long now();

  @Override
  void close();

  /** An entry met by {@link #iterator()}. */
  record Listed<K, V>(StoreKey<K> key, Current<V> current) {}

  /**
   * An iterator over what {@code live} makes of each element of {@code source}, skipping the
   * elements it turns into {@code null} (expired ones).
   */
  static <S, E> Iterator<E> live(Iterator<S> source, Function<S, E> live) {
    return new Iterator<>() {
      private E next;

      @Override
      public boolean hasNext() {
        while (next == null && source.hasNext()) {
          next = live.apply(source.next());
        }
        return next != null;
      }

      @Override
      public E next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        E element = next;
        next = null;
        return element;
      }
    };
  }

  /** Told of entries that expired; asked first whether anyone listens. */
  interface Expirations<K, V> {
    /**
     * Whether reports are wanted now: when not, the store copies and deserializes nothing for an
     * expired entry. Asked on every expiry, so listeners can come and go.
     */
    boolean wanted();

    /** {@code key} expired holding {@code value}. */
    void expired(K key, V value);
  }
}
