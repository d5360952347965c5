package io.cairn.jcache.serialization;

import io.cairn.engine.BytesView;
import java.nio.ByteOrder;

/**
 * {@code Long}s as their 8 big-endian bytes, with no type tag: the default for a cache whose key or
 * value type is exactly {@code Long} (see {@link Serializers#forType}). Eight bytes instead of
 * {@link ObjectSerializer}'s nine keep a {@code Long} key and a 100-byte value in a 116-byte item,
 * not a 120-byte one (items are 4-byte aligned).
 *
 * <p>Threading: stateless and thread-safe.
 */
public final class LongSerializer implements Serializer<Long> {

  /** The shared instance. */
  public static final LongSerializer INSTANCE = new LongSerializer();

  private static final boolean BIG_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN;

  private LongSerializer() {}

  @Override
  public byte[] serialize(Long object) {
    long value = object;
    byte[] out = new byte[Long.BYTES];
    for (int i = 0; i < Long.BYTES; i++) {
      out[i] = (byte) (value >>> (8 * (Long.BYTES - 1 - i)));
    }
    return out;
  }

  @Override
  public Long deserialize(byte[] bytes, ClassLoader classLoader) {
    return deserialize(new HeapBytes(bytes));
  }

  @Override
  public boolean canReadInPlace(BytesView bytes) {
    return true;
  }

  @Override
  public Long deserialize(BytesView bytes) {
    if (bytes.length() != Long.BYTES) {
      throw new SerializationException("length=" + bytes.length() + " for a Long");
    }
    long value = bytes.getLong(0); // native order
    return BIG_ENDIAN ? value : Long.reverseBytes(value);
  }
}
