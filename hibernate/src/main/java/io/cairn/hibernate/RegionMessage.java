package io.cairn.hibernate;

import io.cairn.jcache.serialization.ObjectSerializer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One message of the region factory's protocol, and its wire format:
 *
 * <pre>
 *   byte   kind     BEGIN, END, DROP, CLEAR or TIMESTAMP
 *   UTF    region   the region's name
 *   int    length   then the key, Java-serialized (absent for CLEAR)
 *   int    length   then the value, Java-serialized (TIMESTAMP only)
 * </pre>
 *
 * <p>Keys and values are Hibernate's cache keys and timestamps, serialized by Cairn's {@link
 * ObjectSerializer} (Java serialization within its default deserialization filter, classes from the
 * thread's context class loader, then this module's): members of a cluster trust each other (see
 * docs/cluster.md on securing the transport).
 *
 * <p>Threading: immutable.
 *
 * @param kind what the message asks
 * @param region the region it concerns
 * @param key the key ({@code null} for {@link Kind#CLEAR})
 * @param value the timestamp ({@link Kind#TIMESTAMP} only, else {@code null})
 */
record RegionMessage(Kind kind, String region, Object key, Object value) {

  /** What a message asks of its receivers. */
  enum Kind {
    /** Drop the key and refuse put-from-load for it until the sender's END. */
    BEGIN,
    /** The sender's transaction completed: lift its mark; loads begun before now may not store. */
    END,
    /** Drop the key; loads begun before now may not store (BEGIN and END at once). */
    DROP,
    /** Drop every entry of the region; loads begun before now may not store. */
    CLEAR,
    /** Store the value under the key (the replicated timestamps region). */
    TIMESTAMP
  }

  /** The message as bytes. */
  byte[] encode() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(kind.ordinal());
      out.writeUTF(region);
      if (kind != Kind.CLEAR) {
        writeObject(out, key);
      }
      if (kind == Kind.TIMESTAMP) {
        writeObject(out, value);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serialize a key of region " + region, e);
    }
    return bytes.toByteArray();
  }

  /**
   * The message {@code payload} holds.
   *
   * @throws IllegalArgumentException if it holds no such message
   */
  static RegionMessage decode(byte[] payload) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
      int ordinal = in.readUnsignedByte();
      if (ordinal >= Kind.values().length) {
        throw new IllegalArgumentException("not a Cairn region message: kind " + ordinal);
      }
      Kind kind = Kind.values()[ordinal];
      String region = in.readUTF();
      Object key = kind == Kind.CLEAR ? null : readObject(in);
      Object value = kind == Kind.TIMESTAMP ? readObject(in) : null;
      return new RegionMessage(kind, region, key, value);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("not a Cairn region message: " + e, e);
    }
  }

  private static void writeObject(DataOutputStream out, Object object) throws IOException {
    byte[] bytes = ObjectSerializer.INSTANCE.serialize(object);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  private static Object readObject(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0 || length > in.available()) {
      throw new IOException("object of " + length + " bytes");
    }
    byte[] bytes = new byte[length];
    in.readFully(bytes);
    return ObjectSerializer.INSTANCE.deserialize(bytes, RegionMessage.class.getClassLoader());
  }
}
