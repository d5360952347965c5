package io.cairn.jcache.configuration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.jcache.LogCapture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The warnings that catch a misspelt section name, at cache creation and at manager close. */
class SectionUseTest {
  private static final String FILE =
      """
      cairn {
        caches {
          "com.example.domain.Author" { capacity = 1MiB }
          "com.example.domain.Author.books" { capacity = 1MiB }
          Books { capacity = 1MiB }
          prices { capacity = 1MiB }
        }
      }
      """;

  @TempDir Path dir;

  private CacheManager manager() throws IOException {
    Path file = Files.writeString(dir.resolve("cairn.conf"), FILE, StandardCharsets.UTF_8);
    return Caching.getCachingProvider().getCacheManager(file.toUri(), getClass().getClassLoader());
  }

  @Test
  void distance_countsInsertionsDeletionsSubstitutionsAndSwapsOfNeighbours() {
    assertEquals(0, SectionUse.distance("author", "author"));
    assertEquals(1, SectionUse.distance("author", "autor"));
    assertEquals(1, SectionUse.distance("author", "authors"));
    assertEquals(1, SectionUse.distance("author", "auther"));
    assertEquals(1, SectionUse.distance("author", "auhtor"));
    assertEquals(3, SectionUse.distance("kitten", "sitting"));
    assertEquals(7, SectionUse.distance("", "sitting"));
  }

  @Test
  void tolerance_growsWithTheNameAndIsZeroForTheShortest() {
    assertEquals(0, SectionUse.tolerance(3));
    assertEquals(1, SectionUse.tolerance(5));
    assertEquals(2, SectionUse.tolerance(6));
    assertEquals(3, SectionUse.tolerance("com.example.domain.Author".length()));
    assertEquals(
        4, SectionUse.tolerance("com.example.library.domain.Author.books.chapters".length()));
  }

  @Test
  void lookalikes_findTheClosestSectionsWithinTheTolerance() {
    Set<String> sections =
        Set.of("com.example.domain.Author", "com.example.domain.Author.books", "Books", "abc");
    assertEquals(
        List.of("com.example.domain.Author"),
        SectionUse.lookalikes("com.exmaple.domain.Autor", sections));
    assertEquals(List.of("Books"), SectionUse.lookalikes("books", sections), "case only");
    assertEquals(List.of("abc"), SectionUse.lookalikes("ABC", sections), "case, however short");
    assertEquals(List.of(), SectionUse.lookalikes("abd", sections), "too short for an edit");
    assertEquals(
        List.of(),
        SectionUse.lookalikes("com.example.domain.Book", sections),
        "another entity's region");
    assertEquals(List.of(), SectionUse.lookalikes("com.example.domain.Author", sections));
  }

  @Test
  void aCacheCreatedWithoutASection_whenOneLooksLikeItsName_isLoggedNamingBoth() throws Exception {
    CacheManager manager = manager();
    try (LogCapture log = new LogCapture()) {
      manager.createCache("com.example.domain.Autor", new MutableConfiguration<>());
      manager.createCache("books", new MutableConfiguration<>());
      manager.createCache("orders", new MutableConfiguration<>());
      manager.getCache("prices"); // declared: created from its section

      assertEquals(
          1,
          log.lines(
              "cache \"com.example.domain.Autor\" has no section in "
                  + manager.getURI()
                  + " and takes its defaults, but section(s) [\"com.example.domain.Author\"]"),
          log.text());
      assertEquals(1, log.lines("cache \"books\" has no section"), log.text());
      assertTrue(log.lines("[\"Books\"]") == 1, log.text());
      assertEquals(0, log.lines("\"orders\""), log.text());
      assertEquals(0, log.lines("\"prices\""), log.text());
    } finally {
      manager.close();
    }
  }

  @Test
  void closingTheManager_logsTheSectionsNoCacheUsed_once() throws Exception {
    CacheManager manager = manager();
    manager.getCache("prices");
    manager.createCache("com.example.domain.Author", new MutableConfiguration<>());
    try (LogCapture log = new LogCapture()) {
      manager.close();
      manager.close();
      assertEquals(1, log.lines("closes, and no cache of the section(s)"), log.text());
      assertEquals(
          1,
          log.lines("[\"Books\", \"com.example.domain.Author.books\"] was ever created"),
          log.text());
    }
  }

  @Test
  void aManagerWithoutAFile_logsNothing() {
    CacheManager manager =
        Caching.getCachingProvider()
            .getCacheManager(
                java.net.URI.create("test:" + getClass().getName()), getClass().getClassLoader());
    try (LogCapture log = new LogCapture()) {
      manager.createCache("books", new MutableConfiguration<>());
      manager.close();
      assertEquals("", log.text());
    }
  }
}
