package io.cairn.jcache.serialization;

import io.cairn.engine.BytesView;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.NotSerializableException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The default serializer: a one-byte tag, then a compact form for {@link String}, the boxed
 * primitives, {@code byte[]} and {@link UUID}, and Java serialization for any other {@link
 * Serializable}.
 *
 * <p>Strings are stored as Latin-1 when every char fits in a byte and as UTF-16 chars otherwise, so
 * every string (even one with unpaired surrogates) round-trips and equal strings give equal bytes.
 * Java serialization resolves classes with the thread's context class loader first, then the loader
 * passed in.
 *
 * <p>Every compact form is read in place ({@link #canReadInPlace}): a number costs no copy at all,
 * a string or an array one. Java serialization is not: it runs user code, so its bytes are copied
 * out and deserialized after the engine's read has validated them.
 *
 * <p>Keys are compared by these bytes. The compact forms are canonical; Java serialization is for
 * ordinary value classes, but not for keys whose serialized form depends on their history (a {@code
 * HashMap} field, a lazily cached hash): such keys need a {@link Serializer} of their own.
 *
 * <p>Java deserialization runs within a {@link DeserializationFilter}: bounds on depth, array
 * length and references, an optional allow-list of classes, and the JVM-wide {@code
 * jdk.serialFilter}. A stream that trips them, or whose nesting overflows the stack either way, is
 * refused with a {@link SerializationException} naming the problem, never an {@link Error}.
 *
 * <p>Threading: immutable and thread-safe.
 */
public final class ObjectSerializer implements Serializer<Object> {

  /** The shared instance, deserializing within {@link DeserializationFilter#DEFAULTS}. */
  public static final ObjectSerializer INSTANCE =
      new ObjectSerializer(DeserializationFilter.DEFAULTS);

  // Tags: the first byte of every serialized form. Never renumber: stored bytes depend on them.
  private static final byte JAVA = 0;
  private static final byte LATIN1 = 1;
  private static final byte UTF16 = 2;
  private static final byte LONG = 3;
  private static final byte INTEGER = 4;
  private static final byte SHORT = 5;
  private static final byte BYTE = 6;
  private static final byte CHARACTER = 7;
  private static final byte BOOLEAN = 8;
  private static final byte DOUBLE = 9;
  private static final byte FLOAT = 10;
  private static final byte BYTES = 11;
  private static final byte UUID_TAG = 12;

  private final DeserializationFilter filter;
  private final ObjectInputFilter allowList; // filter's allow-list compiled, or null

  private ObjectSerializer(DeserializationFilter filter) {
    this.filter = filter;
    this.allowList = filter.allowList();
  }

  /** The serializer that deserializes Java-serialized values within {@code filter}. */
  public static ObjectSerializer filtering(DeserializationFilter filter) {
    return filter.equals(DeserializationFilter.DEFAULTS) ? INSTANCE : new ObjectSerializer(filter);
  }

  /** What Java deserialization may build. */
  public DeserializationFilter filter() {
    return filter;
  }

  @Override
  public byte[] serialize(Object object) {
    if (object instanceof String s) {
      return string(s);
    } else if (object instanceof Long l) {
      return fixed(LONG, l, Long.BYTES);
    } else if (object instanceof Integer i) {
      return fixed(INTEGER, i, Integer.BYTES);
    } else if (object instanceof Short s) {
      return fixed(SHORT, s, Short.BYTES);
    } else if (object instanceof Byte b) {
      return new byte[] {BYTE, b};
    } else if (object instanceof Character c) {
      return fixed(CHARACTER, c, Character.BYTES);
    } else if (object instanceof Boolean b) {
      return new byte[] {BOOLEAN, (byte) (b ? 1 : 0)};
    } else if (object instanceof Double d) {
      return fixed(DOUBLE, Double.doubleToRawLongBits(d), Double.BYTES);
    } else if (object instanceof Float f) {
      return fixed(FLOAT, Float.floatToRawIntBits(f), Float.BYTES);
    } else if (object instanceof byte[] bytes) {
      byte[] out = new byte[bytes.length + 1];
      out[0] = BYTES;
      System.arraycopy(bytes, 0, out, 1, bytes.length);
      return out;
    } else if (object instanceof UUID uuid) {
      byte[] out = new byte[1 + 2 * Long.BYTES];
      out[0] = UUID_TAG;
      putLong(out, 1, uuid.getMostSignificantBits(), Long.BYTES);
      putLong(out, 1 + Long.BYTES, uuid.getLeastSignificantBits(), Long.BYTES);
      return out;
    }
    return java(object);
  }

  @Override
  public Object deserialize(byte[] bytes, ClassLoader classLoader) {
    if (bytes.length == 0) {
      throw new SerializationException("cannot deserialize an empty array");
    }
    return bytes[0] == JAVA ? unjava(bytes, classLoader) : decode(new HeapBytes(bytes));
  }

  @Override
  public boolean canReadInPlace(BytesView bytes) {
    return bytes.length() > 0 && bytes.getByte(0) != JAVA;
  }

  @Override
  public Object deserialize(BytesView bytes) {
    return decode(bytes);
  }

  /** Decodes a compact form: side-effect free, so safe on bytes a writer may be changing. */
  private static Object decode(BytesView bytes) {
    byte tag = bytes.getByte(0);
    switch (tag) {
      case LATIN1:
        return new String(copy(bytes), StandardCharsets.ISO_8859_1);
      case UTF16:
        return utf16(copy(bytes));
      case LONG:
        return getLong(bytes, Long.BYTES);
      case INTEGER:
        return (int) getLong(bytes, Integer.BYTES);
      case SHORT:
        return (short) getLong(bytes, Short.BYTES);
      case BYTE:
        return (byte) getLong(bytes, Byte.BYTES); // checks the length, as every fixed width

      case CHARACTER:
        return (char) getLong(bytes, Character.BYTES);
      case BOOLEAN:
        return getLong(bytes, 1) != 0;
      case DOUBLE:
        return Double.longBitsToDouble(getLong(bytes, Double.BYTES));
      case FLOAT:
        return Float.intBitsToFloat((int) getLong(bytes, Float.BYTES));
      case BYTES:
        return copy(bytes);
      case UUID_TAG:
        if (bytes.length() != 1 + 2 * Long.BYTES) {
          throw new SerializationException("length=" + bytes.length() + " for tag=" + tag);
        }
        return new UUID(getLong(bytes, 1, Long.BYTES), getLong(bytes, 1 + Long.BYTES, Long.BYTES));
      default:
        throw new SerializationException("unknown serialization tag=" + tag);
    }
  }

  /** The bytes after the tag, on the heap. */
  private static byte[] copy(BytesView bytes) {
    byte[] out = new byte[bytes.length() - 1];
    bytes.getBytes(1, out, 0, out.length);
    return out;
  }

  private static byte[] string(String s) {
    int length = s.length();
    boolean latin1 = true;
    for (int i = 0; i < length && latin1; i++) {
      latin1 = s.charAt(i) < 256;
    }
    if (latin1) {
      byte[] out = new byte[length + 1];
      out[0] = LATIN1;
      for (int i = 0; i < length; i++) {
        out[i + 1] = (byte) s.charAt(i);
      }
      return out;
    }
    // char by char, not through a charset: an unpaired surrogate must survive unchanged
    byte[] out = new byte[2 * length + 1];
    out[0] = UTF16;
    for (int i = 0; i < length; i++) {
      char c = s.charAt(i);
      out[2 * i + 1] = (byte) (c >>> 8);
      out[2 * i + 2] = (byte) c;
    }
    return out;
  }

  /** A string from its UTF-16 chars, big-endian, without the tag. */
  private static String utf16(byte[] bytes) {
    if (bytes.length % 2 != 0) {
      throw new SerializationException("length=" + (bytes.length + 1) + " for a UTF-16 string");
    }
    char[] chars = new char[bytes.length / 2];
    for (int i = 0; i < chars.length; i++) {
      chars[i] = (char) (((bytes[2 * i] & 0xFF) << 8) | (bytes[2 * i + 1] & 0xFF));
    }
    return new String(chars);
  }

  private static byte[] fixed(byte tag, long value, int width) {
    byte[] out = new byte[1 + width];
    out[0] = tag;
    putLong(out, 1, value, width);
    return out;
  }

  private static void putLong(byte[] out, int offset, long value, int width) {
    for (int i = 0; i < width; i++) {
      out[offset + i] = (byte) (value >>> (8 * (width - 1 - i)));
    }
  }

  private static long getLong(BytesView bytes, int width) {
    if (bytes.length() != 1 + width) {
      throw new SerializationException("length=" + bytes.length() + " for tag=" + bytes.getByte(0));
    }
    return getLong(bytes, 1, width);
  }

  private static long getLong(BytesView bytes, int offset, int width) {
    long value = 0;
    for (int i = 0; i < width; i++) {
      value = (value << 8) | (bytes.getByte(offset + i) & 0xFF);
    }
    // sign-extend narrow values so that (int) and (short) casts restore negative numbers
    int shift = 64 - 8 * width;
    return shift == 0 ? value : (value << shift) >> shift;
  }

  private static byte[] java(Object object) {
    if (!(object instanceof Serializable)) {
      throw new SerializationException(
          "cannot serialize " + object.getClass().getName() + ": it is not Serializable");
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.write(JAVA);
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(object);
    } catch (NotSerializableException e) {
      throw new SerializationException(
          "cannot serialize " + object.getClass().getName() + ": " + e.getMessage(), e);
    } catch (IOException | RuntimeException e) {
      throw new SerializationException("cannot serialize " + object.getClass().getName(), e);
    } catch (StackOverflowError e) { // the stack unwound to here: there is room to report it
      throw new SerializationException(
          "cannot serialize "
              + object.getClass().getName()
              + ": its object graph nests too deep for the thread's stack (StackOverflowError)",
          e);
    }
    return bytes.toByteArray();
  }

  private Object unjava(byte[] bytes, ClassLoader classLoader) {
    InputStream in = new ByteArrayInputStream(bytes, 1, bytes.length - 1);
    Check check = new Check(filter, allowList, ObjectInputFilter.Config.getSerialFilter());
    try (ObjectInputStream objects = new LoaderObjectInputStream(in, classLoader)) {
      objects.setObjectInputFilter(check);
      return objects.readObject();
    } catch (IOException | ClassNotFoundException | RuntimeException e) {
      if (check.rejection != null) {
        throw new SerializationException("cannot deserialize a value: " + check.rejection, e);
      }
      throw new SerializationException("cannot deserialize a value: " + e, e);
    } catch (StackOverflowError e) {
      throw new SerializationException(
          "cannot deserialize a value: its object graph nests too deep for the thread's stack"
              + " (StackOverflowError); lower the deserialization filter's maxDepth="
              + filter.maxDepth(),
          e);
    }
  }

  /**
   * The filter of one stream: the {@link DeserializationFilter}'s bounds and allow-list, and the
   * JVM-wide filter, combined so that a rejection by either wins (as {@link
   * ObjectInputFilter#merge} does); it records why it rejected, for the exception's message.
   */
  private static final class Check implements ObjectInputFilter {
    private final DeserializationFilter filter;
    private final ObjectInputFilter allowList; // null: any class
    private final ObjectInputFilter jvmWide; // null: none set
    String rejection; // the first problem found; read by the thread that runs the stream

    Check(DeserializationFilter filter, ObjectInputFilter allowList, ObjectInputFilter jvmWide) {
      this.filter = filter;
      this.allowList = allowList;
      this.jvmWide = jvmWide;
    }

    @Override
    public Status checkInput(FilterInfo info) {
      String problem = null;
      if (info.depth() > filter.maxDepth()) {
        problem = "depth=" + info.depth() + " exceeds maxDepth=" + filter.maxDepth();
      } else if (info.arrayLength() > filter.maxArrayLength()) {
        problem =
            "an array of length="
                + info.arrayLength()
                + " exceeds maxArrayLength="
                + filter.maxArrayLength();
      } else if (info.references() > filter.maxReferences()) {
        problem =
            "references=" + info.references() + " exceeds maxReferences=" + filter.maxReferences();
      }
      boolean listed = allowList != null && info.serialClass() != null;
      if (problem == null && listed && allowList.checkInput(info) == Status.REJECTED) {
        problem =
            "class "
                + info.serialClass().getTypeName()
                + " matches none of the allowed classes "
                + filter.allowedClasses();
      }
      Status jvmStatus = jvmWide == null ? Status.UNDECIDED : jvmWide.checkInput(info);
      if (problem == null && jvmStatus == Status.REJECTED) {
        problem =
            "the JVM-wide filter (jdk.serialFilter) rejects "
                + (info.serialClass() == null
                    ? "the stream at depth=" + info.depth() + ", references=" + info.references()
                    : "class " + info.serialClass().getTypeName());
      }
      if (problem != null) {
        if (rejection == null) {
          rejection = problem;
        }
        return Status.REJECTED;
      }
      return listed ? Status.ALLOWED : jvmStatus;
    }
  }

  /** Resolves classes with the thread's context class loader, then the cache's. */
  private static final class LoaderObjectInputStream extends ObjectInputStream {
    private final ClassLoader classLoader;

    LoaderObjectInputStream(InputStream in, ClassLoader classLoader) throws IOException {
      super(in);
      this.classLoader = classLoader;
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass desc)
        throws IOException, ClassNotFoundException {
      ClassLoader context = Thread.currentThread().getContextClassLoader();
      if (context != null) {
        try {
          return Class.forName(desc.getName(), false, context);
        } catch (ClassNotFoundException e) {
          // fall through to the cache's loader
        }
      }
      if (classLoader != null) {
        try {
          return Class.forName(desc.getName(), false, classLoader);
        } catch (ClassNotFoundException e) {
          // fall through to the default resolution (primitives and the stream's loader)
        }
      }
      return super.resolveClass(desc);
    }
  }
}
