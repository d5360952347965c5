package io.cairn.benchmarks.hitratio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class EngineGeometryTest {

  @Test
  void forEntries_1000_hundredSegmentsOfTenItems() {
    EngineGeometry g = EngineGeometry.forEntries(1000);
    assertEquals(1000, g.entries());
    assertEquals(100, g.segments());
    assertEquals(10, g.itemsPerSegment());
    assertEquals(416, g.itemSize()); // 4096 / 10 rounded up to 8
    assertEquals(4168, g.segmentSize()); // 10 items and 8 spare bytes
    assertEquals(396, g.valueLength()); // 416 - 12 header - 8 key
    assertEquals(256 * 64, g.indexBytes()); // 128 buckets hold 716 < 1000 at 80%
    assertEquals(100 * 4168 + 256 * 64, g.capacityBytes());
  }

  @Test
  void forEntries_large_keeps64ByteItems() {
    EngineGeometry g = EngineGeometry.forEntries(10_000);
    assertEquals(100, g.segments());
    assertEquals(100, g.itemsPerSegment());
    assertEquals(64, g.itemSize());
    assertEquals(6408, g.segmentSize());
  }

  @Test
  void forEntries_lastIndexDoublingLate_largerItemsLeaveRoomForIt() {
    // 50,000 entries need 16,384 buckets (1 MiB); the index doubles to it at 45,875 entries, when
    // 8 segments are still unallocated: they must hold the old 512 KiB table meanwhile.
    EngineGeometry g = EngineGeometry.forEntries(50_000);
    assertEquals(100, g.segments());
    assertEquals(500, g.itemsPerSegment());
    assertEquals(1 << 20, g.indexBytes());
    assertEquals(136, g.itemSize()); // 512 KiB / (8 * 500) = 131.07, rounded up to 8
    assertTrue(g.survivesLastIndexGrowth());
  }

  @Test
  void forEntries_everyCatalogSize_exactAndWithinEngineLimits() {
    for (List<Integer> sizes : Trace.SIZES.values()) {
      for (int size : sizes) {
        EngineGeometry g = EngineGeometry.forEntries(size);
        String where = "size=" + size + " " + g;
        assertEquals(size, g.entries(), where);
        assertEquals(size, g.segments() * g.itemsPerSegment(), where);
        assertTrue(g.segments() >= EngineGeometry.MIN_SEGMENTS, where);
        assertTrue(g.segmentSize() >= EngineGeometry.MIN_SEGMENT_SIZE, where);
        assertEquals(0, g.segmentSize() % 8, where);
        assertEquals(g.itemSize() * g.itemsPerSegment() + 8, g.segmentSize(), where);
        assertTrue(g.survivesLastIndexGrowth(), where);
      }
    }
  }

  @Test
  void forEntries_prime_slightlyFewerEntries() {
    EngineGeometry g = EngineGeometry.forEntries(1009);
    assertEquals(10, g.itemsPerSegment()); // 1009 / 100
    assertEquals(100, g.segments()); // 1009 / 10
    assertEquals(1000, g.entries());
  }

  @Test
  void forEntries_oneItemPerSegment_itemFillsTheSegmentButForTheSlack() {
    EngineGeometry g = EngineGeometry.forEntries(100);
    assertEquals(1, g.itemsPerSegment());
    assertEquals(4096, g.itemSize());
    assertEquals(4104, g.segmentSize());
  }

  @Test
  void forEntries_preferredSegments_firstDivisorFromThere() {
    assertEquals(50, EngineGeometry.forEntries(1000, 50).segments());
    assertEquals(200, EngineGeometry.forEntries(1000, 200).segments());
    assertEquals(125, EngineGeometry.forEntries(250, 100).segments()); // 2 items per segment
  }

  @Test
  void indexBuckets_growsBeforeEightyPercent() {
    assertEquals(8, EngineGeometry.indexBuckets(44)); // 8 buckets * 7 slots * 0.8 = 44
    assertEquals(16, EngineGeometry.indexBuckets(45));
    assertEquals(256, EngineGeometry.indexBuckets(1000));
  }
}
