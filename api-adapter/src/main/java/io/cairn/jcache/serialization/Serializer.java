package io.cairn.jcache.serialization;

import io.cairn.engine.BytesView;

/**
 * Turns keys or values into the bytes the off-heap engine stores, and back.
 *
 * <p>Keys are compared by their serialized bytes, so a key serializer must be deterministic: equal
 * keys must give equal bytes.
 *
 * <p>Reading in place: a serializer that can decode stored bytes without first copying them to the
 * heap says so with {@link #canReadInPlace} and does it in {@link #deserialize(BytesView)}; a read
 * then costs one copy (or none, for a number) instead of two. The default reads nothing in place.
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

  /**
   * Whether {@link #deserialize(BytesView)} can decode {@code bytes}; {@code false} sends them to
   * {@link #deserialize(byte[], ClassLoader)} after a copy. Same rules as that method.
   */
  default boolean canReadInPlace(BytesView bytes) {
    return false;
  }

  /**
   * Deserializes straight from the stored bytes, which {@link #canReadInPlace} accepted.
   *
   * <p>Runs inside the engine's optimistic read: a concurrent writer may be changing the bytes, and
   * then the result is discarded and the read repeated. So it must only read the view and allocate:
   * no side effects, no class loading, no user code, and no allocation sized by anything but {@link
   * BytesView#length}. Every access of the view is bounds-checked, so torn bytes can make it throw
   * (the read is then retried) but never reach outside the value.
   *
   * @throws UnsupportedOperationException unless {@link #canReadInPlace} was overridden
   */
  default T deserialize(BytesView bytes) {
    throw new UnsupportedOperationException(getClass().getName() + " reads nothing in place");
  }
}
