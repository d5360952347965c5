package io.cairn.jcache.serialization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ObjectInputFilter;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Finding 13 of issue 11: Java deserialization in {@link ObjectSerializer} is bounded and filtered.
 * Before, there was no filter at all, and a 20,000-deep graph threw {@link StackOverflowError}.
 */
class DeserializationFilterTest {
  private static final ClassLoader LOADER = DeserializationFilterTest.class.getClassLoader();

  /** A class the JVM-wide filter this test installs rejects. */
  static final class Forbidden implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /** A class nothing rejects. */
  record Allowed(int n) implements Serializable {}

  /**
   * Installs a JVM-wide filter that rejects {@link Forbidden} alone, as {@code
   * -Djdk.serialFilter=!...Forbidden} would; it can be set once per JVM, and touches no other
   * class.
   */
  @BeforeAll
  static void installJvmWideFilter() {
    if (ObjectInputFilter.Config.getSerialFilter() == null) {
      ObjectInputFilter.Config.setSerialFilter(
          ObjectInputFilter.Config.createFilter("!" + Forbidden.class.getName()));
    }
  }

  private static String refusal(DeserializationFilter filter, Object value) {
    ObjectSerializer serializer = ObjectSerializer.filtering(filter);
    byte[] bytes = serializer.serialize(value);
    return assertThrows(SerializationException.class, () -> serializer.deserialize(bytes, LOADER))
        .getMessage();
  }

  private static DeserializationFilter bounds(long depth, long array, long references) {
    return new DeserializationFilter(List.of(), depth, array, references);
  }

  @Test
  void deserialize_deeperThanMaxDepth_isRefusedNamingTheBound() {
    String message = refusal(bounds(20, 100, 100), DeepGraphs.nested(50));
    assertTrue(message.contains("maxDepth=20"), message);
    assertEquals(
        1,
        ((Object[])
                ObjectSerializer.INSTANCE.deserialize(
                    ObjectSerializer.INSTANCE.serialize(DeepGraphs.nested(50)), LOADER))
            .length);
  }

  @Test
  void deserialize_longerArrayThanMaxArrayLength_isRefusedNamingTheBound() {
    String message = refusal(bounds(10, 10, 100), new int[100]);
    assertTrue(message.contains("length=100 exceeds maxArrayLength=10"), message);
  }

  @Test
  void deserialize_moreReferencesThanMaxReferences_isRefusedNamingTheBound() {
    ArrayList<Date> dates = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      dates.add(new Date(i));
    }
    String message = refusal(bounds(10, 100, 5), dates);
    assertTrue(message.contains("exceeds maxReferences=5"), message);
  }

  @Test
  void deserialize_classOutsideTheAllowList_isRefusedNamingTheClass() {
    ArrayList<Date> dates = new ArrayList<>(List.of(new Date(1)));
    DeserializationFilter onlyLists =
        DeserializationFilter.DEFAULTS.allowing(List.of("java.util.ArrayList", "java.lang.*"));
    String message = refusal(onlyLists, dates);
    assertTrue(message.contains("class java.util.Date matches none"), message);

    ObjectSerializer utilities =
        ObjectSerializer.filtering(
            DeserializationFilter.DEFAULTS.allowing(List.of("java.util.*", "java.lang.*")));
    assertEquals(dates, utilities.deserialize(utilities.serialize(dates), LOADER));
  }

  @Test
  void deserialize_classTheJvmWideFilterRejects_isRefusedEvenWhenAllowed() {
    String message = refusal(DeserializationFilter.DEFAULTS, new Forbidden());
    assertTrue(message.contains("jdk.serialFilter"), message);
    message =
        refusal(
            DeserializationFilter.DEFAULTS.allowing(List.of(Forbidden.class.getName())),
            new Forbidden());
    assertTrue(message.contains("jdk.serialFilter"), "the allow-list cannot widen it: " + message);

    ObjectSerializer serializer = ObjectSerializer.INSTANCE;
    assertEquals(
        new Allowed(3), serializer.deserialize(serializer.serialize(new Allowed(3)), LOADER));
  }

  /** The 20,000-deep array of the finding, on a 512 KiB stack, so that it overflows for sure. */
  @Test
  void serialize_graphTooDeepForTheStack_throwsSerializationExceptionNotAnError()
      throws InterruptedException {
    Throwable thrown =
        DeepGraphs.thrownOnASmallStack(
            () -> ObjectSerializer.INSTANCE.serialize(DeepGraphs.nested(20_000)));
    assertTrue(thrown instanceof SerializationException, String.valueOf(thrown));
    assertTrue(thrown.getMessage().contains("too deep"), thrown.getMessage());
  }

  @Test
  void constructor_badBoundsAndPatterns_throwNamingThem() {
    for (String pattern : List.of("", " ", "!com.example.*", "maxdepth=5", "a;b", "java.base/")) {
      var e =
          assertThrows(
              IllegalArgumentException.class,
              () -> DeserializationFilter.DEFAULTS.allowing(List.of(pattern)),
              pattern);
      assertTrue(e.getMessage().startsWith("allowedClasses"), e.getMessage());
    }
    var e = assertThrows(IllegalArgumentException.class, () -> bounds(0, 1, 1));
    assertTrue(e.getMessage().contains("maxDepth=0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> bounds(1, -1, 1));
    assertTrue(e.getMessage().contains("maxArrayLength=-1"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> bounds(1, 1, 0));
    assertTrue(e.getMessage().contains("maxReferences=0"), e.getMessage());
  }
}
