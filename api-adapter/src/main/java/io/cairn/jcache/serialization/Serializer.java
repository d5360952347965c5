package io.cairn.jcache.serialization;

/**
 * Turns keys or values into the bytes the off-heap engine stores, and back.
 *
 * <p>Keys are compared by their serialized bytes, so a key serializer must be deterministic: equal
 * keys must give equal bytes.
 *
 * <p>Threading: implementations must be thread-safe; one instance serves every thread of a cache.
 *
 * @param <T> the type of the objects serialized
 */
public interface Serializer<T> {

  /**
   * Serializes {@code object}.
   *
   * @throws SerializationException if the object cannot be serialized
   */
  byte[] serialize(T object);

  /**
   * Deserializes {@code bytes} made by {@link #serialize}.
   *
   * @param classLoader the loader to resolve classes with (tried after the thread's context loader)
   * @throws SerializationException if the bytes cannot be turned back into an object
   */
  T deserialize(byte[] bytes, ClassLoader classLoader);
}
