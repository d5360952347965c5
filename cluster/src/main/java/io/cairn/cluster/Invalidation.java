package io.cairn.cluster;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One message between members, and its wire format:
 *
 * <pre>
 *   byte   kind       KEYS, CLEAR, GOODBYE or TOPIC
 *   UTF    cache      the cache's name, or the topic's (absent for GOODBYE)
 *   long   sequence   the sender's number for this cache, 1, 2, ... (absent for GOODBYE; 0 for TOPIC)
 *   int    count      the number of keys (KEYS, and TOPIC's one payload), then per key:
 *   int    length
 *   byte[] key        the key as its cache's key serializer wrote it
 * </pre>
 *
 * <p>Threading: immutable once built; the key arrays are not copied and must not be changed.
 *
 * @param kind what the message asks
 * @param cache the cache it concerns, or the topic ({@code ""} for {@link Kind#GOODBYE})
 * @param sequence the sender's sequence number for {@code cache} (0 for {@link Kind#GOODBYE})
 * @param keys the serialized keys to drop ({@link Kind#KEYS}), the payload ({@link Kind#TOPIC}),
 *     else empty
 */
record Invalidation(Kind kind, String cache, long sequence, List<byte[]> keys) {

  /** What a message asks of its receivers. */
  enum Kind {
    /** Drop these keys of the cache. */
    KEYS,
    /** Drop every entry of the cache. */
    CLEAR,
    /** The sender leaves the cluster; nothing follows it (it missed nothing of ours either). */
    GOODBYE,
    /** An extension's own message on a {@link ClusterTopic}: one payload, no sequence number. */
    TOPIC
  }

  /** The message carrying {@code payload} on the topic {@code topic}. */
  static Invalidation topic(String topic, byte[] payload) {
    return new Invalidation(Kind.TOPIC, topic, 0, List.of(payload));
  }

  /** Whether the message carries keys (or a topic's payload) after its header. */
  private static boolean hasKeys(Kind kind) {
    return kind == Kind.KEYS || kind == Kind.TOPIC;
  }

  /** The message that says the sender leaves. */
  static Invalidation goodbye() {
    return new Invalidation(Kind.GOODBYE, "", 0, List.of());
  }

  /** The message as bytes. */
  byte[] encode() {
    int size = 16 + cache.length() * 3;
    for (byte[] key : keys) {
      size += 4 + key.length;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(size);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(kind.ordinal());
      if (kind != Kind.GOODBYE) {
        out.writeUTF(cache);
        out.writeLong(sequence);
      }
      if (hasKeys(kind)) {
        out.writeInt(keys.size());
        for (byte[] key : keys) {
          out.writeInt(key.length);
          out.write(key);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a byte array stream does not fail
    }
    return bytes.toByteArray();
  }

  /**
   * The message {@code length} bytes at {@code offset} of {@code buffer} hold.
   *
   * @throws IllegalArgumentException if they are no such message
   */
  static Invalidation decode(byte[] buffer, int offset, int length) {
    try (DataInputStream in =
        new DataInputStream(new ByteArrayInputStream(buffer, offset, length))) {
      int ordinal = in.readUnsignedByte();
      if (ordinal >= Kind.values().length) {
        throw new IllegalArgumentException("not a Cairn invalidation: kind " + ordinal);
      }
      Kind kind = Kind.values()[ordinal];
      if (kind == Kind.GOODBYE) {
        return goodbye();
      }
      String cache = in.readUTF();
      long sequence = in.readLong();
      List<byte[]> keys = List.of();
      if (hasKeys(kind)) {
        int count = in.readInt();
        if (count < 0 || count > length) {
          throw new IllegalArgumentException("not a Cairn invalidation: " + count + " keys");
        }
        keys = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
          int keyLength = in.readInt();
          if (keyLength < 0 || keyLength > length) {
            throw new IllegalArgumentException("not a Cairn invalidation: key of " + keyLength);
          }
          byte[] key = new byte[keyLength];
          in.readFully(key); // throws at the end of the message, where readNBytes would not
          keys.add(key);
        }
      }
      return new Invalidation(kind, cache, sequence, keys);
    } catch (IOException e) {
      throw new IllegalArgumentException("not a Cairn invalidation: " + e, e);
    }
  }
}
