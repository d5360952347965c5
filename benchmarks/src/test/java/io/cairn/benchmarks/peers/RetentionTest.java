package io.cairn.benchmarks.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/** The scenarios end to end at a small size, where every cache has room for every key. */
class RetentionTest {

  @Test
  void overwrites_ohcWithRoom_loseNoKeyAndReportEvictions() {
    String[] row = RetentionOverwrites.run(Peer.OHC, 64, 10_000, 100_000).split(",");
    assertEquals("0", row[column(RetentionOverwrites.HEADER, "lost")]);
    assertEquals("0", row[column(RetentionOverwrites.HEADER, "evictions")]);
  }

  @Test
  void overwrites_ehcacheWithRoom_evictionsFromItsStatistics() {
    String[] row = RetentionOverwrites.run(Peer.EHCACHE_OFFHEAP, 64, 10_000, 100_000).split(",");
    assertEquals("0", row[column(RetentionOverwrites.HEADER, "lost")]);
    assertEquals("0", row[column(RetentionOverwrites.HEADER, "evictions")]);
    assertEquals("-1", row[column(RetentionOverwrites.HEADER, "native_bytes")]);
  }

  @Test
  void fillCost_cairnHalfFull_measuresPuts() {
    String[] row = RetentionFillCost.run(Peer.CAIRN_JCACHE, 16, 50, 10_000).split(",");
    assertEquals(
        String.valueOf((16 << 20) / 2 / RetentionFillCost.ENTRY_BYTES),
        row[column(RetentionFillCost.HEADER, "live_keys")]);
    assertNotEquals("-1", row[column(RetentionFillCost.HEADER, "evictions")]);
  }

  @Test
  void ttls_fixedExpiry_everyEntryPresentAndEvictionsFromStatistics() {
    String[] row = RetentionTtls.run(2_000, RetentionTtls.Expiry.FIXED).split(",");
    assertEquals("2000", row[column(RetentionTtls.HEADER, "present")]);
    assertEquals("0", row[column(RetentionTtls.HEADER, "cache_evictions")]);
  }

  private static int column(String header, String name) {
    return java.util.Arrays.asList(header.split(",")).indexOf(name);
  }
}
