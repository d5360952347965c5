package io.cairn.integration.hibernate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cairn.engine.ByteStore;
import io.cairn.engine.StoreConfig;
import io.cairn.jcache.management.CairnStatisticsMXBean;
import org.junit.jupiter.api.Test;

/**
 * Entities whose cache entry spans many segments, and entities above the region's largest item. The
 * region, {@link Manuscript}'s, has 4 KiB segments ({@code cairn-hibernate.conf}).
 *
 * <p>Above the largest item, Cairn skips Hibernate's put ({@code oversized-values = auto}, the
 * default): the transaction commits, reads are served from the database, the skip is counted, and
 * nothing throws, as it did before (issue 18: the row committed, then every find of it failed).
 */
class LargeEntityTest extends SessionFactoryFixture {
  private static final String REGION = Manuscript.class.getName();

  private static StoreConfig engine() {
    return region(REGION).unwrap(ByteStore.class).config();
  }

  private static long skipped() {
    return region(REGION).unwrap(CairnStatisticsMXBean.class).getCacheSkippedPuts();
  }

  /** Text whose serialized form is about {@code bytes} long: ASCII, one byte a character. */
  private static String text(long bytes) {
    StringBuilder text = new StringBuilder((int) bytes);
    for (int i = 0; text.length() < bytes; i++) {
      text.append("line ").append(i).append(" of a long manuscript\n");
    }
    text.setLength((int) bytes);
    return text.toString();
  }

  /**
   * Needs the engine part of issue 18 (items larger than a segment, up to a quarter of the
   * capacity): until the engine stores them, its largest item is one segment, and this test is
   * skipped by its assumption rather than failing (the entry would be refused, the put skipped, and
   * the read a miss). Once the engine's {@code maxItemBytes()} exceeds a segment it runs.
   */
  @Test
  void anEntityTenTimesTheSegmentSize_roundTripsThroughTheSecondLevelCache() {
    assertEquals(4096, engine().segmentSize());
    assumeTrue(
        engine().maxItemBytes() > 10L * engine().segmentSize(),
        "needs the engine to store items larger than a segment (issue 18, engine part)");
    String text = text(10L * engine().segmentSize());
    inTransaction(s -> s.persist(new Manuscript(1, text)));
    reset();

    assertEquals(text, fromTransaction(s -> s.find(Manuscript.class, 1L)).getText());
    assertStatements(0);
    assertEquals(1, statistics.getSecondLevelCacheHitCount());
    assertEquals(1, statistics.getDomainDataRegionStatistics(REGION).getHitCount());
    assertEquals(0, skipped());
  }

  @Test
  void anEntityAboveTheLargestItem_isSkipped_theCommitAndEveryFindSucceedFromTheDatabase() {
    String text = text(2 * engine().maxItemBytes());
    inTransaction(s -> s.persist(new Manuscript(2, text)));
    long afterInsert = skipped();
    assertTrue(afterInsert >= 1, "the insert's put is skipped and counted");

    for (int read = 1; read <= 2; read++) {
      reset();
      assertEquals(text, fromTransaction(s -> s.find(Manuscript.class, 2L)).getText());
      assertStatements(1);
      assertEquals(0, statistics.getSecondLevelCacheHitCount());
      assertEquals(afterInsert + read, skipped(), "each load's put is skipped and counted");
    }
    assertEquals(0, entries(REGION));
  }

  @Test
  void anEntityThatGrowsAboveTheLargestItem_isNeverReadStaleFromTheCache() {
    inTransaction(s -> s.persist(new Manuscript(3, "a short draft")));
    reset();
    assertEquals("a short draft", fromTransaction(s -> s.find(Manuscript.class, 3L)).getText());
    assertStatements(0);

    String longer = text(2 * engine().maxItemBytes());
    inTransaction(s -> s.find(Manuscript.class, 3L).setText(longer));
    reset();
    assertEquals(longer, fromTransaction(s -> s.find(Manuscript.class, 3L)).getText());
    assertStatements(1);

    inTransaction(s -> s.find(Manuscript.class, 3L).setText("cut short again"));
    reset();
    assertEquals("cut short again", fromTransaction(s -> s.find(Manuscript.class, 3L)).getText());
    assertStatements(0);
  }
}
