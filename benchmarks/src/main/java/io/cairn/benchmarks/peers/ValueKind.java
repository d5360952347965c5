package io.cairn.benchmarks.peers;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * The values of a workload: 100-byte {@code byte[]} arrays or 100-char Latin-1 strings (100 bytes
 * of payload either way).
 */
public enum ValueKind {
  /** A {@code byte[]} of {@link #PAYLOAD_BYTES} random bytes. */
  BYTES(byte[].class) {
    @Override
    Object value(SplittableRandom random) {
      byte[] value = new byte[PAYLOAD_BYTES];
      random.nextBytes(value);
      return value;
    }

    @Override
    byte[] encode(Object value) {
      return (byte[]) value;
    }

    @Override
    Object decode(byte[] bytes) {
      return bytes;
    }
  },

  /** A {@code String} of {@link #PAYLOAD_BYTES} printable ASCII chars (stored compact, Latin-1). */
  STRING(String.class) {
    @Override
    Object value(SplittableRandom random) {
      char[] chars = new char[PAYLOAD_BYTES];
      for (int i = 0; i < chars.length; i++) {
        chars[i] = (char) ('!' + random.nextInt(94));
      }
      return new String(chars);
    }

    @Override
    byte[] encode(Object value) {
      return ((String) value).getBytes(StandardCharsets.ISO_8859_1);
    }

    @Override
    Object decode(byte[] bytes) {
      return new String(bytes, StandardCharsets.ISO_8859_1);
    }
  };

  /** Bytes of payload in every value: the size the design's and the peer figures use. */
  public static final int PAYLOAD_BYTES = 100;

  /** Bytes of payload in every key: a {@code Long}. */
  public static final int KEY_BYTES = Long.BYTES;

  private final Class<?> type;

  ValueKind(Class<?> type) {
    this.type = type;
  }

  /** The value class, for typed caches. */
  Class<?> type() {
    return type;
  }

  /** A new value drawn from {@code random}. */
  abstract Object value(SplittableRandom random);

  /** The raw payload of {@code value}, for the native references that store bytes. */
  abstract byte[] encode(Object value);

  /** The value whose payload is {@code bytes}. */
  abstract Object decode(byte[] bytes);

  /** {@code count} distinct values from a fixed seed. */
  public Object[] values(int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Object[] values = new Object[count];
    for (int i = 0; i < count; i++) {
      values[i] = value(random);
    }
    return values;
  }
}
