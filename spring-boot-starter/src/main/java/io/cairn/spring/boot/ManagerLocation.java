package io.cairn.spring.boot;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.CacheException;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * The URI of an application context's cache manager: the resource {@code
 * spring.cache.jcache.config} names, or Cairn's default URI, with a fragment that is new for each
 * context ({@code classpath-resource-uri#spring-3}). JCache keeps one manager per URI and class
 * loader; the fragment gives every context in the JVM (a test suite's cached contexts) its own
 * manager and caches, while Cairn still reads the same file (it ignores the fragment when it
 * reads).
 *
 * <p>Threading: stateless but for the JVM-wide counter of contexts.
 */
final class ManagerLocation {

  /** Extensions Spring users may point at by mistake; only HOCON and JSON are read there. */
  private static final List<String> NOT_HOCON = List.of(".yml", ".yaml", ".properties");

  /** Numbers the managers of the contexts of this JVM. */
  private static final AtomicInteger CONTEXTS = new AtomicInteger();

  private ManagerLocation() {}

  /**
   * The manager's URI for {@code config}, the value of {@code spring.cache.jcache.config} ({@code
   * null} when unset), resolved by {@code resources}.
   *
   * @throws CacheException if {@code config} names a YAML or properties file, or nothing
   */
  static URI uri(String config, ResourceLoader resources, URI defaultUri) {
    String context = "spring-" + CONTEXTS.incrementAndGet();
    if (config == null || config.isBlank()) {
      return URI.create(defaultUri + "#" + context);
    }
    String lower = config.trim().toLowerCase(Locale.ROOT);
    if (NOT_HOCON.stream().anyMatch(lower::endsWith)) {
      throw new CacheException(
          "spring.cache.jcache.config="
              + config
              + " names a "
              + (lower.endsWith(".properties") ? "properties" : "YAML")
              + " file, but Cairn reads only HOCON (.conf) or JSON (.json) there. Put Cairn's"
              + " settings under cairn.* in application.yml or application.properties instead"
              + " (cairn.defaults.capacity, cairn.caches.<name>.capacity, ...: docs/spring.md),"
              + " or name a .conf file; leave spring.cache.jcache.config out to use only the"
              + " cairn.* properties");
    }
    Resource resource = resources.getResource(config.trim());
    if (!resource.exists()) {
      throw new CacheException(
          "spring.cache.jcache.config=" + config + ": no such resource (" + resource + ")");
    }
    try {
      return URI.create(resource.getURI() + "#" + context);
    } catch (IOException e) {
      throw new CacheException(
          "spring.cache.jcache.config=" + config + ": " + resource + " has no URI", e);
    }
  }
}
