package io.cairn.jcache.configuration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.engine.EvictionPolicy;
import io.cairn.engine.SharedCapacity;
import io.cairn.engine.StoreConfig;
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
            .setEvictionParameters(new EvictionParameters(3, 0.3, 0.8, 0.2, 2, 4, 0.05))
            .setExpirationIntervalMillis(10);
    original.setStatisticsEnabled(true);
    CairnConfiguration<String, String> copy = new CairnConfiguration<>(original);
    assertEquals(original, copy);
    assertEquals(
        new EvictionParameters(3, 0.3, 0.8, 0.2, 2, 4, 0.05), copy.getEvictionParameters());
    assertNotEquals(
        original,
        new CairnConfiguration<>(original).setEvictionParameters(EvictionParameters.DEFAULTS));
    assertEquals(original.hashCode(), copy.hashCode());
    assertEquals(8L << 20, copy.getCapacityBytes());
    assertEquals(EvictionPolicy.UTIL, copy.getEvictionPolicy());
    assertTrue(copy.isStatisticsEnabled());
    copy.setShards(8);
    assertNotEquals(original, copy);
  }

  @Test
  void oversizedValues_isAutoByDefaultAndCopiedWithTheCairnSettings() {
    CairnConfiguration<String, String> configuration = new CairnConfiguration<>();
    assertEquals(OversizedValues.AUTO, configuration.getOversizedValues());
    configuration.setOversizedValues(OversizedValues.SKIP);
    assertEquals(
        OversizedValues.SKIP, new CairnConfiguration<>(configuration).getOversizedValues());
    assertEquals(
        OversizedValues.SKIP,
        new CairnConfiguration<String, String>()
            .setEngineSettings(configuration)
            .getOversizedValues());
    assertNotEquals(new CairnConfiguration<String, String>(), configuration);
    assertThrows(NullPointerException.class, () -> configuration.setOversizedValues(null));
  }

  @Test
  void clusterMode_isLocalByDefaultAndTravelsWithTheEngineSettings() {
    CairnConfiguration<String, String> clustered =
        new CairnConfiguration<String, String>().setClusterMode(ClusterMode.INVALIDATE_SYNC);
    assertEquals(ClusterMode.LOCAL, new CairnConfiguration<>().getClusterMode());
    assertEquals(ClusterMode.INVALIDATE_SYNC, new CairnConfiguration<>(clustered).getClusterMode());
    CairnConfiguration<String, String> target = new CairnConfiguration<>();
    assertEquals(ClusterMode.INVALIDATE_SYNC, target.setEngineSettings(clustered).getClusterMode());
    assertEquals(clustered, target);
    assertNotEquals(new CairnConfiguration<String, String>(), clustered);
    assertEquals("invalidate-async", ClusterMode.INVALIDATE_ASYNC.key());
    assertEquals(null, ClusterMode.ofKey("replicated"));
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

  /** Finding 11 of issue 11: before, negative sizes and shard counts meant "auto". */
  @Test
  void setSegmentSizeAndShards_badValues_throwNamingTheSettingAndValue() {
    CairnConfiguration<String, String> configuration = new CairnConfiguration<>();
    for (int bad : new int[] {-5, -4096, 100, 4100, 16 << 20, Integer.MIN_VALUE}) {
      var e = assertThrows(IllegalArgumentException.class, () -> configuration.setSegmentSize(bad));
      assertTrue(e.getMessage().contains("segmentSize=" + bad), e.getMessage());
    }
    for (int bad : new int[] {-3, -1, 3, 512, Integer.MIN_VALUE}) {
      var e = assertThrows(IllegalArgumentException.class, () -> configuration.setShards(bad));
      assertTrue(e.getMessage().contains("shards=" + bad), e.getMessage());
    }
    assertEquals(0, configuration.getSegmentSize(), "a refused value changes nothing");
    assertEquals(0, configuration.getShards());
    configuration.setSegmentSize(4096).setShards(256);
    assertEquals(4096, configuration.getSegmentSize());
    assertEquals(256, configuration.getShards());
    configuration.setSegmentSize(0).setShards(0); // the engine chooses again
    assertEquals(0, configuration.toStoreConfig("c", null).build().segmentSize() % 8);
  }

  @Test
  void evictionParameters_badValues_throwNamingTheParameterAndValue() {
    EvictionParameters d = EvictionParameters.DEFAULTS;
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new EvictionParameters(
                    1,
                    d.mergeTargetRatio(),
                    d.mergeStopRatio(),
                    d.s3fifoAdmissionRatio(),
                    d.s3fifoPromotionThreshold(),
                    d.frequencyBits(),
                    d.tinyLfuWindowRatio()));
    assertTrue(e.getMessage().contains("mergeSegments=1"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new EvictionParameters(
                    d.mergeSegments(),
                    d.mergeTargetRatio(),
                    d.mergeStopRatio(),
                    d.s3fifoAdmissionRatio(),
                    d.s3fifoPromotionThreshold(),
                    d.frequencyBits(),
                    Double.NaN));
    assertTrue(e.getMessage().contains("tinyLfuWindowRatio=NaN"), e.getMessage());
  }

  @Test
  void setEngineSettings_takesCairnSettingsOnlyAndKeepsJCacheOnes() {
    CairnConfiguration<Object, Object> file =
        new CairnConfiguration<>()
            .setCapacityBytes(4L << 20)
            .setSegmentSize(64 << 10)
            .setShards(2)
            .setEvictionPolicy(EvictionPolicy.MERGE)
            .setEvictionParameters(new EvictionParameters(3, 0.3, 0.8, 0.2, 2, 4, 0.05))
            .setExpirationIntervalMillis(5)
            .setStatisticsEnabled(true);
    CairnConfiguration<String, String> target =
        new CairnConfiguration<String, String>()
            .setTypes(String.class, String.class)
            .setStoreByValue(true)
            .setEngineSettings(file);
    assertEquals(4L << 20, target.getCapacityBytes());
    assertEquals(64 << 10, target.getSegmentSize());
    assertEquals(2, target.getShards());
    assertEquals(EvictionPolicy.MERGE, target.getEvictionPolicy());
    assertEquals(
        new EvictionParameters(3, 0.3, 0.8, 0.2, 2, 4, 0.05), target.getEvictionParameters());
    assertEquals(
        CairnConfiguration.DEFAULT_EXPIRATION_INTERVAL_MILLIS,
        target.getExpirationIntervalMillis());
    assertEquals(String.class, target.getKeyType());
    assertTrue(!target.isStatisticsEnabled());
  }

  @Test
  void toStoreConfig_passesEverySettingToTheEngine() {
    SharedCapacity shared = new SharedCapacity(1L << 30);
    StoreConfig config =
        new CairnConfiguration<String, String>()
            .setCapacityBytes(4L << 20)
            .setSegmentSize(64 << 10)
            .setShards(2)
            .setEvictionPolicy(EvictionPolicy.CTE)
            .setEvictionParameters(new EvictionParameters(3, 0.3, 0.8, 0.2, 2, 4, 0.05))
            .setExpirationIntervalMillis(7)
            .toStoreConfig("orders", shared)
            .build();
    assertEquals("orders", config.name());
    assertEquals(4L << 20, config.capacityBytes());
    assertEquals(64 << 10, config.segmentSize());
    assertEquals(2, config.shards());
    assertEquals(EvictionPolicy.CTE, config.evictionPolicy());
    assertEquals(7, config.expirationIntervalMillis());
    assertSame(shared, config.sharedCapacity());
    assertEquals(3, config.mergeSegments());
    assertEquals(0.3, config.mergeTargetRatio());
    assertEquals(0.8, config.mergeStopRatio());
    assertEquals(0.2, config.s3fifoAdmissionRatio());
    assertEquals(2, config.s3fifoPromotionThreshold());
    assertEquals(4, config.frequencyBits());
  }
}
