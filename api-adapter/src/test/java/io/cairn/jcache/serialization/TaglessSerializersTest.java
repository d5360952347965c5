package io.cairn.jcache.serialization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TaglessSerializersTest {
  private final ClassLoader loader = getClass().getClassLoader();

  @Test
  void longSerializer_roundTrip_eightBigEndianBytes() {
    LongSerializer longs = LongSerializer.INSTANCE;
    assertArrayEquals(new byte[] {0, 0, 0, 0, 0, 0, 1, 2}, longs.serialize(258L));
    for (long value : new long[] {0, -1, 258, Long.MIN_VALUE, Long.MAX_VALUE}) {
      byte[] bytes = longs.serialize(value);
      assertEquals(Long.BYTES, bytes.length);
      assertEquals(value, longs.deserialize(bytes, loader));
      assertTrue(longs.canReadInPlace(new HeapBytes(bytes)));
      assertEquals(value, longs.deserialize(new HeapBytes(bytes)));
    }
  }

  @Test
  void longSerializer_wrongLength_throws() {
    assertThrows(
        SerializationException.class,
        () -> LongSerializer.INSTANCE.deserialize(new byte[7], loader));
  }

  @Test
  void byteArraySerializer_roundTrip_copiesOnRead() {
    ByteArraySerializer arrays = ByteArraySerializer.INSTANCE;
    byte[] value = {1, -2, 3};
    assertSame(value, arrays.serialize(value), "the engine copies; no copy of our own");
    HeapBytes stored = new HeapBytes(value.clone());
    byte[] read = arrays.deserialize(stored);
    assertArrayEquals(value, read);
    assertArrayEquals(value, arrays.deserialize(value.clone(), loader));
  }

  @Test
  void forType_defaultSerializer_isTaglessForLongAndByteArrayOnly() {
    assertSame(LongSerializer.INSTANCE, Serializers.forType(Long.class, ObjectSerializer.INSTANCE));
    assertSame(
        ByteArraySerializer.INSTANCE, Serializers.forType(byte[].class, ObjectSerializer.INSTANCE));
    assertSame(
        ObjectSerializer.INSTANCE, Serializers.forType(String.class, ObjectSerializer.INSTANCE));
    assertSame(
        ObjectSerializer.INSTANCE, Serializers.forType(Object.class, ObjectSerializer.INSTANCE));
  }

  @Test
  void forType_configuredSerializer_isKept() {
    Serializer<Object> custom =
        new Serializer<>() {
          @Override
          public byte[] serialize(Object object) {
            return new byte[0];
          }

          @Override
          public Object deserialize(byte[] bytes, ClassLoader classLoader) {
            return null;
          }
        };
    assertSame(custom, Serializers.forType(Long.class, custom));
  }
}
