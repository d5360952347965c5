package io.cairn.jcache.configuration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.engine.EvictionPolicy;
import io.cairn.jcache.serialization.ObjectSerializer;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.Test;

class CairnConfigurationTest {

  @Test
  void copy_ofCairnConfiguration_keepsEngineSettings() {
    CairnConfiguration<String, String> original =
        new CairnConfiguration<String, String>()
            .setCapacityBytes(8L << 20)
            .setSegmentSize(64 << 10)
            .setShards(4)
            .setEvictionPolicy(EvictionPolicy.UTIL)
            .setExpirationIntervalMillis(10);
    original.setStatisticsEnabled(true);
    CairnConfiguration<String, String> copy = new CairnConfiguration<>(original);
    assertEquals(original, copy);
    assertEquals(original.hashCode(), copy.hashCode());
    assertEquals(8L << 20, copy.getCapacityBytes());
    assertEquals(EvictionPolicy.UTIL, copy.getEvictionPolicy());
    assertTrue(copy.isStatisticsEnabled());
    copy.setShards(8);
    assertNotEquals(original, copy);
  }

  @Test
  void copy_ofPlainConfiguration_getsDefaults() {
    MutableConfiguration<String, String> plain =
        new MutableConfiguration<String, String>().setTypes(String.class, String.class);
    CairnConfiguration<String, String> copy = new CairnConfiguration<>(plain);
    assertEquals(CairnConfiguration.DEFAULT_CAPACITY_BYTES, copy.getCapacityBytes());
    assertEquals(64L << 20, copy.getCapacityBytes());
    assertEquals(String.class, copy.getKeyType());
    assertSame(ObjectSerializer.INSTANCE, copy.getValueSerializer());
  }

  @Test
  void setters_badValues_throwNamingTheSetting() {
    CairnConfiguration<String, String> configuration = new CairnConfiguration<>();
    var e = assertThrows(IllegalArgumentException.class, () -> configuration.setCapacityBytes(0));
    assertTrue(e.getMessage().contains("capacityBytes"));
    e =
        assertThrows(
            IllegalArgumentException.class, () -> configuration.setExpirationIntervalMillis(-1));
    assertTrue(e.getMessage().contains("expirationIntervalMillis"));
  }
}
