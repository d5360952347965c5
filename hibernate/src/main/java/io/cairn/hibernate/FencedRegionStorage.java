package io.cairn.hibernate;

import javax.cache.Cache;
import org.hibernate.cache.spi.access.SoftLock;
import org.hibernate.engine.spi.SharedSessionContractImplementor;

/**
 * An entity, collection or natural-id region kept coherent across the cluster by invalidation,
 * interpreting Hibernate's calls on its storage:
 *
 * <ul>
 *   <li>{@link #putFromLoad}: stored here only, never announced, and fenced ({@link KeyFences}): a
 *       load whose transaction began before an invalidation of its key ended here does not store.
 *   <li>{@link #putIntoCache} of a {@link SoftLock} by a session not yet invalidating that key
 *       ({@code READ_WRITE}'s {@code lockItem}, before the transaction writes the row): begins a
 *       two-phase invalidation ({@link RegionCoherence#begin}), which every member has applied
 *       (dropped the key, fenced its loads) when it returns; it ends when the transaction
 *       completes. Other writes (the soft lock's release, the committed state, an insert) store
 *       here only, and only if no other member is invalidating the key.
 *   <li>{@link #removeFromCache} and {@link #evictData(Object)} ({@code NONSTRICT_READ_WRITE}'s
 *       update and removal, deletes, evictions): drop the key on every member at once.
 *   <li>{@link #clearCache} and {@link #evictData()} (bulk updates, evictions): clear the region on
 *       every member.
 * </ul>
 *
 * <p>Threading: thread-safe; no lock is held while a message is sent or awaited.
 */
final class FencedRegionStorage extends LocalRegionStorage {
  private final RegionCoherence coherence;
  final KeyFences fences = new KeyFences();

  FencedRegionStorage(String region, Cache<Object, Object> cache, RegionCoherence coherence) {
    super(region, cache);
    this.coherence = coherence;
  }

  @Override
  public void putFromLoad(Object key, Object value, SharedSessionContractImplementor session) {
    if (session == null) {
      return; // no transaction start to fence against: not stored
    }
    long loadStart = session.getCacheTransactionSynchronization().getCachingTimestamp();
    fences.putFromLoad(key, loadStart, () -> cache.put(key, value), () -> cache.remove(key));
  }

  /**
   * A soft lock by a session not yet invalidating the key begins an invalidation; any write by a
   * session invalidating the key stores unless another member invalidates it too; any other write
   * is fenced as a put-from-load ({@code READ_WRITE} stores its loads through this method, and an
   * insert's store passes the fence, since no member can have invalidated a new key).
   */
  @Override
  public void putIntoCache(Object key, Object value, SharedSessionContractImplementor session) {
    if (session == null) {
      return;
    }
    boolean open = coherence.isOpen(session, this, key);
    if (!open && value instanceof SoftLock) {
      coherence.begin(session, this, key);
      open = true;
    }
    if (open) {
      fences.putOwn(coherence.self(), key, () -> cache.put(key, value), () -> cache.remove(key));
    } else {
      putFromLoad(key, value, session);
    }
  }

  @Override
  public void removeFromCache(Object key, SharedSessionContractImplementor session) {
    coherence.drop(this, key);
  }

  @Override
  public void evictData(Object key) {
    coherence.drop(this, key);
  }

  @Override
  public void clearCache(SharedSessionContractImplementor session) {
    coherence.clear(this);
  }

  @Override
  public void evictData() {
    coherence.clear(this);
  }

  /** Drops {@code key} here (a member's invalidation). */
  void dropLocally(Object key) {
    cache.remove(key);
  }
}
