package io.cairn.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * {@link StoreConfig}: every bad setting is refused by name; defaults resolve to a usable store.
 */
final class StoreConfigTest {

  private static final long MIB = 1L << 20;

  @Test
  void build_zeroOrNegativeCapacity_throwsNamingCapacityBytes() {
    for (long capacity : new long[] {0, -1, Long.MIN_VALUE}) {
      assertRefused(capacity, b -> b, "capacityBytes=" + capacity);
    }
  }

  @Test
  void build_segmentSizeOutOfRangeOrUnaligned_throwsNamingSegmentSize() {
    int[] bad = {
      -8,
      8,
      StoreConfig.MIN_SEGMENT_SIZE - 8,
      StoreConfig.MIN_SEGMENT_SIZE + 4,
      StoreConfig.MAX_SEGMENT_SIZE + 8,
      65_537,
      Integer.MAX_VALUE
    };
    for (int size : bad) {
      assertRefused(1L << 30, b -> b.segmentSize(size), "segmentSize=" + size);
    }
  }

  @Test
  void build_shardsNotAPowerOfTwoOrOutOfRange_throwsNamingShards() {
    for (int shards : new int[] {-1, 3, 6, 100, StoreConfig.MAX_SHARDS * 2, Integer.MIN_VALUE}) {
      assertRefused(1L << 30, b -> b.segmentSize(1 << 16).shards(shards), "shards=" + shards);
    }
  }

  @Test
  void build_capacityBelowTwoSegments_throwsNamingCapacityBytes() {
    long capacity = 2L * StoreConfig.MIN_SEGMENT_SIZE - 1;
    assertRefused(
        capacity, b -> b.segmentSize(StoreConfig.MIN_SEGMENT_SIZE), "capacityBytes=" + capacity);
    assertRefused(MIB, b -> b.segmentSize((int) MIB), "capacityBytes=" + MIB);
  }

