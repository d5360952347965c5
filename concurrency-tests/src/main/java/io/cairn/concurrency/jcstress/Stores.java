package io.cairn.concurrency.jcstress;

import io.cairn.engine.ByteStore;
import io.cairn.engine.BytesView;
import io.cairn.engine.StoreConfig;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Stores and values for the jcstress tests. Each test state opens its own store (one shard, the
 * background expirer off, a fixed clock) so that a state's outcome depends only on its actors; the
 * state's arbiter, or the actor that closes it, returns the store's native memory.
 *
 * <p>A value is {@link #VALUE_LENGTH} bytes all equal to its id: a reader can tell a whole value
 * (every byte the same, a known id) from a torn one (two ids mixed) or garbage (anything else)
 * without a second read. The outcome codes below are what the tests report.
 */
final class Stores {

  /** The fixed clock's reading: well inside the 48-bit instant range. */
  static final long NOW = 1_700_000_000_000L;

  /** A value's length: longer than a word, so a torn copy shows as mixed bytes. */
  static final int VALUE_LENGTH = 48;

  /** Outcome: the key had no live entry. */
  static final int MISS = 0;

  /** Outcome: the value was not all one known id (torn, another key's, or garbage). */
  static final int GARBAGE = -1;

  /** Outcome: the operation threw {@link IllegalStateException} (the store was closed). */
  static final int CLOSED = -2;

  /** Outcome: the operation threw something else. */
  static final int THREW = -3;

  private Stores() {}

  /** A small store: one shard, 16 KiB segments, 1 MiB; nothing a test does evicts from it. */
  static ByteStore small() {
    return ByteStore.open(
        StoreConfig.builder(1L << 20)
            .name("jcstress-small")
            .segmentSize(16 << 10)
            .shards(1)
            .clock(() -> NOW)
            .expirationIntervalMillis(0)
            .build());
  }

  /**
   * A tiny store of four minimum-size segments (4 KiB) and one shard, in which a few writes of
   * {@link #FILL_LENGTH}-byte values make the shard clean or evict and so reuse segments.
   */
  static ByteStore tiny() {
    StoreConfig probe =
        StoreConfig.builder(1L << 20)
            .segmentSize(StoreConfig.MIN_SEGMENT_SIZE)
            .shards(1)
            .expirationIntervalMillis(0)
            .build();
    return ByteStore.open(
        probe.toBuilder()
            .name("jcstress-tiny")
            .capacityBytes(probe.minimumBytes() + 3L * StoreConfig.MIN_SEGMENT_SIZE)
            .clock(() -> NOW)
            .build());
  }

  /** The length of filler values in the tiny store: about a fifth of a segment. */
  static final int FILL_LENGTH = 800;

  static byte[] key(String name) {
    return name.getBytes(StandardCharsets.UTF_8);
  }

  /** A value of {@link #VALUE_LENGTH} bytes, each {@code id} (1 to 127). */
  static byte[] value(int id) {
    return filled(id, VALUE_LENGTH);
  }

  static byte[] filled(int id, int length) {
    byte[] v = new byte[length];
    Arrays.fill(v, (byte) id);
    return v;
  }

  /** The id of a copied value: its common byte, {@link #MISS} for null, else {@link #GARBAGE}. */
  static int idOf(byte[] value) {
    if (value == null) {
      return MISS;
    }
    if (value.length == 0) {
      return GARBAGE;
    }
    byte id = value[0];
    for (byte b : value) {
      if (b != id) {
        return GARBAGE;
      }
    }
    return id > 0 ? id : GARBAGE;
  }

  /** The id of a value read in place, by the rule of {@link #idOf(byte[])}. */
  static Integer idOf(BytesView value) {
    int length = value.length();
    if (length == 0) {
      return GARBAGE;
    }
    byte id = value.getByte(0);
    for (int i = 1; i < length; i++) {
      if (value.getByte(i) != id) {
        return GARBAGE;
      }
    }
    return id > 0 ? Integer.valueOf(id) : Integer.valueOf(GARBAGE);
  }

  /** A zero-copy read of {@code key}'s id. */
  static int readId(ByteStore store, byte[] key) {
    Integer id = store.read(key, Stores::idOf);
    return id == null ? MISS : id;
  }
}
