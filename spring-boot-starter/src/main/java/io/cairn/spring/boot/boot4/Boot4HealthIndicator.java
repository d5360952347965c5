package io.cairn.spring.boot.boot4;

import io.cairn.spring.boot.CairnHealthCheck;
import javax.cache.CacheManager;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** Cairn's health (see {@link CairnHealthCheck}) for Spring Boot 4.0's actuator. */
public final class Boot4HealthIndicator implements HealthIndicator {
  private final Iterable<CacheManager> managers;

  public Boot4HealthIndicator(Iterable<CacheManager> managers) {
    this.managers = managers;
  }

  @Override
  public Health health() {
    CairnHealthCheck.Reading reading = CairnHealthCheck.check(managers);
    return (reading.up() ? Health.up() : Health.down()).withDetails(reading.details()).build();
  }
}
