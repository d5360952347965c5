package io.cairn.benchmarks.hitratio;

import java.util.LinkedHashMap;
import java.util.Map;

/** The plain LRU reference: a {@link LinkedHashMap} in access order, bounded in entries. */
final class LruCache implements SimulatedCache {

  private final Map<Long, Boolean> map;

  LruCache(int maximumSize) {
    if (maximumSize <= 0) {
      throw new IllegalArgumentException("maximumSize=" + maximumSize + " must be positive");
    }
    this.map =
        new LinkedHashMap<>(16, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
            return size() > maximumSize;
          }
        };
  }

  @Override
  public String name() {
    return "LRU";
  }

  @Override
  public boolean access(long key) {
    if (map.get(key) != null) { // moves the entry to the most recent end
      return true;
    }
    map.put(key, Boolean.TRUE);
    return false;
  }

  @Override
  public long entries() {
    return map.size();
  }
}
