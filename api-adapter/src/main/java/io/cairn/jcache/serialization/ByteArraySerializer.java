package io.cairn.jcache.serialization;

import io.cairn.engine.BytesView;

/**
 * {@code byte[]} as itself, with no type tag: the default for a cache whose key or value type is
 * exactly {@code byte[]} (see {@link Serializers#forType}). A read copies the stored bytes once,
 * straight into the array returned.
 *
 * <p>{@link #serialize} returns its argument, not a copy: the engine copies the bytes into its own
 * memory before the operation returns and keeps no reference, so store-by-value holds.
 *
 * <p>Threading: stateless and thread-safe.
 */
public final class ByteArraySerializer implements Serializer<byte[]> {

  /** The shared instance. */
  public static final ByteArraySerializer INSTANCE = new ByteArraySerializer();

  private ByteArraySerializer() {}

  @Override
  public byte[] serialize(byte[] object) {
    return object;
  }

  @Override
  public byte[] deserialize(byte[] bytes, ClassLoader classLoader) {
    return bytes; // the engine hands out a fresh copy on every call
  }

  @Override
  public boolean canReadInPlace(BytesView bytes) {
    return true;
  }

  @Override
  public byte[] deserialize(BytesView bytes) {
    return bytes.toByteArray();
  }
}
