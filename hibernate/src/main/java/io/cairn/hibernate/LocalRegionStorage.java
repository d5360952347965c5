package io.cairn.hibernate;

import javax.cache.Cache;
import org.hibernate.cache.spi.support.DomainDataStorageAccess;
import org.hibernate.engine.spi.SharedSessionContractImplementor;

/**
 * A region kept on this node only, in a local Cairn cache: the query result regions (whose entries
 * Hibernate checks against the replicated timestamps region before using them), and the base of
 * {@link FencedRegionStorage}.
 *
 * <p>Threading: thread-safe, as the cache is.
 */
class LocalRegionStorage implements DomainDataStorageAccess {
  final String region;
  final Cache<Object, Object> cache;

  LocalRegionStorage(String region, Cache<Object, Object> cache) {
    this.region = region;
    this.cache = cache;
  }

  @Override
  public Object getFromCache(Object key, SharedSessionContractImplementor session) {
    return cache.get(key);
  }

  @Override
  public void putIntoCache(Object key, Object value, SharedSessionContractImplementor session) {
    cache.put(key, value);
  }

  @Override
  public void removeFromCache(Object key, SharedSessionContractImplementor session) {
    cache.remove(key);
  }

  @Override
  public void clearCache(SharedSessionContractImplementor session) {
    cache.clear();
  }

  @Override
  public boolean contains(Object key) {
    return cache.containsKey(key);
  }

  @Override
  public void evictData() {
    cache.clear();
  }

  @Override
  public void evictData(Object key) {
    cache.remove(key);
  }

  /** Empties the region on this node only (a member left, or partitions merged). */
  void clearLocally() {
    if (!cache.isClosed()) {
      cache.clear();
    }
  }

  @Override
  public void release() {
    // the cache manager, closed by the region factory, closes the cache
  }
}
