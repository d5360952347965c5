package io.cairn.jcache.spi;

import io.cairn.jcache.configuration.ManagerConfiguration;

/**
 * A service that extends cache managers, found with {@link java.util.ServiceLoader} in the
 * manager's class loader ({@code META-INF/services/io.cairn.jcache.spi.ManagerExtensionFactory}).
 * The cluster module ({@code io.cairn:cairn-cluster}) is one: the provider itself knows nothing of
 * clusters, and without such a jar on the class path no extension exists.
 *
 * <p>Threading: {@link #attach} is called while the provider creates a manager, holding the
 * provider's monitor; it may block (joining a cluster does) but must not call the provider.
 */
public interface ManagerExtensionFactory {

  /**
   * The extension of a new manager configured by {@code configuration}, or {@code null} if the
   * configuration asks nothing of this factory.
   *
   * @throws javax.cache.CacheException if the configuration is wrong (naming the key) or the
   *     extension cannot start; the manager is then not created
   */
  ManagerExtension attach(ManagerConfiguration configuration);
}
