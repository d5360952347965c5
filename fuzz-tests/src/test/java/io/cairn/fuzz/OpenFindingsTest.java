package io.cairn.fuzz;

import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cairn.jcache.serialization.ObjectSerializer;
import io.cairn.jcache.serialization.SerializationException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * Inputs the fuzzers found that made a target fail, replayed one by one as regression tests of
 * their fixes. Each input lives under {@code src/test/resources/io/cairn/fuzz/findings/}.
 */
class OpenFindingsTest {

  private static byte[] finding(String name) throws IOException {
    try (InputStream in = OpenFindingsTest.class.getResourceAsStream("findings/" + name)) {
      return Objects.requireNonNull(in, name).readAllBytes();
    }
  }

  /**
   * {@link CodecFuzzTest} found: the one byte {@code 0x08} (the BOOLEAN tag with no payload) makes
   * {@code ObjectSerializer.deserialize(byte[], ClassLoader)} throw {@link
   * ArrayIndexOutOfBoundsException} from {@code HeapBytes.getByte} instead of {@link
   * SerializationException}: {@code decode} reads {@code bytes.getByte(1)} for the BOOLEAN and BYTE
   * tags without checking the length (the other fixed-width tags go through {@code getLong}). The
   * same holds for {@code 0x06} (BYTE) and for the in-place path.
   */
  @Test
  void objectSerializer_bareBooleanTag_throwsSerializationException() throws IOException {
    byte[] input = finding("codec-boolean-tag-alone");
    ClassLoader loader = getClass().getClassLoader();
    assertThrows(
        SerializationException.class, () -> ObjectSerializer.INSTANCE.deserialize(input, loader));
    assertThrows(
        SerializationException.class,
        () -> ObjectSerializer.INSTANCE.deserialize(new byte[] {6}, loader));
  }
}
