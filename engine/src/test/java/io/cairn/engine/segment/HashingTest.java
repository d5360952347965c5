package io.cairn.engine.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cairn.engine.memory.MemoryRegion;
import io.cairn.engine.memory.NativeMemory;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class HashingTest {

  private static byte[] sequence(int length) {
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) {
      bytes[i] = (byte) i;
    }
    return bytes;
  }

  private static final long K0 = 0x0706050403020100L; // the reference key 00 01 .. 0f
  private static final long K1 = 0x0f0e0d0c0b0a0908L;

  @Test
  void hash_asSipHash24_matchesTheReferenceVectors() {
    assumeTrue(MemoryRegion.ORDER == ByteOrder.LITTLE_ENDIAN, "the vectors are little-endian");
    Hashing sip24 = new Hashing(K0, K1, 2, 4);
    // From the SipHash paper's appendix and the reference implementation's vectors.h.
    assertEquals(0xa129ca6149be45e5L, sip24.hash(sequence(15)));
    assertEquals(0x726fdb47dd0e0e31L, sip24.hash(sequence(0)));
    assertEquals(0x74f839c593dc67fdL, sip24.hash(sequence(1)));
    assertEquals(0x93f5f5799a932462L, sip24.hash(sequence(8)));
  }

  @Test
  void hash_ofNativeBytes_equalsHashOfTheSameArray() {
    Hashing hashing = Hashing.seeded();
    NativeMemory memory = new NativeMemory();
    MemoryRegion region = memory.allocate(64, true);
    try {
      for (int length = 0; length <= 40; length++) {
        byte[] key = sequence(length);
        region.putBytes(3, key, 0, length);
        assertEquals(hashing.hash(key), hashing.hash(region, 3, length), "length " + length);
      }
    } finally {
      memory.free(region);
    }
  }

  @Test
  void seeded_twoStores_hashTheSameKeyDifferently() {
    byte[] key = sequence(8);
    assertNotEquals(Hashing.seeded().hash(key), Hashing.seeded().hash(key));
  }
}
