package io.cairn.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class InvalidationTest {

  private static Invalidation roundTrip(Invalidation message) {
    byte[] bytes = message.encode();
    byte[] framed = new byte[bytes.length + 3];
    System.arraycopy(bytes, 0, framed, 2, bytes.length);
    return Invalidation.decode(framed, 2, bytes.length);
  }

  @Test
  void decode_ofEncodedKeys_givesTheSameKindCacheNumberAndBytes() {
    byte[] empty = new byte[0];
    byte[] key = {1, 2, (byte) 0xFF};
    Invalidation decoded =
        roundTrip(
            new Invalidation(
                Invalidation.Kind.KEYS, "com.example.Person", 42, List.of(key, empty)));
    assertEquals(Invalidation.Kind.KEYS, decoded.kind());
    assertEquals("com.example.Person", decoded.cache());
    assertEquals(42, decoded.sequence());
    assertArrayEquals(key, decoded.keys().get(0));
    assertArrayEquals(empty, decoded.keys().get(1));
  }

  @Test
  void decode_ofClearAndGoodbye_keepsTheirFields() {
    Invalidation clear = roundTrip(new Invalidation(Invalidation.Kind.CLEAR, "é", 7, List.of()));
    assertEquals(Invalidation.Kind.CLEAR, clear.kind());
    assertEquals("é", clear.cache());
    assertEquals(7, clear.sequence());
    assertEquals(Invalidation.Kind.GOODBYE, roundTrip(Invalidation.goodbye()).kind());
  }

  @Test
  void decode_ofOtherBytes_failsWithIllegalArgument() {
    assertThrows(IllegalArgumentException.class, () -> Invalidation.decode(new byte[0], 0, 0));
    assertThrows(IllegalArgumentException.class, () -> Invalidation.decode(new byte[] {9}, 0, 1));
    byte[] truncated =
        new Invalidation(Invalidation.Kind.KEYS, "c", 1, List.of(new byte[8])).encode();
    assertThrows(
        IllegalArgumentException.class,
        () -> Invalidation.decode(truncated, 0, truncated.length - 1));
    byte[] huge = new Invalidation(Invalidation.Kind.KEYS, "c", 1, List.of()).encode();
    huge[huge.length - 1] = 100; // 100 keys announced in a few bytes
    assertThrows(IllegalArgumentException.class, () -> Invalidation.decode(huge, 0, huge.length));
  }
}
