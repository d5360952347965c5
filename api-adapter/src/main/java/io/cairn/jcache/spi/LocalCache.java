package io.cairn.jcache.spi;

import io.cairn.jcache.configuration.ClusterMode;

/**
 * What an extension may do to a cache of this JVM: drop entries that another member changed,
 * without deserializing anything, raising no event, calling no writer and counting no statistic (an
 * invalidation is not a JCache removal: the entry is still what it was, somewhere else).
 *
 * <p>A dropped key also fences the cache's loads of it: a value loaded by read-through, {@code
 * getAll} or {@code loadAll} whose load began before the drop is returned but not stored, since it
 * may have been read before the change that caused the drop.
 *
 * <p>Threading: thread-safe; a drop takes the key's lock, so it waits for a change of that key in
 * progress (which may run user code) and never overlaps one. Call it holding no key of any cache.
 */
public interface LocalCache {

  /** The cache's name. */
  String name();

  /** The cache's cluster mode. */
  ClusterMode clusterMode();

  /** Drops the entry stored under the serialized key {@code key}, if there is one. */
  void invalidate(byte[] key);

  /** Drops every entry. */
  void invalidateAll();

  /** Whether the cache is closed: an extension may drop it from its tables. */
  boolean isClosed();
}
