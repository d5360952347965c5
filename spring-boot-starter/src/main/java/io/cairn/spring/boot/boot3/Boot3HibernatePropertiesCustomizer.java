package io.cairn.spring.boot.boot3;

import io.cairn.spring.boot.CairnHibernateSettings;
import java.util.Map;
import javax.cache.CacheManager;
import org.springframework.boot.autoconfigure.orm.jpa.HibernatePropertiesCustomizer;

/** {@link CairnHibernateSettings} for Spring Boot 3.5's JPA auto-configuration. */
public final class Boot3HibernatePropertiesCustomizer implements HibernatePropertiesCustomizer {
  private final CacheManager manager;

  public Boot3HibernatePropertiesCustomizer(CacheManager manager) {
    this.manager = manager;
  }

  @Override
  public void customize(Map<String, Object> hibernateProperties) {
    CairnHibernateSettings.customize(hibernateProperties, manager);
  }
}
