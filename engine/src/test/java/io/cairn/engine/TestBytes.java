package io.cairn.engine;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Byte arrays for tests: keys from strings, deterministic pseudo-random values, readable names. */
final class TestBytes {

  private TestBytes() {}

  /** A fresh array holding the UTF-8 bytes of {@code s}: lookups never share the written array. */
  static byte[] key(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** A fresh array holding the UTF-8 bytes of {@code s}. */
  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** {@code length} pseudo-random bytes determined by {@code seed}. */
  static byte[] bytes(int length, long seed) {
    byte[] b = new byte[length];
    long x = mix(seed);
    for (int i = 0; i < length; i++) {
      if ((i & 7) == 0) {
        x = mix(x + i);
      }
      b[i] = (byte) (x >>> ((i & 7) << 3));
    }
    return b;
  }

  /** A 64-bit hash of {@code b} (FNV-1a folded through a finalizer), for self-checking values. */
  static long hash(byte[] b, int from, int to) {
    long h = 0xcbf29ce484222325L;
    for (int i = from; i < to; i++) {
      h = (h ^ (b[i] & 0xff)) * 0x100000001b3L;
    }
    return mix(h);
  }

  /** A 64-bit hash of all of {@code b}. */
  static long hash(byte[] b) {
    return hash(b, 0, b.length);
  }

  /** SplitMix64's finalizer: a cheap, well-spread bijection on longs. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** A short printable form of {@code b} for assertion messages. */
  static String describe(byte[] b) {
    if (b == null) {
      return "null";
    }
    String hex = HexFormat.of().formatHex(b, 0, Math.min(b.length, 16));
    return "byte[" + b.length + "]{" + hex + (b.length > 16 ? "..." : "") + "}";
  }
}
