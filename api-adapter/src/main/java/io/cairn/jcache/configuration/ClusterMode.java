package io.cairn.jcache.configuration;

import java.util.Locale;

/**
 * How a cache stays coherent with the caches of the same name on the other members of its manager's
 * cluster: the file's {@code cluster-mode} key, {@link CairnConfiguration#setClusterMode} in code.
 * Anything but {@link #LOCAL} needs the {@code io.cairn:cairn-cluster} module on the class path and
 * a {@code cairn.cluster} section in the manager's file (docs/cluster.md).
 */
public enum ClusterMode {
  /** The default: the cache is this JVM's alone; nothing is sent or received. */
  LOCAL,

  /**
   * A local change sends an invalidation of its key (or, for a clear, of the whole cache) to every
   * other member and returns without waiting: the others drop their copy shortly after.
   */
  INVALIDATE_ASYNC,

  /**
   * A local change returns only once every other member of the current view has dropped its copy of
   * the key, or fails or drops its own copy after the cluster's {@code sync-timeout}.
   */
  INVALIDATE_SYNC;

  /** The name in the configuration file: {@code local}, {@code invalidate-async}, ... */
  public String key() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The mode named {@code key} in the file's spelling (any case), or {@code null} if none is. */
  public static ClusterMode ofKey(String key) {
    for (ClusterMode mode : values()) {
      if (mode.key().equalsIgnoreCase(key.trim())) {
        return mode;
      }
    }
    return null;
  }
}
