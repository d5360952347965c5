package io.cairn.jcache.integration;

import java.io.Closeable;
import java.io.IOException;
import java.util.Map;
import javax.cache.CacheException;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheLoaderException;

/**
 * Calls a user's {@link CacheLoader}; the one place where its exceptions are translated.
 *
 * <p>Exceptions: a {@link CacheLoaderException} passes through; any other {@link RuntimeException},
 * even another {@link CacheException}, is wrapped in one.
 *
 * <p>Threading: thread-safe if the loader is.
 *
 * @param <K> the type of keys
 * @param <V> the type of values
 */
public final class LoaderAdapter<K, V> implements Closeable {
  private final CacheLoader<K, V> loader;

  /** Adapts {@code loader}. */
  public LoaderAdapter(CacheLoader<K, V> loader) {
    this.loader = loader;
  }

  /** Loads the value of {@code key}, or {@code null} if the loader has none. */
  public V load(K key) {
    try {
      return loader.load(key);
    } catch (CacheLoaderException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new CacheLoaderException("loader failed for key " + key, e);
    }
  }

  /** Loads the values of {@code keys}; the map may lack keys and may hold null values. */
  public Map<K, V> loadAll(Iterable<? extends K> keys) {
    try {
      Map<K, V> loaded = loader.loadAll(keys);
      return loaded == null ? Map.of() : loaded;
    } catch (CacheLoaderException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new CacheLoaderException("loader failed for keys " + keys, e);
    }
  }

  @Override
  public void close() throws IOException {
    if (loader instanceof Closeable closeable) {
      closeable.close();
    }
  }
}
