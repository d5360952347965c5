package io.cairn.jcache;

import static io.cairn.jcache.expiry.ExpiryPolicyAdapter.UNCHANGED;

import io.cairn.jcache.event.EntryEventImpl;
import java.util.ArrayList;
import java.util.List;
import javax.cache.event.EventType;

/**
 * One prepared change of one key, made while the key is held ({@link Changes#apply}): the entry as
 * read, the writer called, the expiry policy consulted, the events raised, and the one store change
 * they add up to. Nothing reaches the store until {@link #commit}.
 *
 * <p>Threading: confined to the thread holding the key.
 *
 * @param <K> the type of keys
 * @param <V> the type of values
 */
final class Change<K, V> {

  /** The store change prepared. */
  private enum Commit {
    NONE,
    SET,
    REMOVE,
    TOUCH
  }

  /** Commits tried before giving up; each retry follows a move or removal by the store itself. */
  private static final int MAX_ATTEMPTS = 8;

  private final Changes<K, V> changes;
  private final StoreKey<K> key;
  private final Current<V> current;
  private final long now;
  private List<EntryEventImpl<K, V>> events = List.of();
  private Commit commit = Commit.NONE;
  private StoreValue<V> value;
  private long expireAt;

  /** Whether {@link #write} reported a put, which the operation counts in its statistics. */
  private boolean wrote;

  /** Whether the value set was loaded into an absent entry ({@link #createLoaded}). */
  private boolean loaded;

  /**
   * Whether the key was deleted unconditionally ({@link #delete}), found here or not: the cache's
   * extension hears of it either way, since another member may hold the key this one does not.
   */
  private boolean deleted;

  Change(Changes<K, V> changes, StoreKey<K> key, Current<V> current, long now) {
    this.changes = changes;
    this.key = key;
    this.current = current;
    this.now = now;
  }

  /** The key as the user gave it. */
  K key() {
    return key.key();
  }

  /** Whether a live entry was read. */
  boolean exists() {
    return current != null;
  }

  /** The live value read, or {@code null}; the change must have been asked for with the value. */
  V value() {
    return current == null ? null : current.value();
  }

  /** The live value if it was read, else {@code null}. */
  private V known() {
    return current != null && current.hasValue() ? current.value() : null;
  }

  /**
   * Writes {@code value} as a creation or an update: through the writer first if asked, then with
   * the policy's expiry. Returns whether an entry is stored (a put).
   */
  boolean write(StoreValue<V> value, boolean writeThrough) {
    if (writeThrough && changes.writer() != null) {
      changes.writer().write(key(), value.value());
    }
    wrote = exists() ? update(value) : create(value);
    return wrote;
  }

  /** Creates the entry with the creation expiry; returns false if it expired on arrival. */
  boolean create(StoreValue<V> value) {
    long at = changes.expiry().creation(now);
    if (at <= now) {
      return false; // expired on arrival: never stored, never announced
    }
    set(value, at);
    publish(EventType.CREATED, value.value(), null);
    return true;
  }

  /**
   * Creates the entry with a value the loader read: as {@link #create}, but not a change the
   * cache's extension hears of ({@link #changesEntry}), for the loader's source is where the other
   * members' copies came from too; telling them to drop theirs would leave at most one copy in the
   * cluster.
   */
  boolean createLoaded(StoreValue<V> value) {
    loaded = true;
    return create(value);
  }

  /** Updates the live entry with the update expiry. */
  boolean update(StoreValue<V> value) {
    // The old value only for a listener that hears of updates: off the heap it costs a copy and a
    // deserialization, and the caller read it only then (a listener registered since goes without).
    V old = changes.wants(EventType.UPDATED) ? known() : null;
    long at = changes.expiry().update(now);
    if (at != UNCHANGED && at <= now) {
      // Updated and expired at once: the new value is announced, then its expiry, in that order.
      remove();
      publish(EventType.UPDATED, value.value(), old);
      publish(EventType.EXPIRED, value.value(), value.value());
      return true;
    }
    // Unchanged: the expiry the entry has when the commit runs, which an access may have extended
    // since the read (the read's instant would undo that access).
    set(value, at == UNCHANGED ? EntryStore.KEEP_EXPIRY : at);
    publish(EventType.UPDATED, value.value(), old);
    return true;
  }