  @Test
  void build_capacityBelowTwoSegmentsPerShard_throwsNamingCapacityAndShards() {
    long capacity = 7L * 64 * 1024; // 7 segments for 4 shards
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> StoreConfig.builder(capacity).segmentSize(64 << 10).shards(4).build());
    assertTrue(e.getMessage().contains("capacityBytes=" + capacity), e::getMessage);
    assertTrue(e.getMessage().contains("shards=4"), e::getMessage);
    StoreConfig ok = StoreConfig.builder(8L * 64 * 1024).segmentSize(64 << 10).shards(4).build();
    assertEquals(4, ok.shards());
  }

  @Test
  void build_negativeExpirationInterval_throwsNamingTheSetting() {
    assertRefused(MIB, b -> b.expirationIntervalMillis(-1), "expirationIntervalMillis=" + (-1));
    assertEquals(
        0, StoreConfig.builder(MIB).expirationIntervalMillis(0).build().expirationIntervalMillis());
  }

  @Test
  void build_badMergeSettings_throwNamingTheSetting() {
    for (int segments : new int[] {1, 0, -3}) {
      assertRefused(MIB, b -> b.mergeSegments(segments), "mergeSegments=" + segments);
    }
    for (double ratio : new double[] {0, -0.5, 1.5, Double.NaN}) {
      assertRefused(MIB, b -> b.mergeTargetRatio(ratio), "mergeTargetRatio=" + ratio);
      assertRefused(MIB, b -> b.mergeStopRatio(ratio), "mergeStopRatio=" + ratio);
    }
    StoreConfig ok = StoreConfig.builder(MIB).mergeTargetRatio(1).mergeStopRatio(1).build();
    assertEquals(1, ok.mergeTargetRatio());
  }

  @Test
  void build_badS3FifoSettings_throwNamingTheSetting() {
    for (double ratio : new double[] {0, 1, -0.1, Double.NaN}) {
      assertRefused(MIB, b -> b.s3fifoAdmissionRatio(ratio), "s3fifoAdmissionRatio=" + ratio);
    }
    for (int bits : new int[] {0, 9, -1}) {
      assertRefused(MIB, b -> b.frequencyBits(bits), "frequencyBits=" + bits);
    }
    assertRefused(MIB, b -> b.s3fifoPromotionThreshold(0), "s3fifoPromotionThreshold=0");
    assertRefused(
        MIB, b -> b.frequencyBits(2).s3fifoPromotionThreshold(4), "s3fifoPromotionThreshold=4");
    assertEquals(
        3,
        StoreConfig.builder(MIB)
            .frequencyBits(2)
            .s3fifoPromotionThreshold(3)
            .build()
            .s3fifoPromotionThreshold());
  }

  @Test
  void build_defaults_resolveSegmentSizeAndShardsThatFitTheCapacity() {
    for (long capacity : new long[] {2L * StoreConfig.MIN_SEGMENT_SIZE, MIB, 64 * MIB, 1L << 40}) {
      StoreConfig c = StoreConfig.builder(capacity).build();
      long segments = capacity / c.segmentSize();
      assertTrue(c.segmentSize() >= StoreConfig.MIN_SEGMENT_SIZE, c::toString);
      assertTrue(c.segmentSize() <= StoreConfig.DEFAULT_SEGMENT_SIZE, c::toString);
      assertEquals(1, Integer.bitCount(c.shards()), c::toString);
      assertTrue(segments >= 2L * c.shards(), c::toString);
      assertEquals(EvictionPolicy.TINYLFU, c.evictionPolicy());
      assertEquals(StoreConfig.DEFAULT_EXPIRATION_INTERVAL_MILLIS, c.expirationIntervalMillis());
    }
    assertEquals(8 << 10, StoreConfig.builder(MIB).build().segmentSize(), "128 segments of 1 MiB");
    StoreConfig byDefault = StoreConfig.builder(16 * MIB).build();
    assertEquals(128 << 10, byDefault.segmentSize(), "128 segments of 16 MiB");
    assertTrue(16 * MIB / byDefault.segmentSize() / byDefault.shards() >= 16, byDefault::toString);
    assertEquals(256 << 10, StoreConfig.DEFAULT_SEGMENT_SIZE);
    assertEquals(
        StoreConfig.DEFAULT_SEGMENT_SIZE, StoreConfig.builder(32 * MIB).build().segmentSize());
    assertEquals(
        StoreConfig.DEFAULT_SEGMENT_SIZE, StoreConfig.builder(64L << 30).build().segmentSize());
  }

  @Test
  void maxItemBytes_isAQuarterOfTheCapacityWithinASegmentAnd16MiB() {
    int segment = 64 << 10;
    long[][] capacityAndMax = {
      {2L * segment, segment}, // a quarter of two segments is less than one: one segment
      {8 * MIB, 2 * MIB},
      {8 * MIB + 100, 2 * MIB + 24}, // a quarter, rounded down to a multiple of 8
      {64 * MIB, 16 * MIB},
      {1L << 39, 16 * MIB} // the header's 24-bit value length
    };
    for (long[] c : capacityAndMax) {
      StoreConfig config = StoreConfig.builder(c[0]).segmentSize(segment).shards(1).build();
      assertEquals(c[1], config.maxItemBytes(), "capacityBytes=" + c[0]);
      assertEquals(0, config.maxItemBytes() % 8, "capacityBytes=" + c[0]);
    }
    assertEquals(16 * MIB, StoreConfig.MAX_ITEM_BYTES);
    StoreConfig big =
        StoreConfig.builder(64 * MIB).segmentSize(StoreConfig.MAX_SEGMENT_SIZE).build();
    assertEquals(16 * MIB, big.maxItemBytes());
  }

  @Test
  void build_moreSegmentsThanAnIndexSlotAddresses_throwsNamingCapacityAndSegmentSize() {
    int segment = StoreConfig.MIN_SEGMENT_SIZE;
    long tooMany = (1L << 23) * segment + segment; // one shard may take every segment
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> StoreConfig.builder(tooMany).segmentSize(segment).build());
    assertTrue(e.getMessage().contains("capacityBytes=" + tooMany), e::getMessage);
    assertTrue(e.getMessage().contains("segmentSize=" + segment), e::getMessage);
    StoreConfig ok = StoreConfig.builder((1L << 23) * segment).segmentSize(segment).build();
    assertEquals(1L << 23, ok.capacityBytes() / ok.segmentSize()); // 23-bit segment ids
  }

  @Test
  void builder_nullArguments_throwNullPointerException() {
    StoreConfig.Builder b = StoreConfig.builder(MIB);
    assertThrows(NullPointerException.class, () -> b.name(null));
    assertThrows(NullPointerException.class, () -> b.clock(null));
    assertThrows(NullPointerException.class, () -> b.evictionPolicy(null));
    assertThrows(
        NullPointerException.class,
        () -> b.removalListener(null, EnumSet.allOf(RemovalCause.class)));
    assertThrows(NullPointerException.class, () -> b.removalListener((k, v, c) -> {}, null));
    assertThrows(NullPointerException.class, () -> ByteStore.open(null));
  }

  @Test
  void removalCauses_withoutListener_notifyNothing() {
    StoreConfig c = StoreConfig.builder(MIB).build();
    assertEquals(Set.of(), c.removalCauses());
    for (RemovalCause cause : RemovalCause.values()) {
      assertFalse(c.notifies(cause));
    }
  }

  @Test
  void removalCauses_areCopiedAndOnlySubscribedOnesNotify() {
    Set<RemovalCause> causes = EnumSet.of(RemovalCause.EXPIRED);
    RemovalListener listener = (k, v, c) -> {};
    StoreConfig c = StoreConfig.builder(MIB).removalListener(listener, causes).build();
    causes.add(RemovalCause.EVICTED);
    c.removalCauses().add(RemovalCause.EXPLICIT);
    assertEquals(EnumSet.of(RemovalCause.EXPIRED), c.removalCauses());
    assertTrue(c.notifies(RemovalCause.EXPIRED));
    assertFalse(c.notifies(RemovalCause.EVICTED));
    assertFalse(c.notifies(RemovalCause.EXPLICIT));
    assertSame(listener, c.removalListener());
  }

  @Test
  void toBuilder_keepsEverySetting() {
    RemovalListener listener = (k, v, c) -> {};
    StoreConfig a =
        StoreConfig.builder(64 * MIB)
            .name("n")
            .segmentSize(128 << 10)
            .shards(8)
            .evictionPolicy(EvictionPolicy.CTE)
            .expirationIntervalMillis(7)
            .removalListener(listener, EnumSet.of(RemovalCause.EVICTED))
            .mergeSegments(3)
            .mergeTargetRatio(0.5)
            .mergeStopRatio(0.75)
            .s3fifoAdmissionRatio(0.2)
            .frequencyBits(4)
            .s3fifoPromotionThreshold(5)
            .build();
    StoreConfig b = a.toBuilder().build();
    assertEquals(a.toString(), b.toString());
    assertEquals("n", b.name());
    assertEquals(64 * MIB, b.capacityBytes());
    assertEquals(128 << 10, b.segmentSize());
    assertEquals(8, b.shards());
    assertEquals(EvictionPolicy.CTE, b.evictionPolicy());
    assertEquals(7, b.expirationIntervalMillis());
    assertSame(listener, b.removalListener());
    assertEquals(EnumSet.of(RemovalCause.EVICTED), b.removalCauses());
    assertEquals(3, b.mergeSegments());
    assertEquals(0.5, b.mergeTargetRatio());
    assertEquals(0.75, b.mergeStopRatio());
    assertEquals(0.2, b.s3fifoAdmissionRatio());
    assertEquals(4, b.frequencyBits());
    assertEquals(5, b.s3fifoPromotionThreshold());
  }

  private static void assertRefused(
      long capacity, UnaryOperator<StoreConfig.Builder> tweak, String named) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> tweak.apply(StoreConfig.builder(capacity)).build(),
            named);
    assertTrue(
        e.getMessage() != null && e.getMessage().contains(named),
        () -> "the message should name " + named + ": " + e.getMessage());
  }
}
