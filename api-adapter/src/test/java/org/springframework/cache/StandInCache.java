package org.springframework.cache;

import javax.cache.Cache;

/**
 * A stand-in for Spring's cache abstraction, for Cairn's tests only: a put made through it has a
 * frame of {@code org.springframework.cache.} on its stack, as Spring's {@code JCacheCache} has,
 * which is what {@code oversized-values = auto} looks for. The real thing runs in
 * spring-boot-starter (its tests).
 */
public final class StandInCache {
  private StandInCache() {}

  /** {@code cache.put(key, value)}, called from this package. */
  public static <K, V> void put(Cache<K, V> cache, K key, V value) {
    cache.put(key, value);
  }
}
