package io.cairn.benchmarks.hitratio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

class TraceFormatTest {

  @TempDir Path dir;

  @Test
  void lirs_crlfBlankAndStarLines_skippedAndParsed() throws IOException {
    Path file = gzip("lirs__t.trace.gz", "0\r\n1\r\n\r\n*\r\n-5\r\n  42  \n");
    assertEquals(List.of(0L, 1L, -5L, 42L), read(TraceFormat.LIRS, file));
  }

  @Test
  void int32_bigEndianInts_readUntilEnd() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream data = new DataOutputStream(bytes)) {
      data.writeInt(7);
      data.writeInt(-1);
      data.writeInt(0x01020304);
    }
    Path file = xz("cache2k__t.trace.xz", bytes.toByteArray());
    assertEquals(List.of(7L, -1L, 0x01020304L), read(TraceFormat.INT32, file));
  }

  @Test
  void adaptSize_idAndSize_packedIntoOneKey() throws IOException {
    Path file = xz("adapt_size__t.trace.xz", ascii("1 0 68\n2 1 7454\n3 0 69\n"));
    assertEquals(List.of(68L, (1L << 32) | 7454, 69L), read(TraceFormat.ADAPTSIZE, file));
  }

  @Test
  void address_hexAddress_isTheKey() throws IOException {
    Path file = gzip("address__t.trace.gz", "s 0x1fffff58 1\nl 0xffffffffffffffff 6\n");
    assertEquals(List.of(0x1fffff58L, -1L), read(TraceFormat.ADDRESS, file));
  }

  @Test
  void keyPerLine_decimalKeys_parsed() throws IOException {
    Path file = gzip("libcachesim__t.txt.gz", "42932745\n42932746\n");
    assertEquals(List.of(42932745L, 42932746L), read(TraceFormat.KEY_PER_LINE, file));
  }

  @Test
  void read_badLine_namesFormatAndLine() throws IOException {
    Path file = gzip("address__bad.trace.gz", "l 0x10 1\nl 10 1\n");
    IOException e = assertThrows(IOException.class, () -> read(TraceFormat.ADDRESS, file));
    assertEquals("format=ADDRESS line=2 text=\"l 10 1\" is not valid", e.getMessage());
  }

  @Test
  void ofFileName_prefix_givesFormat() {
    assertEquals(TraceFormat.LIRS, TraceFormat.ofFileName("lirs__gli.trace.gz"));
    assertEquals(TraceFormat.INT32, TraceFormat.ofFileName("cache2k__web07.trace.xz"));
    assertEquals(TraceFormat.ADAPTSIZE, TraceFormat.ofFileName("adapt_size__request.trace.xz"));
    assertEquals(TraceFormat.ADDRESS, TraceFormat.ofFileName("address__gzip.trace.gz"));
    assertEquals(
        TraceFormat.KEY_PER_LINE, TraceFormat.ofFileName("libcachesim__cloudPhysicsIO.txt.gz"));
    assertThrows(IllegalArgumentException.class, () -> TraceFormat.ofFileName("other.trace"));
  }

  @Test
  void traceIn_directory_listsTracesOnlyWithNamesAndSizes() throws IOException {
    gzip("lirs__gli.trace.gz", "1\n");
    gzip("libcachesim__cloudPhysicsIO.txt.gz", "1\n");
    Files.writeString(dir.resolve("cache2k__LICENSE.txt"), "licence");
    Files.writeString(dir.resolve("README.md"), "readme");
    List<Trace> traces = Trace.in(dir);
    assertEquals(List.of("cloudPhysicsIO", "gli"), traces.stream().map(Trace::name).toList());
    assertEquals(List.of(250, 500, 1000, 2000), traces.get(1).sizes());
  }

  private static List<Long> read(TraceFormat format, Path file) throws IOException {
    List<Long> keys = new ArrayList<>();
    format.read(file, keys::add);
    return keys;
  }

  private Path gzip(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(ascii(text));
    }
    return file;
  }

  private Path xz(String name, byte[] content) throws IOException {
    Path file = dir.resolve(name);
    try (OutputStream out = new XZOutputStream(Files.newOutputStream(file), new LZMA2Options())) {
      out.write(content);
    }
    return file;
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
