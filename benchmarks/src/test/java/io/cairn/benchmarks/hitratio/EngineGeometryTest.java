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
    assertEquals(4168, g.segmentSize()); // 10 items after the 8-byte segment header
    assertEquals(404, g.valueLength()); // 416 - 4 header (never expires) - 8 key
    assertEquals(256 * 65, g.indexBytes()); // 128 buckets hold 870 < 1000 at 85%
    assertEquals(100 * 4168 + 256 * 65, g.capacityBytes());
  }

  @Test
  void forEntries_10000_itemsLeaveRoomForTheLastIndexGrowth() {
    // 10,000 entries need 1,482 buckets; the index grows to them from 1,317 at 8,956 entries, when
    // 10 segments of 100 items are still unallocated: they must hold the old 85,605-byte table
    // meanwhile, 85.6 bytes per item, so items of 88 bytes rather than 64.
    EngineGeometry g = EngineGeometry.forEntries(10_000);
    assertEquals(100, g.segments());
    assertEquals(100, g.itemsPerSegment());
    assertEquals(1482 * 65, g.indexBytes());
    assertEquals(88, g.itemSize());
    assertEquals(8808, g.segmentSize());
    assertTrue(g.survivesLastIndexGrowth());
  }

  @Test
  void forEntries_lastIndexDoublingLate_largerItemsLeaveRoomForIt() {
    // 50,000 entries need 7,721 buckets; the index grows to them from 6,863 at 46,668 entries,
    // when 6 segments are still unallocated: they must hold the old 446,095-byte table meanwhile.
    EngineGeometry g = EngineGeometry.forEntries(50_000);
    assertEquals(100, g.segments());
    assertEquals(500, g.itemsPerSegment());
    assertEquals(7721 * 65, g.indexBytes());
    assertEquals(152, g.itemSize()); // 446,095 / (6 * 500) = 148.7, rounded up to 8
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
        if (g.itemsPerSegment() > 1) { // one item gets the spare bytes the engine counts, see below
          assertEquals(g.itemSize() * g.itemsPerSegment() + 8, g.segmentSize(), where);
        }
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
  void forEntries_oneItemPerSegment_itemFillsTheSegmentButForTheMostOverhead() {
    EngineGeometry g = EngineGeometry.forEntries(100);
    assertEquals(1, g.itemsPerSegment());
    assertEquals(4096, g.itemSize());
    assertEquals(4120, g.segmentSize()); // key and value (4088) + 28, rounded up to 8
  }

  @Test
  void forEntries_preferredSegments_firstDivisorFromThere() {
    assertEquals(50, EngineGeometry.forEntries(1000, 50).segments());
    assertEquals(200, EngineGeometry.forEntries(1000, 200).segments());
    assertEquals(125, EngineGeometry.forEntries(250, 100).segments()); // 2 items per segment
  }

  @Test
  void indexBuckets_growsBeforeEightyFivePercent() {
    assertEquals(8, EngineGeometry.indexBuckets(54)); // 8 buckets * 8 slots * 0.85 = 54.4
    assertEquals(16, EngineGeometry.indexBuckets(55));
    assertEquals(256, EngineGeometry.indexBuckets(1000));
    assertEquals(576, EngineGeometry.indexBuckets(3482)); // past 512 buckets: an eighth more
  }
}
