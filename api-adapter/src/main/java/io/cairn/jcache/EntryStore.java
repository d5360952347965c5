package io.cairn.jcache;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * Where a cache keeps its entries, in the cache's key and value types: off the heap through the
 * engine ({@link OffHeapStore}, store-by-value) or on it ({@link HeapStore}, store-by-reference).
 *
 * <p>Contract, shared by both: expiry instants are epoch milliseconds, {@code Long.MAX_VALUE} for
 * never; an entry whose instant is not after now is expired, is never returned, and is reported
 * once to the {@link Expirations} callback when it is found or removed; a write that sets such an
 * instant removes the entry and reports it the same way. Reports arrive after the key is released.
 *
 * <p>Threading: every method is thread-safe; {@link #compute} is atomic per key and its function
 * must not call back into the store.
 *
 * @param <K> the type of keys
 * @param <V> the type of values
 */
interface EntryStore<K, V> extends AutoCloseable {

  /** The live value of {@code key}, or {@code null}. */
  V get(K key);

  /** Whether a live entry exists for {@code key}. */
  boolean containsKey(K key);

  /** Sets the expiry instant of a live entry. */
  void touch(K key, long expireAt);

  /** Runs {@code function} on the entry of {@code key} atomically and applies what it asked for. */
  <R> R compute(K key, Computation<V, R> function);

  /** A weakly consistent iterator over the live entries. */
  Iterator<EntryImpl<K, V>> iterator();

  /** Removes every entry without reporting anything. */
  void clear();

  /** The current time on the store's clock, in epoch milliseconds. */
  long now();

  @Override
  void close();

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

  /** The body of {@link #compute}. */
  @FunctionalInterface
  interface Computation<V, R> {
    R apply(Slot<V> slot);
  }

  /** The entry under a {@link Computation}; the last change asked for wins. */
  interface Slot<V> {
    /** The live value, or {@code null}. */
    V value();

    /** Whether there is a live value; unlike {@link #value} it never deserializes one. */
    default boolean exists() {
      return expireAt() >= 0;
    }

    /** The time the computation started. */
    long now();

    /** The expiry instant of the live entry, or {@code -1} if none. */
    long expireAt();

    /** Asks to store {@code value} until {@code expireAt}. */
    void set(V value, long expireAt);

    /** Asks to change only the expiry instant of the live entry. */
    void setExpireAt(long expireAt);

    /** Asks to remove the live entry. */
    void remove();
  }

  /** Told of entries that left the store without an explicit removal. */
  interface Expirations<K, V> {
    /** {@code key} expired holding {@code value}. */
    void expired(K key, V value);

    /** {@code key} was evicted to make room. */
    void evicted(K key, V value);
  }
}
