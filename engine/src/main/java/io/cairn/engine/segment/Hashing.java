package io.cairn.engine.segment;

import io.cairn.engine.memory.MemoryRegion;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.security.SecureRandom;

/**
 * A store's keyed hash of key bytes: SipHash-1-3 (Aumasson and Bernstein, "SipHash: a fast
 * short-input PRF", 2012; 1-3 is the variant Rust's and Python's hash tables use) under a 128-bit
 * key drawn at random when the store opens. Shard, index bucket and tag are taken from disjoint
 * bits of it, so an outsider who does not know the key cannot compute keys that collide in one
 * bucket or shard: the unkeyed MurmurHash3 mixer used before is invertible for 8-byte keys, which
 * let crafted keys pile into chosen buckets.
 *
 * <p>Words are read in the platform's byte order from byte arrays and from native memory alike, so
 * a key hashes the same from either; hashes never leave the process.
 *
 * <p>Threading: immutable, thread-safe. Not final only so that tests can stand in an attacker who
 * knows the hash.
 */
class Hashing {

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, MemoryRegion.ORDER);

  private static final SecureRandom SEEDS = new SecureRandom();

  /** Compression rounds per 8-byte word: SipHash-1-3. */
  private static final int C_ROUNDS = 1;

  /** Finalization rounds: SipHash-1-3. */
  private static final int D_ROUNDS = 3;

  private final long k0;
  private final long k1;
  private final int compressionRounds;
  private final int finalizationRounds;

  Hashing(long k0, long k1) {
    this(k0, k1, C_ROUNDS, D_ROUNDS);
  }

  /** SipHash-c-d; other than 1-3 only to check the implementation against published vectors. */
  Hashing(long k0, long k1, int compressionRounds, int finalizationRounds) {
    this.k0 = k0;
    this.k1 = k1;
    this.compressionRounds = compressionRounds;
    this.finalizationRounds = finalizationRounds;
  }

  /** A hash under a fresh random key. */
  static Hashing seeded() {
    return new Hashing(SEEDS.nextLong(), SEEDS.nextLong());
  }

  /** The hash of {@code key}. */
  long hash(byte[] key) {
    State s = new State(k0, k1);
    int length = key.length;
    int i = 0;
    for (; i <= length - Long.BYTES; i += Long.BYTES) {
      s.absorb((long) LONGS.get(key, i), compressionRounds);
    }
    long last = (long) length << 56;
    for (int shift = 0; i < length; i++, shift += 8) {
      last |= (key[i] & 0xFFL) << shift;
    }
    return s.finish(last, compressionRounds, finalizationRounds);
  }

  /** The hash of the {@code length} bytes at {@code offset} of {@code region}; as {@link #hash}. */
  long hash(MemoryRegion region, long offset, int length) {
    State s = new State(k0, k1);
    int i = 0;
    for (; i <= length - Long.BYTES; i += Long.BYTES) {
      s.absorb(region.getLong(offset + i), compressionRounds);
    }
    long last = (long) length << 56;
    for (int shift = 0; i < length; i++, shift += 8) {
      last |= (region.getByte(offset + i) & 0xFFL) << shift;
    }
    return s.finish(last, compressionRounds, finalizationRounds);
  }

  /** SipHash's four words of state. Escape analysis keeps it in registers. */
  private static final class State {
    long v0;
    long v1;
    long v2;
    long v3;

    State(long k0, long k1) {
      v0 = k0 ^ 0x736f6d6570736575L;
      v1 = k1 ^ 0x646f72616e646f6dL;
      v2 = k0 ^ 0x6c7967656e657261L;
      v3 = k1 ^ 0x7465646279746573L;
    }

    void absorb(long m, int rounds) {
      v3 ^= m;
      for (int r = 0; r < rounds; r++) {
        round();
      }
      v0 ^= m;
    }

    long finish(long last, int compressionRounds, int finalizationRounds) {
      absorb(last, compressionRounds);
      v2 ^= 0xFF;
      for (int r = 0; r < finalizationRounds; r++) {
        round();
      }
      return v0 ^ v1 ^ v2 ^ v3;
    }

    private void round() {
      v0 += v1;
      v1 = Long.rotateLeft(v1, 13);
      v1 ^= v0;
      v0 = Long.rotateLeft(v0, 32);
      v2 += v3;
      v3 = Long.rotateLeft(v3, 16);
      v3 ^= v2;
      v0 += v3;
      v3 = Long.rotateLeft(v3, 21);
      v3 ^= v0;
      v2 += v1;
      v1 = Long.rotateLeft(v1, 17);
      v1 ^= v2;
      v2 = Long.rotateLeft(v2, 32);
    }
  }

  /** MurmurHash3's 64-bit finalizer: a bijective mixer, for tests and sketches, never for keys. */
  static long fmix64(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }
}
