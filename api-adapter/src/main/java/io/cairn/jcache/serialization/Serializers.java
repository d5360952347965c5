package io.cairn.jcache.serialization;

/** The serializer a cache uses for a declared key or value type when none was configured. */
public final class Serializers {

  private Serializers() {}

  /**
   * {@code configured}, unless it is an {@link ObjectSerializer} and {@code type} is one that has a
   * tagless form: {@link LongSerializer} for {@code Long}, {@link ByteArraySerializer} for {@code
   * byte[]}. A typed cache accepts nothing but its type (JCache's runtime type check), so the tag
   * that tells types apart is not needed.
   */
  @SuppressWarnings("unchecked")
  public static <T> Serializer<? super T> forType(Class<T> type, Serializer<? super T> configured) {
    if (!(configured instanceof ObjectSerializer)) {
      return configured;
    } else if (type == Long.class) {
      return (Serializer<? super T>) LongSerializer.INSTANCE;
    } else if (type == byte[].class) {
      return (Serializer<? super T>) ByteArraySerializer.INSTANCE;
    }
    return configured;
  }
}
