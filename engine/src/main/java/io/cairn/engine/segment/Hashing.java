package io.cairn.engine.segment;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The 64-bit hash of a key's bytes: MurmurHash3's 64-bit mixing over 8-byte words, finished with
 * its avalanche step (fmix64). Shard, bucket and tag are taken from disjoint bits of it.
 */
final class Hashing {

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /** MurmurHash3 x64 multiplication constants. */
  private static final long C1 = 0x87c37b91114253d5L;

  private static final long C2 = 0x4cf5ad432745937fL;

  private Hashing() {}

  static long hash(byte[] key) {
    int length = key.length;
    long h = 0x9E3779B97F4A7C15L ^ length;
    int i = 0;
    for (; i <= length - 8; i += 8) {
      h ^= mixWord((long) LONGS.get(key, i));
      h = Long.rotateLeft(h, 27) * 5 + 0x52dce729;
    }
    long tail = 0;
    for (int shift = 0; i < length; i++, shift += 8) {
      tail |= (key[i] & 0xFFL) << shift;
    }
    h ^= mixWord(tail);
    return fmix64(h);
  }

  private static long mixWord(long k) {
    return Long.rotateLeft(k * C1, 31) * C2;
  }

  static long fmix64(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }
}
