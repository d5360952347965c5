package io.cairn.hibernate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The wire format of the region factory's messages. */
class RegionMessageTest {

  @Test
  void decode_ofEncodedMessages_givesThemBack() {
    for (RegionMessage message :
        new RegionMessage[] {
          new RegionMessage(RegionMessage.Kind.BEGIN, "r", 7L, null),
          new RegionMessage(RegionMessage.Kind.END, "r", "key", null),
          new RegionMessage(RegionMessage.Kind.DROP, "region.with.dots", 1, null),
          new RegionMessage(RegionMessage.Kind.CLEAR, "r", null, null),
          new RegionMessage(RegionMessage.Kind.TIMESTAMP, "ts", "ACCOUNT", 123L)
        }) {
      assertEquals(message, RegionMessage.decode(message.encode()));
    }
  }

  @Test
  void decode_ofOtherBytes_throws() {
    assertThrows(IllegalArgumentException.class, () -> RegionMessage.decode(new byte[] {9}));
    byte[] truncated = new RegionMessage(RegionMessage.Kind.BEGIN, "r", 7L, null).encode();
    byte[] shorter = java.util.Arrays.copyOf(truncated, truncated.length - 3);
    assertThrows(IllegalArgumentException.class, () -> RegionMessage.decode(shorter));
  }
}
