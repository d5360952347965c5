package io.cairn.spring.boot.boot4;

import io.cairn.spring.boot.CairnCacheDescriptions;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;
import org.springframework.boot.cache.actuate.endpoint.CachesEndpoint;
import org.springframework.boot.cache.actuate.endpoint.CachesEndpointWebExtension;
import org.springframework.cache.CacheManager;

/**
 * Spring Boot 4.0's web extension of the caches endpoint, in its place: {@code GET
 * /actuator/caches} also shows each Cairn cache's effective settings ({@link
 * CairnCacheDescriptions}); the other operations are Spring Boot's.
 */
@EndpointWebExtension(endpoint = CachesEndpoint.class)
public class Boot4CachesEndpointExtension extends CachesEndpointWebExtension {
  private final Map<String, CacheManager> cacheManagers;

  public Boot4CachesEndpointExtension(
      CachesEndpoint endpoint, Map<String, CacheManager> cacheManagers) {
    super(endpoint);
    this.cacheManagers = cacheManagers;
  }

  /** Spring Boot's list of caches, with a {@code cairn} object of settings per Cairn cache. */
  @ReadOperation
  public Map<String, Object> caches() {
    return CairnCacheDescriptions.describe(cacheManagers);
  }
}
