package io.cairn.jcache.serialization;

import io.cairn.engine.StoreConfig;
import java.io.ObjectInputFilter;
import java.io.Serializable;
import java.util.List;

/**
 * What {@link ObjectSerializer} lets Java deserialization build: bounds on the depth of the object
 * graph, the length of each array and the number of object references, and optionally an allow-list
 * of classes. A stream that exceeds a bound or names a class outside the list is refused before the
 * object is built, with a {@link SerializationException} naming the problem.
 *
 * <p>The JVM-wide filter ({@code jdk.serialFilter}, or {@link
 * ObjectInputFilter.Config#setSerialFilter}) is honoured as well: a class or a limit it rejects is
 * refused even when this filter allows it. This filter can only narrow what the JVM-wide one
 * allows.
 *
 * <p>The bounds are checked when a value is read, not when it is written: a put of a value beyond
 * them succeeds, and reads of it fail.
 *
 * @param allowedClasses class-name patterns of the JDK's serial filter syntax ({@code
 *     com.example.Person}, {@code com.example.*} for a package, {@code com.example.**} with its
 *     subpackages, {@code com.example.Prefix*}, {@code java.base/*} for a module); every class in
 *     the stream (superclasses and array component types included, primitives excepted) must match
 *     one. Empty: any class the JVM-wide filter does not reject.
 * @param maxDepth the deepest nesting of objects, at least 1
 * @param maxArrayLength the longest array, at least 0
 * @param maxReferences the most object references (new objects and back-references), at least 1
 */
public record DeserializationFilter(
    List<String> allowedClasses, long maxDepth, long maxArrayLength, long maxReferences)
    implements Serializable {

  /**
   * The default depth bound: far deeper than value classes, Hibernate's cache entries or JDK
   * collections (which serialize their elements in a loop) nest, and shallow enough that reading
   * never runs out of a default 1 MiB thread stack.
   */
  public static final long DEFAULT_MAX_DEPTH = 1_000;

  /**
   * The default array bound: the largest item any store keeps, 16 MiB ({@link
   * StoreConfig#MAX_ITEM_BYTES}). Every array element takes at least one byte in the stream and a
   * stored value is never larger than that, so only forged or corrupted bytes declare a longer
   * array, to make the reader allocate gigabytes.
   */
  public static final long DEFAULT_MAX_ARRAY_LENGTH = StoreConfig.MAX_ITEM_BYTES;

  /** The default reference bound: as for arrays, each reference takes at least one byte. */
  public static final long DEFAULT_MAX_REFERENCES = StoreConfig.MAX_ITEM_BYTES;

  /** Any class, within the default bounds. */
  public static final DeserializationFilter DEFAULTS =
      new DeserializationFilter(
          List.of(), DEFAULT_MAX_DEPTH, DEFAULT_MAX_ARRAY_LENGTH, DEFAULT_MAX_REFERENCES);

  /**
   * Checks every value.
   *
   * @throws IllegalArgumentException naming the component and the value, for a bound out of range
   *     or a pattern that is blank, an exclusion ({@code !...}), a limit ({@code maxdepth=...}) or
   *     not of the serial filter syntax
   */
  public DeserializationFilter {
    allowedClasses = List.copyOf(allowedClasses);
    for (String pattern : allowedClasses) {
      if (pattern.isBlank()
          || pattern.startsWith("!")
          || pattern.contains(";")
          || pattern.contains("=")) {
        throw new IllegalArgumentException(
            "allowedClasses contains \""
                + pattern
                + "\", which is not a class-name pattern such as com.example.** or java.base/*");
      }
      try {
        ObjectInputFilter.Config.createFilter(pattern);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "allowedClasses contains \"" + pattern + "\": " + e.getMessage(), e);
      }
    }
    requireAtLeast("maxDepth", maxDepth, 1);
    requireAtLeast("maxArrayLength", maxArrayLength, 0);
    requireAtLeast("maxReferences", maxReferences, 1);
  }

  /** These bounds with only the classes matching {@code patterns} allowed. */
  public DeserializationFilter allowing(List<String> patterns) {
    return new DeserializationFilter(patterns, maxDepth, maxArrayLength, maxReferences);
  }

  /** The allow-list as one filter that rejects what no pattern matches; null without a list. */
  ObjectInputFilter allowList() {
    return allowedClasses.isEmpty()
        ? null
        : ObjectInputFilter.Config.createFilter(String.join(";", allowedClasses) + ";!*");
  }

  private static void requireAtLeast(String name, long value, long min) {
    if (value < min) {
      throw new IllegalArgumentException(name + "=" + value + " must be at least " + min);
    }
  }
}
