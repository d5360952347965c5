package io.cairn.cluster;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.cairn.jcache.configuration.CairnConfiguration;
import io.cairn.jcache.configuration.ClusterMode;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheWriter;

/**
 * Several cluster members in this JVM, each a cache manager of its own on JGroups' shared loopback
 * transport, over one shared "database" (a map every member reads through and writes through).
 * Closing it closes every manager.
 */
final class Members implements AutoCloseable {
  /** The databases of the running fixtures, by cluster name (loaders are made by class). */
  private static final Map<String, Map<String, String>> DATABASES = new ConcurrentHashMap<>();

  final String cluster = "cairn-test-" + UUID.randomUUID();
  final Map<String, String> database = new ConcurrentHashMap<>();
  final List<CacheManager> managers = new ArrayList<>();

  /**
   * Starts {@code count} members whose {@code cairn.cluster} section has {@code extra} besides the
   * name and the loopback discovery, and waits until each sees them all.
   */
  Members(Path dir, int count, String extra) {
    DATABASES.put(cluster, database);
    for (int i = 0; i < count; i++) {
      managers.add(start(dir, i, extra));
    }
    awaitViews(count);
  }

  private CacheManager start(Path dir, int index, String extra) {
    Path file = dir.resolve(cluster + "-" + index + ".conf");
    try {
      Files.writeString(
          file,
          "cairn.cluster { name = \"%s\", discovery = loopback, failure-timeout = 2s, %s }"
              .formatted(cluster, extra),
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Caching.getCachingProvider().getCacheManager(file.toUri(), getClass().getClassLoader());
  }

  /** The cluster node of member {@code i}. */
  ClusterNode node(int i) {
    return managers.get(i).unwrap(ClusterNode.class);
  }

  /** Waits up to 20 s until every running member's view has {@code size} members. */
  void awaitViews(int size) {
    await(
        () -> managers.stream().allMatch(m -> m.unwrap(ClusterNode.class).view().size() == size),
        "every view has " + size + " members");
  }

  /**
   * Creates the cache {@code name} in {@code mode} on every member, reading through and writing
   * through the shared database; returns them in member order.
   */
  List<Cache<String, String>> caches(String name, ClusterMode mode) {
    List<Cache<String, String>> caches = new ArrayList<>();
    for (CacheManager manager : managers) {
      caches.add(
          manager.createCache(
              name,
              configuration(mode)
                  .setReadThrough(true)
                  .setWriteThrough(true)
                  .setCacheLoaderFactory(new FactoryBuilder.SingletonFactory<>(new Db(cluster)))
                  .setCacheWriterFactory(new FactoryBuilder.SingletonFactory<>(new Db(cluster)))));
    }
    return caches;
  }

  /** A TCP port free on this machine a moment ago. */
  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** A configuration of String keys and values in {@code mode}. */
  static CairnConfiguration<String, String> configuration(ClusterMode mode) {
    return new CairnConfiguration<String, String>()
        .setTypes(String.class, String.class)
        .setClusterMode(mode);
  }

  /** Waits up to 20 s for {@code condition}, failing with {@code what} if it never holds. */
  static void await(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("timed out waiting until " + what);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail("interrupted waiting until " + what);
      }
    }
    assertTrue(condition.getAsBoolean());
  }

  @Override
  public void close() {
    for (CacheManager manager : managers) {
      manager.close();
    }
    DATABASES.remove(cluster);
  }

  /** The shared database as each member's loader and writer. */
  static final class Db
      implements CacheLoader<String, String>, CacheWriter<String, String>, Serializable {
    private static final long serialVersionUID = 1L;
    private final String cluster;

    Db(String cluster) {
      this.cluster = cluster;
    }

    private Map<String, String> map() {
      return DATABASES.get(cluster);
    }

    /**
     * The value of {@code key}; a key named {@code slow...} is read first and returned 2 ms later,
     * as from a slow database, so that a write elsewhere can overtake the load.
     */
    @Override
    public String load(String key) {
      String value = map().get(key);
      if (key.startsWith("slow")) {
        try {
          Thread.sleep(2);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return value;
    }

    @Override
    public Map<String, String> loadAll(Iterable<? extends String> keys) {
      Map<String, String> loaded = new java.util.HashMap<>();
      for (String key : keys) {
        String value = map().get(key);
        if (value != null) {
          loaded.put(key, value);
        }
      }
      return loaded;
    }

    @Override
    public void write(Cache.Entry<? extends String, ? extends String> entry) {
      map().put(entry.getKey(), entry.getValue());
    }

    @Override
    public void writeAll(
        java.util.Collection<Cache.Entry<? extends String, ? extends String>> entries) {
      entries.forEach(this::write);
      entries.clear();
    }

    @Override
    public void delete(Object key) {
      map().remove(key);
    }

    @Override
    public void deleteAll(java.util.Collection<?> keys) {
      keys.forEach(this::delete);
      keys.clear();
    }
  }
}
