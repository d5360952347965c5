package io.cairn.cluster;

import io.cairn.jcache.configuration.ManagerConfiguration;
import io.cairn.jcache.spi.ManagerExtension;
import io.cairn.jcache.spi.ManagerExtensionFactory;

/**
 * The service through which the provider finds this module: a manager whose file has a {@code
 * cairn.cluster} section joins the cluster it names ({@link ClusterNode#join}); other managers are
 * left alone.
 *
 * <p>Threading: stateless.
 */
public final class ClusterExtensionFactory implements ManagerExtensionFactory {

  @Override
  public ManagerExtension attach(ManagerConfiguration configuration) {
    if (configuration.clusterSection() == null) {
      return null;
    }
    ClusterSettings settings =
        ClusterSettings.read(configuration.clusterSection(), configuration.label());
    return ClusterNode.join(settings, configuration.label());
  }
}
