package io.cairn.jcache.management;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.Test;

class CacheMXBeanImplTest {

  @Test
  void getters_defaultConfiguration_reportJCacheDefaults() {
    CacheMXBeanImpl bean = new CacheMXBeanImpl(new MutableConfiguration<>());
    assertEquals("java.lang.Object", bean.getKeyType());
    assertEquals("java.lang.Object", bean.getValueType());
    assertFalse(bean.isReadThrough());
    assertFalse(bean.isWriteThrough());
    assertTrue(bean.isStoreByValue());
    assertFalse(bean.isStatisticsEnabled());
    assertFalse(bean.isManagementEnabled());
  }

  @Test
  void getters_everySettingChanged_reportEachSetting() {
    CacheMXBeanImpl bean =
        new CacheMXBeanImpl(
            new MutableConfiguration<String, Long>()
                .setTypes(String.class, Long.class)
                .setReadThrough(true)
                .setWriteThrough(true)
                .setStoreByValue(false)
                .setStatisticsEnabled(true)
                .setManagementEnabled(true));
    assertEquals("java.lang.String", bean.getKeyType());
    assertEquals("java.lang.Long", bean.getValueType());
    assertTrue(bean.isReadThrough());
    assertTrue(bean.isWriteThrough());
    assertFalse(bean.isStoreByValue());
    assertTrue(bean.isStatisticsEnabled());
    assertTrue(bean.isManagementEnabled());
  }

  @Test
  void getters_configurationChangedLater_reflectTheLiveConfiguration() {
    MutableConfiguration<String, String> configuration = new MutableConfiguration<>();
    CacheMXBeanImpl bean = new CacheMXBeanImpl(configuration);
    configuration.setStatisticsEnabled(true).setReadThrough(true);
    assertTrue(bean.isStatisticsEnabled());
    assertTrue(bean.isReadThrough());
  }
}
