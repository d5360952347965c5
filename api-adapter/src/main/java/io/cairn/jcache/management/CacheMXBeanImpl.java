package io.cairn.jcache.management;

import javax.cache.configuration.CompleteConfiguration;
import javax.cache.management.CacheMXBean;

/**
 * A cache's configuration as an MXBean. It reads the live configuration, so it reflects later
 * changes such as enabling statistics.
 *
 * <p>Threading: thread-safe as far as the configuration's getters are.
 */
public final class CacheMXBeanImpl implements CacheMXBean {
  private final CompleteConfiguration<?, ?> configuration;

  /** An MXBean over {@code configuration}. */
  public CacheMXBeanImpl(CompleteConfiguration<?, ?> configuration) {
    this.configuration = configuration;
  }

  @Override
  public String getKeyType() {
    return configuration.getKeyType().getName();
  }

  @Override
  public String getValueType() {
    return configuration.getValueType().getName();
  }

  @Override
  public boolean isReadThrough() {
    return configuration.isReadThrough();
  }

  @Override
  public boolean isWriteThrough() {
    return configuration.isWriteThrough();
  }

  @Override
  public boolean isStoreByValue() {
    return configuration.isStoreByValue();
  }

  @Override
  public boolean isStatisticsEnabled() {
    return configuration.isStatisticsEnabled();
  }

  @Override
  public boolean isManagementEnabled() {
    return configuration.isManagementEnabled();
  }
}