  /** Deletes through the writer if asked, then removes the live entry; returns whether one was. */
  boolean delete(boolean writeThrough) {
    if (writeThrough && changes.writer() != null) {
      changes.writer().delete(key());
    }
    deleted = true;
    if (!exists()) {
      return false;
    }
    V old = changes.wants(EventType.REMOVED) ? known() : null;
    if (old != null) { // null: a REMOVED listener registered after the read, which took no value
      publish(EventType.REMOVED, old, old);
    }
    remove();
    return true;
  }

  /** Consults the policy for an access of the live entry and prepares a changed instant. */
  void accessed() {
    long at = changes.expiry().access(now);
    if (at != UNCHANGED && exists()) {
      commit = Commit.TOUCH;
      expireAt = at;
    }
  }

  private void set(StoreValue<V> value, long expireAt) {
    this.commit = Commit.SET;
    this.value = value;
    this.expireAt = expireAt;
  }

  private void remove() {
    commit = Commit.REMOVE;
    value = null;
  }

  private void publish(EventType type, V value, V oldValue) {
    if (changes.wants(type)) {
      if (events.isEmpty()) {
        events = new ArrayList<>(2);
      }
      events.add(new EntryEventImpl<>(changes.source(), type, key(), value, oldValue));
    }
  }

  /**
   * Whether the change prepared stores or removes the entry, other than a load into an absent entry
   * (a touch does neither), or deletes the key unconditionally, present here or not: what the
   * cache's extension hears of. A delete of a key this member does not hold must still reach the
   * others (Spring's {@code @CacheEvict} on a node that never cached the key, say), or their copies
   * would outlive it.
   */
  boolean changesEntry() {
    return deleted || commit == Commit.REMOVE || (commit == Commit.SET && !loaded);
  }

  /** The events raised, in order. */
  List<EntryEventImpl<K, V>> events() {
    return events;
  }

  /**
   * Commits the change against the version read. While the key is held only the store itself
   * changes its entry: it may expire or evict it, or move it to another segment (which gives it a
   * new version), and {@code clear()} may drop it. So a failed commit re-reads the version only,
   * not the value, and commits the same prepared change against it: against the moved entry, which
   * is the one read, or against none, in which case a write stores its value as prepared and a
   * removal or touch has nothing left to do. No user code runs again, and the events stand.
   *
   * <p>A write the store refuses as too large is thrown, or skipped if the cache's {@link
   * OversizedPuts} says so: then the key's older entry is removed instead, so that no stale value
   * outlives the update, and the events become that removal's.
   *
   * @throws IllegalStateException if the commit keeps failing, which only a store that is changed
   *     behind the key lock can cause
   * @throws EntryTooLargeException if the store refuses the write and it is not skipped
   */
  void commit(EntryStore<K, V> store) {
    if (commit == Commit.NONE) {
      return;
    }
    try {
      commitFrom(store, current == null ? EntryStore.ABSENT : current.version());
    } catch (EntryTooLargeException e) {
      if (commit != Commit.SET || !changes.oversized().skips(e, wrote)) {
        throw e;
      }
      dropStale(store);
    }
  }

  private void commitFrom(EntryStore<K, V> store, long version) {
    for (int attempt = 1; !commitAt(store, version); attempt++) {
      if (attempt == MAX_ATTEMPTS) {
        throw new IllegalStateException("the entry of a held key keeps changing: " + key);
      }
      Current<V> now = store.read(key, false);
      if (now == null && commit == Commit.TOUCH) {
        return;
      }
      version = now == null ? EntryStore.ABSENT : now.version();
    }
  }

  /**
   * After a skipped write: removes the key's live entry, announced as a removal of its value; the
   * creation or update announced by the body never happened. The entry is read again, still under
   * the key, for its current version and, if a listener wants it, its value.
   */
  private void dropStale(EntryStore<K, V> store) {
    events = List.of();
    remove();
    Current<V> stale = store.read(key, changes.wants(EventType.REMOVED));
    if (stale == null) {
      return;
    }
    if (stale.hasValue()) {
      publish(EventType.REMOVED, stale.value(), stale.value());
    }
    commitFrom(store, stale.version());
  }

  private boolean commitAt(EntryStore<K, V> store, long version) {
    return switch (commit) {
      case NONE -> true;
      case TOUCH -> store.touch(key, version, expireAt);
      case REMOVE -> store.commit(key, version, null, 0);
      // KEEP_EXPIRY needs a live entry; with none left (evicted, expired meanwhile) the update
      // is stored as prepared, with the expiry read.
      case SET ->
          store.commit(
              key,
              version,
              value,
              expireAt == EntryStore.KEEP_EXPIRY && version == EntryStore.ABSENT
                  ? current.expireAt()
                  : expireAt);
    };
  }
}
