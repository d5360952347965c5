package org.hibernate.cache;

import javax.cache.Cache;

/**
 * A stand-in for Hibernate's second-level cache code, for Cairn's tests only: a put made through it
 * has a frame of {@code org.hibernate.cache.} on its stack, as hibernate-jcache's puts have, which
 * is what {@code oversized-values = auto} looks for. The real thing runs in integration/hibernate6.
 */
public final class StandInRegion {
  private StandInRegion() {}

  /** {@code cache.put(key, value)}, called from this package. */
  public static <K, V> void put(Cache<K, V> cache, K key, V value) {
    cache.put(key, value);
  }
}
