package io.cairn.jcache.integration;

import io.cairn.jcache.EntryImpl;
import java.io.Closeable;
import java.io.IOException;
import java.util.Collection;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.integration.CacheWriter;
import javax.cache.integration.CacheWriterException;

/**
 * Calls a user's {@link CacheWriter}; the one place where its exceptions are translated.
 *
 * <p>Exceptions: a {@link CacheWriterException} passes through; any other {@link RuntimeException},
 * even another {@link CacheException}, is wrapped in one, as the TCK expects. The caller changes
 * the cache only after the writer returned normally.
 *
 * <p>Threading: thread-safe if the writer is.
 *
 * @param <K> the type of keys
 * @param <V> the type of values
 */
public final class WriterAdapter<K, V> implements Closeable {
  private final CacheWriter<K, V> writer;

  /** Adapts {@code writer}. */
  @SuppressWarnings("unchecked") // a writer of supertypes accepts K and V; JCache's own signature
  public WriterAdapter(CacheWriter<? super K, ? super V> writer) {
    this.writer = (CacheWriter<K, V>) writer;
  }

  /** Writes one entry. */
  public void write(K key, V value) {
    try {
      writer.write(new EntryImpl<>(key, value));
    } catch (CacheWriterException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new CacheWriterException("writer failed for key " + key, e);
    }
  }

  /**
   * Writes entries; on return, or when it throws, {@code entries} holds those not written.
   *
   * @return the translated exception the writer threw, or {@code null}
   */
  public CacheException writeAll(Collection<Cache.Entry<? extends K, ? extends V>> entries) {
    try {
      writer.writeAll(entries);
      return null;
    } catch (CacheWriterException e) {
      return e;
    } catch (RuntimeException e) {
      return new CacheWriterException("writer failed for some of " + entries.size(), e);
    }
  }

  /** Deletes one key. */
  public void delete(K key) {
    try {
      writer.delete(key);
    } catch (CacheWriterException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new CacheWriterException("writer failed to delete key " + key, e);
    }
  }

  /**
   * Deletes keys; on return, or when it throws, {@code keys} holds those not deleted.
   *
   * @return the translated exception the writer threw, or {@code null}
   */
  public CacheException deleteAll(Collection<K> keys) {
    try {
      writer.deleteAll(keys);
      return null;
    } catch (CacheWriterException e) {
      return e;
    } catch (RuntimeException e) {
      return new CacheWriterException("writer failed to delete some of " + keys.size(), e);
    }
  }

  @Override
  public void close() throws IOException {
    if (writer instanceof Closeable closeable) {
      closeable.close();
    }
  }
}
