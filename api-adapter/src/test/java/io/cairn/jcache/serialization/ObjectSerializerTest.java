package io.cairn.jcache.serialization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Serializable;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ObjectSerializerTest {
  private final ObjectSerializer serializer = ObjectSerializer.INSTANCE;
  private final ClassLoader loader = getClass().getClassLoader();

  private Object roundTrip(Object value) {
    return serializer.deserialize(serializer.serialize(value), loader);
  }

  record Point(int x, int y) implements Serializable {}

  @Test
  void roundTrip_builtInTypes_restoresEqualValues() {
    List<Object> values =
        List.of(
            "",
            "plain",
            "ünïcödé",
            "日本語",
            0L,
            -1L,
            Long.MIN_VALUE,
            Long.MAX_VALUE,
            -7,
            42,
            Integer.MIN_VALUE,
            (short) -3,
            (byte) -128,
            'x',
            '\uffff',
            true,
            false,
            -0.0d,
            Double.NaN,
            1.5f,
            UUID.randomUUID(),
            new Point(1, -2));
    for (Object value : values) {
      assertEquals(value, roundTrip(value), () -> "value " + value);
      assertEquals(value.getClass(), roundTrip(value).getClass());
    }
  }

  @Test
  void roundTrip_byteArray_restoresContent() {
    byte[] bytes = {0, -1, 127};
    assertArrayEquals(bytes, (byte[]) roundTrip(bytes));
  }

  @Test
  void roundTrip_unpairedSurrogate_keepsEveryChar() {
    String odd = "a\ud800b";
    assertEquals(odd, roundTrip(odd));
  }

  @Test
  void serialize_equalValues_giveEqualBytes() {
    assertArrayEquals(serializer.serialize(new String("key")), serializer.serialize("key"));
    assertArrayEquals(serializer.serialize(123456789L), serializer.serialize(123456789L));
    assertTrue(serializer.serialize("x").length <= 2, "short strings stay short");
  }

  @Test
  void serialize_notSerializable_throwsNamingTheClass() {
    SerializationException e =
        assertThrows(SerializationException.class, () -> serializer.serialize(new Object()));
    assertTrue(e.getMessage().contains("java.lang.Object"));
  }

  @Test
  void deserialize_unknownTagOrEmpty_throws() {
    assertThrows(SerializationException.class, () -> serializer.deserialize(new byte[0], loader));
    assertThrows(
        SerializationException.class, () -> serializer.deserialize(new byte[] {99}, loader));
    assertThrows(
        SerializationException.class, () -> serializer.deserialize(new byte[] {3, 1}, loader));
  }

  @Test
  void deserialize_classOnlyInContextLoader_isFound() {
    byte[] bytes = serializer.serialize(new Point(3, 4));
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      assertEquals(new Point(3, 4), serializer.deserialize(bytes, null));
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  @Test
  void deserializeInPlace_everyCompactForm_equalsTheCopyingPath() {
    List<Object> values =
        List.of(
            "",
            "plain",
            "日本語",
            -1L,
            42,
            (short) -3,
            (byte) 7,
            'x',
            true,
            2.5d,
            1.5f,
            UUID.randomUUID());
    for (Object value : values) {
      HeapBytes view = new HeapBytes(serializer.serialize(value));
      assertTrue(serializer.canReadInPlace(view), () -> "in place: " + value);
      assertEquals(value, serializer.deserialize(view), () -> "value " + value);
    }
    byte[] bytes = {0, -1, 127};
    assertArrayEquals(
        bytes, (byte[]) serializer.deserialize(new HeapBytes(serializer.serialize(bytes))));
  }

  @Test
  void canReadInPlace_javaSerializedOrEmpty_isFalse() {
    // Java deserialization runs user code: never on bytes a writer may be changing.
    assertFalse(serializer.canReadInPlace(new HeapBytes(serializer.serialize(new Point(1, 2)))));
    assertFalse(serializer.canReadInPlace(new HeapBytes(new byte[0])));
  }

  @Test
  void deserializeInPlace_tornLength_throwsSerializationException() {
    byte[] bytes = serializer.serialize(7L);
    byte[] torn = java.util.Arrays.copyOf(bytes, bytes.length - 1);
    assertThrows(SerializationException.class, () -> serializer.deserialize(new HeapBytes(torn)));
  }
}
