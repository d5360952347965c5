package io.cairn.engine.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TtlBucketsTest {

  @Test
  void bucketOf_stepBoundaries_followSegcacheWidths() {
    assertEquals(0, TtlBuckets.bucketOf(0));
    assertEquals(0, TtlBuckets.bucketOf(7_999));
    assertEquals(1, TtlBuckets.bucketOf(8_000));
    assertEquals(255, TtlBuckets.bucketOf(2_047_999));
    assertEquals(256 + 16, TtlBuckets.bucketOf(2_048_000)); // 128 s wide from here
    assertEquals(512 + 16, TtlBuckets.bucketOf(32_768_000L)); // 2048 s wide
    assertEquals(768 + 16, TtlBuckets.bucketOf(524_288_000L)); // 32768 s wide
    assertEquals(TtlBuckets.COUNT - 1, TtlBuckets.bucketOf(8_388_608_000L));
  }

  @Test
  void bucketOf_anyTtl_staysInRangeAndNeverDecreases() {
    int previous = 0;
    for (long ttl = 0; ttl < 10_000_000_000L; ttl += 997_000) {
      int bucket = TtlBuckets.bucketOf(ttl);
      assertTrue(bucket >= previous && bucket < TtlBuckets.COUNT, "ttl=" + ttl);
      previous = bucket;
    }
    assertEquals(TtlBuckets.COUNT - 1, TtlBuckets.bucketOf(Long.MAX_VALUE));
    assertEquals(TtlBuckets.COUNT - 1, TtlBuckets.bucketOf(-5), "an overflowed ttl");
  }
}
