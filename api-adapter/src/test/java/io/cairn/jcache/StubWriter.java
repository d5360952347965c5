package io.cairn.jcache;

import java.io.Serializable;
import java.util.Collection;
import javax.cache.Cache;
import javax.cache.integration.CacheWriter;

/**
 * A writer for tests that reacts to single writes only: {@link #writeAll} writes each entry in
 * turn, and deletes succeed without doing anything.
 */
public abstract class StubWriter implements CacheWriter<String, String>, Serializable {
  private static final long serialVersionUID = 1L;

  @Override
  public void writeAll(Collection<Cache.Entry<? extends String, ? extends String>> entries) {
    entries.forEach(this::write);
    entries.clear();
  }

  @Override
  public void delete(Object key) {}

  @Override
  public void deleteAll(Collection<?> keys) {
    keys.clear();
  }
}
