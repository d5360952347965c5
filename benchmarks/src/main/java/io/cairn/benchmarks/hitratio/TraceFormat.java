package io.cairn.benchmarks.hitratio;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.LongConsumer;
import java.util.zip.GZIPInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * The trace file formats in {@code shared/traces} (see its README), each read as a stream of keys.
 * The compression is taken from the file name ({@code .gz}, {@code .xz}, else none), so a file is
 * never held whole in memory.
 */
enum TraceFormat {
  /** Text, one signed decimal block number per line; empty lines and {@code *} are skipped. */
  LIRS {
    @Override
    long parse(String line) {
      return Long.parseLong(line);
    }
  },
  /** Binary, big-endian signed 32-bit keys, as {@link DataInputStream#readInt} reads them. */
  INT32 {
    @Override
    long parse(String line) {
      throw new UnsupportedOperationException("int32 is binary");
    }

    @Override
    void read(InputStream in, LongConsumer keys) throws IOException {
      DataInputStream data = new DataInputStream(in);
      while (true) {
        int key;
        try {
          key = data.readInt();
        } catch (EOFException end) {
          return;
        }
        keys.accept(key);
      }
    }
  },
  /**
   * Text, {@code <time> <id> <size>}; the key is the pair (id, size), packed as {@code id << 32 |
   * size}. The size is ignored otherwise: every object counts as one.
   */
  ADAPTSIZE {
    @Override
    long parse(String line) {
      String[] fields = fields(line, 3);
      return (Long.parseLong(fields[1]) << 32) | (Long.parseLong(fields[2]) & 0xFFFF_FFFFL);
    }
  },
  /** Text, {@code <l|s> 0x<hex address> <count>}; the key is the address. */
  ADDRESS {
    @Override
    long parse(String line) {
      String address = fields(line, 3)[1];
      if (!address.startsWith("0x")) {
        throw new IllegalArgumentException("address=" + address + " lacks the 0x prefix");
      }
      return Long.parseUnsignedLong(address.substring(2), 16);
    }
  },
  /** Text, one unsigned decimal key per line (libCacheSim's plain text traces). */
  KEY_PER_LINE {
    @Override
    long parse(String line) {
      return Long.parseUnsignedLong(line);
    }
  };

  /** The key of one trimmed, non-empty text line. */
  abstract long parse(String line);

  /** Reads every key of the (decompressed) stream {@code in}, in order. */
  void read(InputStream in, LongConsumer keys) throws IOException {
    BufferedReader reader =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII), 1 << 16);
    long lineNumber = 0;
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      lineNumber++;
      String trimmed = line.strip(); // also drops the CR of CRLF files
      if (trimmed.isEmpty() || trimmed.equals("*")) {
        continue;
      }
      long key;
      try {
        key = parse(trimmed);
      } catch (RuntimeException e) {
        throw new IOException(
            "format=" + this + " line=" + lineNumber + " text=\"" + trimmed + "\" is not valid", e);
      }
      keys.accept(key);
    }
  }

  /** Reads every key of the file at {@code path}, decompressing by its extension. */
  void read(Path path, LongConsumer keys) throws IOException {
    try (InputStream in = open(path)) {
      read(in, keys);
    }
  }

  /** Opens {@code path} for reading, through a gzip or xz decoder if its name says so. */
  static InputStream open(Path path) throws IOException {
    InputStream raw = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
    String name = String.valueOf(path.getFileName()).toLowerCase(Locale.ROOT);
    try {
      if (name.endsWith(".gz")) {
        return new GZIPInputStream(raw, 1 << 16);
      }
      if (name.endsWith(".xz")) {
        return new BufferedInputStream(new XZInputStream(raw), 1 << 16);
      }
      return raw;
    } catch (IOException | RuntimeException e) {
      raw.close();
      throw e;
    }
  }

  /** The format of a file named {@code <format>__<original name>}, as in the traces README. */
  static TraceFormat ofFileName(String fileName) {
    int end = fileName.indexOf("__");
    String prefix = end < 0 ? "" : fileName.substring(0, end);
    return switch (prefix) {
      case "lirs" -> LIRS;
      case "cache2k" -> INT32;
      case "adapt_size" -> ADAPTSIZE;
      case "address" -> ADDRESS;
      case "libcachesim" -> KEY_PER_LINE;
      default ->
          throw new IllegalArgumentException(
              "fileName=" + fileName + " has no known format prefix (lirs__, cache2k__, ...)");
    };
  }

  private static String[] fields(String line, int expected) {
    String[] fields = line.split("\\s+");
    if (fields.length != expected) {
      throw new IllegalArgumentException(
          "fields=" + fields.length + " where " + expected + " were expected");
    }
    return fields;
  }
}
