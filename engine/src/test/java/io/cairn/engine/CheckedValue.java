package io.cairn.engine;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Self-validating values for concurrency tests: a value names the key it belongs to, carries a
 * version, and ends with a checksum, so a torn read or a value read under the wrong key is caught.
 *
 * <pre>
 *   0          8          16       20                 20+n       28+n
 *   +----------+----------+--------+------------------+----------+
 *   | key hash | version  |   n    | payload (n bytes)| checksum |
 *   +----------+----------+--------+------------------+----------+
 * </pre>
 *
 * The payload is derived from the key hash and the version; the checksum covers everything before
 * it. Little-endian throughout.
 */
final class CheckedValue {

  static final int OVERHEAD = 28;

  private static final int VERSION_OFFSET = 8;
  private static final int LENGTH_OFFSET = 16;
  private static final int PAYLOAD_OFFSET = 20;

  private CheckedValue() {}

  /** The value of {@code version} for the key whose hash is {@code keyHash}. */
  static byte[] encode(long keyHash, long version, int payloadLength) {
    byte[] v = new byte[OVERHEAD + payloadLength];
    ByteBuffer b = ByteBuffer.wrap(v).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(0, keyHash).putLong(VERSION_OFFSET, version).putInt(LENGTH_OFFSET, payloadLength);
    byte[] payload = TestBytes.bytes(payloadLength, keyHash ^ version);
    System.arraycopy(payload, 0, v, PAYLOAD_OFFSET, payloadLength);
    b.putLong(PAYLOAD_OFFSET + payloadLength, TestBytes.hash(v, 0, PAYLOAD_OFFSET + payloadLength));
    return v;
  }

  /** The version in a value that {@link #problem} accepted. */
  static long version(byte[] value) {
    return ByteBuffer.wrap(value).order(ByteOrder.LITTLE_ENDIAN).getLong(VERSION_OFFSET);
  }

  /** What is wrong with {@code value} as a value of the key hashed to {@code keyHash}, or null. */
  static String problem(long keyHash, byte[] value) {
    if (value.length < OVERHEAD) {
      return "too short: " + TestBytes.describe(value);
    }
    ByteBuffer b = ByteBuffer.wrap(value).order(ByteOrder.LITTLE_ENDIAN);
    int n = b.getInt(LENGTH_OFFSET);
    if (n != value.length - OVERHEAD) {
      return "payload length " + n + " in a value of " + value.length + " bytes";
    }
    if (b.getLong(PAYLOAD_OFFSET + n) != TestBytes.hash(value, 0, PAYLOAD_OFFSET + n)) {
      return "bad checksum (torn): " + TestBytes.describe(value);
    }
    if (b.getLong(0) != keyHash) {
      return "a value of another key (hash " + b.getLong(0) + ", expected " + keyHash + ")";
    }
    byte[] payload = TestBytes.bytes(n, keyHash ^ version(value));
    if (!Arrays.equals(payload, 0, n, value, PAYLOAD_OFFSET, PAYLOAD_OFFSET + n)) {
      return "payload does not match its version";
    }
    return null;
  }
}
