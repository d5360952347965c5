package io.cairn.spring.boot;

import java.util.Map;
import javax.cache.CacheManager;

/**
 * Hands the context's Cairn manager to Hibernate's second-level cache ({@code hibernate-jcache}),
 * as its setting {@value #CACHE_MANAGER}: the regions then live in the context's manager, so they
 * take {@code cairn.*} and the file, and have metrics, health and settings in {@code
 * /actuator/caches} like the other caches, and each context has its own. Left alone when the
 * application names a manager or a URI for Hibernate itself ({@value #CACHE_MANAGER}, {@value
 * #URI}). Hibernate closes the manager when the {@code EntityManagerFactory} closes, with the
 * context.
 *
 * <p>Threading: stateless.
 */
public final class CairnHibernateSettings {

  /** hibernate-jcache's {@code ConfigSettings.CACHE_MANAGER}: a manager instance to use. */
  static final String CACHE_MANAGER = "hibernate.javax.cache.cache_manager";

  /** hibernate-jcache's {@code ConfigSettings.CONFIG_URI}: the URI of a manager to open. */
  static final String URI = "hibernate.javax.cache.uri";

  private CairnHibernateSettings() {}

  /** Puts {@code manager} among Hibernate's {@code properties} unless they name their own. */
  public static void customize(Map<String, Object> properties, CacheManager manager) {
    if (!properties.containsKey(CACHE_MANAGER) && !properties.containsKey(URI)) {
      properties.put(CACHE_MANAGER, manager);
    }
  }
}
