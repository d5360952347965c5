package io.cairn.benchmarks.hitratio;

import java.util.Iterator;
import java.util.LinkedHashMap;

/**
 * The plain LRU reference: a {@link LinkedHashMap} in access order, bounded by the total weight of
 * its entries (each weighs 1 when requests carry no size, so the bound is in entries).
 */
final class LruCache implements SimulatedCache {

  private final long capacity;
  private final LinkedHashMap<Long, Integer> weights = new LinkedHashMap<>(16, 0.75f, true);
  private long weight;

  LruCache(long capacity) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("capacity=" + capacity + " must be positive");
    }
    this.capacity = capacity;
  }

  @Override
  public String name() {
    return "LRU";
  }

  @Override
  public boolean access(long key) {
    return access(key, 1);
  }

  @Override
  public boolean access(long key, int w) {
    if (weights.get(key) != null) { // moves the entry to the most recent end
      return true;
    }
    weights.put(key, w);
    weight += w;
    Iterator<Integer> eldestFirst = weights.values().iterator();
    while (weight > capacity && eldestFirst.hasNext()) {
      weight -= eldestFirst.next();
      eldestFirst.remove();
    }
    return false;
  }

  @Override
  public long entries() {
    return weights.size();
  }
}
