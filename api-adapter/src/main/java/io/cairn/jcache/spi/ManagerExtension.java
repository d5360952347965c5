package io.cairn.jcache.spi;

/**
 * What a {@link ManagerExtensionFactory} adds to one cache manager: it is told of each cache the
 * manager opens and may hook into it ({@link CacheExtension}); it is closed after the manager's
 * caches.
 *
 * <p>Threading: {@link #opened} is called on the creating thread while it holds the manager's
 * monitor, before the cache is handed out; {@link #close} once, on the thread closing the manager.
 */
public interface ManagerExtension extends AutoCloseable {

  /**
   * Hooks into a cache that opens, or returns {@code null} to leave it alone. The manager calls
   * this only for a cache whose cluster mode is not {@code LOCAL}, and fails the cache's creation
   * if every extension returns {@code null}.
   *
   * @throws javax.cache.CacheException to refuse the cache, saying why
   */
  CacheExtension opened(LocalCache cache);

  /** Stops the extension; the manager's caches are closed already. */
  @Override
  void close();
}
