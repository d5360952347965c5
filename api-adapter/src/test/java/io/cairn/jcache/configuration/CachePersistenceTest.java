package io.cairn.jcache.configuration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.engine.Persistence;
import io.cairn.jcache.serialization.ByteArraySerializer;
import io.cairn.jcache.serialization.LongSerializer;
import io.cairn.jcache.serialization.ObjectSerializer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CachePersistenceTest {

  @TempDir Path dir;

  @Test
  void fileName_lettersDigitsUnderscoreAndDash_areKept() {
    assertEquals("Orders_2024-eu", CachePersistence.fileName("Orders_2024-eu"));
  }

  @Test
  void fileName_everyOtherCharacter_isPercentEncodedAsUtf8() {
    assertEquals("com%2Eexample%2EPerson", CachePersistence.fileName("com.example.Person"));
    assertEquals("a%2Fb%5Cc", CachePersistence.fileName("a/b\\c"));
    assertEquals("caf%C3%A9%20%25", CachePersistence.fileName("café %"));
  }

  @Test
  void fileName_dotNamesAndEmptyName_areNeverSpecialFiles() {
    assertEquals("%2E", CachePersistence.fileName("."));
    assertEquals("%2E%2E", CachePersistence.fileName(".."));
    assertEquals("%", CachePersistence.fileName(""));
  }

  @Test
  void fileName_distinctNames_giveDistinctFiles() {
    List<String> names = List.of("a.b", "a%2Eb", "a_b", "A.b", "a/b", "", "%", "a%2eb");
    Set<String> files = new HashSet<>();
    names.forEach(name -> files.add(CachePersistence.fileName(name)));
    assertEquals(names.size(), files.size(), files::toString);
  }

  @Test
  void fileName_tooLongEncoding_isCutWithAHashOfTheWholeName() {
    String region = "com.example.domain.".repeat(12); // 228 characters, 36 of them dots
    String a = CachePersistence.fileName(region + "Author");
    String b = CachePersistence.fileName(region + "Author.books");
    assertTrue(a.length() <= CachePersistence.MAX_FILE_NAME, a);
    assertNotEquals(a, b);
    String prefix = a.substring(0, a.indexOf('~'));
    assertTrue(prefix.matches("([A-Za-z0-9_-]|%[0-9A-F]{2})*"), "no escape cut in two: " + a);
    assertEquals(a, CachePersistence.fileName(region + "Author"), "stable");
  }

  @Test
  void directoryOf_isTheEncodedNameInsideTheDirectory() {
    CachePersistence persistence = CachePersistence.in(dir);
    assertEquals(
        dir.resolve("com%2Eexample%2EPerson"), persistence.directoryOf("com.example.Person"));
    assertEquals(dir, persistence.directoryOf("..").getParent());
  }

  @Test
  void in_relativeDirectory_isMadeAbsolute() {
    Path directory = CachePersistence.in(Path.of("cache-data")).directory();
    assertTrue(directory.isAbsolute(), directory::toString);
    assertEquals(Path.of("cache-data").toAbsolutePath(), directory);
  }

  @Test
  void flushIntervalMillis_belowOne_isRefusedNamingIt() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> CachePersistence.in(dir).flushIntervalMillis(0));
    assertTrue(e.getMessage().startsWith("flushIntervalMillis=0"), e.getMessage());
  }

  @Test
  void forStore_localCache_restoresWithTheSettingsAndFingerprint() {
    Persistence store =
        CachePersistence.in(dir).flushIntervalMillis(250).forStore("orders", 42, false);
    assertEquals(dir.resolve("orders"), store.directory());
    assertEquals(250, store.flushIntervalMillis());
    assertEquals(42, store.codecFingerprint());
    assertTrue(store.restore());
  }

  @Test
  void forStore_clusteredCache_discardsUnlessRestoreClustered() {
    CachePersistence persistence = CachePersistence.in(dir);
    assertFalse(persistence.restoreClustered(), "the default");
    assertFalse(persistence.forStore("orders", 0, true).restore());
    assertTrue(persistence.restoreClustered(true).forStore("orders", 0, true).restore());
  }

  @Test
  void codecFingerprint_sameSerializerClasses_isTheSameValue() {
    assertEquals(
        CachePersistence.codecFingerprint(ObjectSerializer.INSTANCE, LongSerializer.INSTANCE),
        CachePersistence.codecFingerprint(
            ObjectSerializer.filtering(
                io.cairn.jcache.serialization.DeserializationFilter.DEFAULTS),
            LongSerializer.INSTANCE));
  }

  @Test
  void codecFingerprint_anotherKeyOrValueSerializer_changes() {
    long objects =
        CachePersistence.codecFingerprint(ObjectSerializer.INSTANCE, ObjectSerializer.INSTANCE);
    long longValues =
        CachePersistence.codecFingerprint(ObjectSerializer.INSTANCE, LongSerializer.INSTANCE);
    long longKeys =
        CachePersistence.codecFingerprint(LongSerializer.INSTANCE, ObjectSerializer.INSTANCE);
    long bytes =
        CachePersistence.codecFingerprint(ObjectSerializer.INSTANCE, ByteArraySerializer.INSTANCE);
    assertEquals(4, Set.of(objects, longValues, longKeys, bytes).size());
  }

  @Test
  void persistence_survivesJavaSerializationOfItsConfiguration() throws Exception {
    CachePersistence persistence =
        CachePersistence.in(dir).flushIntervalMillis(5_000).restoreClustered(true);
    CairnConfiguration<String, String> configuration =
        new CairnConfiguration<String, String>().setPersistence(persistence);
    assertEquals(persistence, roundTrip(configuration).getPersistence());
    assertEquals(configuration, roundTrip(configuration));
  }

  @Test
  void setEngineSettings_copiesPersistence() {
    CachePersistence persistence = CachePersistence.in(dir);
    CairnConfiguration<Object, Object> from =
        new CairnConfiguration<>().setPersistence(persistence);
    assertEquals(persistence, new CairnConfiguration<>().setEngineSettings(from).getPersistence());
    assertEquals(persistence, new CairnConfiguration<>(from).getPersistence());
    assertNotEquals(from, new CairnConfiguration<>());
  }

  @SuppressWarnings("unchecked")
  private static <T> T roundTrip(T object) throws IOException, ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(object);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (T) in.readObject();
    }
  }
}
