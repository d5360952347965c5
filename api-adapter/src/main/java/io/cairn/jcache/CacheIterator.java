package io.cairn.jcache;

import io.cairn.jcache.management.CacheStatisticsImpl;
import java.util.Iterator;
import java.util.NoSuchElementException;
import javax.cache.Cache;

/**
 * A cache's iterator: weakly consistent, over the store's live entries, each returned entry counted
 * as a hit and an access. When the expiry policy may change an instant on access, each entry is
 * read again with its version and only that version is touched, so a value written after the read
 * is never expired by it.
 *
 * <p>Threading: for one thread, as JCache iterators are.
 *
 * @param <K> the type of keys
 * @param <V> the type of values
 */
final class CacheIterator<K, V> implements Iterator<Cache.Entry<K, V>> {
  private final CacheImpl<K, V> cache;
  private final Changes<K, V> changes;
  private final CacheStatisticsImpl statistics;
  private final Iterator<EntryStore.Listed<K, V>> entries;
  private final boolean touches;
  private Cache.Entry<K, V> next;
  private StoreKey<K> nextKey;
  private Current<V> nextCurrent;
  private K last;

  CacheIterator(CacheImpl<K, V> cache, Changes<K, V> changes, CacheStatisticsImpl statistics) {
    this.cache = cache;
    this.changes = changes;
    this.statistics = statistics;
    this.entries = changes.store().iterator();
    this.touches = !changes.expiry().accessNeverChanges();
  }

  @Override
  public boolean hasNext() {
    cache.requireOpen();
    while (next == null && entries.hasNext()) {
      EntryStore.Listed<K, V> listed = entries.next();
      Current<V> current = listed.current();
      if (touches) {
        current = changes.store().read(listed.key(), true);
        if (current == null) {
          continue; // gone since the store listed it
        }
      }
      next = new EntryImpl<>(listed.key().key(), current.value());
      nextKey = listed.key();
      nextCurrent = current;
    }
    return next != null;
  }

  @Override
  public Cache.Entry<K, V> next() {
    long start = statistics.start();
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Cache.Entry<K, V> entry = next;
    next = null;
    if (touches) {
      changes.accessed(nextKey, nextCurrent);
    }
    last = entry.getKey();
    statistics.got(true, start);
    return entry;
  }

  @Override
  public void remove() {
    cache.requireOpen();
    if (last == null) {
      throw new IllegalStateException("next() was not called, or remove() was already");
    }
    K key = last;
    last = null;
    cache.remove(key);
  }
}
