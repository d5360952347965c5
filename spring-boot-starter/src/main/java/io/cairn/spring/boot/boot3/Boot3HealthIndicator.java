package io.cairn.spring.boot.boot3;

import io.cairn.spring.boot.CairnHealthCheck;
import javax.cache.CacheManager;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/** Cairn's health (see {@link CairnHealthCheck}) for Spring Boot 3.5's actuator. */
public final class Boot3HealthIndicator implements HealthIndicator {
  private final Iterable<CacheManager> managers;

  public Boot3HealthIndicator(Iterable<CacheManager> managers) {
    this.managers = managers;
  }

  @Override
  public Health health() {
    CairnHealthCheck.Reading reading = CairnHealthCheck.check(managers);
    return (reading.up() ? Health.up() : Health.down()).withDetails(reading.details()).build();
  }
}
