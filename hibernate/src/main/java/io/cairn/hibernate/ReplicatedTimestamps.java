package io.cairn.hibernate;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.hibernate.cache.spi.support.StorageAccess;
import org.hibernate.engine.spi.SharedSessionContractImplementor;

/**
 * The update-timestamps region: when each table space last changed, which Hibernate checks before
 * it uses a cached query result. Every store is replicated synchronously to every member, so that a
 * query cached on one node is seen stale once another node's transaction changed its tables. Kept
 * on the heap and never evicted (one entry per table space): a dropped timestamp would make stale
 * results look fresh, so {@link #evictData()} and {@link #clearCache} keep them too.
 *
 * <p>A member that joins starts empty and learns the timestamps written from then on; its query
 * regions start empty too, so it caches no result older than what it learns.
 *
 * <p>Threading: thread-safe.
 */
final class ReplicatedTimestamps implements StorageAccess {
  final String region;
  private final RegionCoherence coherence;
  private final ConcurrentMap<Object, Object> timestamps = new ConcurrentHashMap<>();

  ReplicatedTimestamps(String region, RegionCoherence coherence) {
    this.region = region;
    this.coherence = coherence;
  }

  @Override
  public Object getFromCache(Object key, SharedSessionContractImplementor session) {
    return timestamps.get(key);
  }

  @Override
  public void putIntoCache(Object key, Object value, SharedSessionContractImplementor session) {
    timestamps.put(key, value);
    coherence.replicate(this, key, value);
  }

  /** Stores another member's timestamp. */
  void storeLocally(Object key, Object value) {
    timestamps.put(key, value);
  }

  @Override
  public void removeFromCache(Object key, SharedSessionContractImplementor session) {
    // kept: see the class comment
  }

  @Override
  public void clearCache(SharedSessionContractImplementor session) {
    // kept: see the class comment
  }

  @Override
  public boolean contains(Object key) {
    return timestamps.containsKey(key);
  }

  @Override
  public void evictData() {
    // kept: see the class comment
  }

  @Override
  public void evictData(Object key) {
    // kept: see the class comment
  }

  @Override
  public void release() {
    timestamps.clear();
  }
}
