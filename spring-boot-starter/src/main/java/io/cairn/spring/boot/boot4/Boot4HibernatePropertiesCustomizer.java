package io.cairn.spring.boot.boot4;

import io.cairn.spring.boot.CairnHibernateSettings;
import java.util.Map;
import javax.cache.CacheManager;
import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;

/** {@link CairnHibernateSettings} for Spring Boot 4.0's JPA auto-configuration. */
public final class Boot4HibernatePropertiesCustomizer implements HibernatePropertiesCustomizer {
  private final CacheManager manager;

  public Boot4HibernatePropertiesCustomizer(CacheManager manager) {
    this.manager = manager;
  }

  @Override
  public void customize(Map<String, Object> hibernateProperties) {
    CairnHibernateSettings.customize(hibernateProperties, manager);
  }
}
