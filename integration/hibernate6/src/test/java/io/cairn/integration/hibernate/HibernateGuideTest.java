package io.cairn.integration.hibernate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.Author;
import com.example.CacheMetrics;
import com.example.GuideBootstrap;
import com.example.Main;
import io.cairn.integration.guides.GuideSnippets;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.Test;

/**
 * docs/hibernate.md: its code is the package {@code com.example} and {@code cairn.conf} of these
 * test sources, run here against this module's Hibernate, and shown verbatim in the guide.
 */
class HibernateGuideTest {
  private static final String CODE = "integration/hibernate6/src/test/java/com/example/";

  @Test
  void theGuidesApplication_readsTheAuthorFromCairnWithoutSql() {
    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      Main.main(new String[0]);
    } finally {
      System.setOut(original);
    }
    String printed = out.toString(StandardCharsets.UTF_8);
    original.print(printed);
    assertTrue(
        printed.contains("Ursula K. Le Guin was read with 1 second-level cache hit(s)"), printed);
  }

  @Test
  void theGuidesMetricsBinding_reportsTheAuthorRegionsHits() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    SessionFactory sessionFactory = GuideBootstrap.buildSessionFactory();
    try {
      CacheMetrics.bind(registry);
      sessionFactory.inTransaction(s -> s.persist(new Author(2, "Octavia E. Butler")));
      sessionFactory.fromTransaction(s -> s.find(Author.class, 2L));
      double hits =
          registry
              .get("cache.gets")
              .tag("cache", "com.example.Author")
              .tag("result", "hit")
              .functionCounter()
              .count();
      assertTrue(hits >= 1, "hits: " + hits);
    } finally {
      sessionFactory.close();
    }
  }

  @Test
  void theGuide_showsExactlyTheCodeThatRunsHere() {
    assertEquals(
        List.of(
            CODE + "Author.java",
            CODE + "Book.java",
            "integration/hibernate6/src/test/resources/cairn.conf",
            CODE + "Main.java",
            CODE + "CacheMetrics.java"),
        List.copyOf(GuideSnippets.check(GuideSnippets.root(), "docs/hibernate.md")));
  }
}
