package io.cairn.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.cairn.engine.BytesView;
import io.cairn.jcache.serialization.ByteArraySerializer;
import io.cairn.jcache.serialization.LongSerializer;
import io.cairn.jcache.serialization.ObjectSerializer;
import io.cairn.jcache.serialization.SerializationException;
import io.cairn.jcache.serialization.Serializer;
import java.util.Objects;

/**
 * Fuzzes the codecs' decoders with arbitrary bytes, as a corrupted or hostile stored value would
 * present them: the Object codec (its tagless built-ins and its bounded, filtered Java
 * deserialization), the long codec and the byte[] codec, each through both the copying and the
 * in-place path.
 *
 * <p>What it proves, for every input tried: decoding returns an object or throws {@link
 * SerializationException}; any other exception, a StackOverflowError or OutOfMemoryError (a
 * deserialization bomb the filter should stop) or a hang (Jazzer's timeout) is a bug. An object
 * that decodes must encode again.
 */
class CodecFuzzTest {

  private static final ClassLoader LOADER = CodecFuzzTest.class.getClassLoader();

  @FuzzTest(maxDuration = "2m")
  void decode(byte[] bytes) {
    decode(ObjectSerializer.INSTANCE, bytes, true);
    decode(LongSerializer.INSTANCE, bytes, false);
    decode(ByteArraySerializer.INSTANCE, bytes, false);
  }

  private static <T> void decode(Serializer<T> codec, byte[] bytes, boolean reencode) {
    T copied = null;
    try {
      copied = codec.deserialize(bytes.clone(), LOADER);
    } catch (SerializationException e) {
      // refused: the documented outcome
    }
    if (copied != null && reencode) {
      Objects.requireNonNull(codec.serialize(copied));
    }
    BytesView view = new ArrayView(bytes);
    try {
      if (codec.canReadInPlace(view)) {
        codec.deserialize(view);
      }
    } catch (SerializationException e) {
      // refused
    }
  }

  /** A bounds-checked view over a heap array, as the engine's view is over native memory. */
  private record ArrayView(byte[] bytes) implements BytesView {
    @Override
    public int length() {
      return bytes.length;
    }

    @Override
    public byte getByte(int index) {
      return bytes[index];
    }

    @Override
    public long getLong(int index) {
      Objects.checkFromIndexSize(index, Long.BYTES, bytes.length);
      long v = 0;
      for (int i = Long.BYTES - 1; i >= 0; i--) {
        v = (v << 8) | (bytes[index + i] & 0xFF);
      }
      return v;
    }

    @Override
    public int getInt(int index) {
      Objects.checkFromIndexSize(index, Integer.BYTES, bytes.length);
      int v = 0;
      for (int i = Integer.BYTES - 1; i >= 0; i--) {
        v = (v << 8) | (bytes[index + i] & 0xFF);
      }
      return v;
    }

    @Override
    public void getBytes(int index, byte[] dst, int dstOffset, int length) {
      System.arraycopy(bytes, index, dst, dstOffset, length);
    }
  }
}
