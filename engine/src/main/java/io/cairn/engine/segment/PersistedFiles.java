package io.cairn.engine.segment;

import static io.cairn.engine.segment.PersistenceDescriptor.DATA_CHUNK_HEADER;
import static io.cairn.engine.segment.PersistenceDescriptor.DELETES_CHUNK_HEADER;
import static io.cairn.engine.segment.PersistenceDescriptor.DELETES_MAGIC;
import static io.cairn.engine.segment.PersistenceDescriptor.FILE_HEADER_LENGTH;
import static io.cairn.engine.segment.PersistenceDescriptor.SEGMENT_MAGIC;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Reads a persistent store's segment files and deletes log ({@link PersistenceDescriptor}) up to
 * the lengths a {@link Manifest} gives, verifying every header and chunk: a failed check throws
 * {@link CorruptFileException}, never hands on a byte it did not verify.
 */
final class PersistedFiles {

  private PersistedFiles() {}

  /** The segment bytes of {@code e}, from offset 0 to its data length, every checksum verified. */
  static byte[] readSegment(Path directory, Manifest.Entry e, long fingerprint)
      throws IOException, CorruptFileException {
    ByteBuffer file =
        readPrefix(
            directory.resolve(PersistenceDescriptor.segmentFileName(e.seq())), e.fileLength());
    checkHeader(file, SEGMENT_MAGIC, e.seq(), fingerprint);
    byte[] data = new byte[e.dataLength()];
    int filled = 0;
    int at = FILE_HEADER_LENGTH;
    while (at < file.limit()) {
      if (file.limit() - at < DATA_CHUNK_HEADER) {
        throw new CorruptFileException("truncated chunk header at " + at);
      }
      int offset = file.getInt(at);
      int length = file.getInt(at + 4);
      int crc = file.getInt(at + 8);
      at += DATA_CHUNK_HEADER;
      if (offset != filled
          || length < 0
          || length > data.length - filled
          || length > file.limit() - at) {
        throw new CorruptFileException(
            "chunk at " + (at - DATA_CHUNK_HEADER) + " has offset=" + offset + " length=" + length);
      }
      if (PersistenceDescriptor.dataChunkCrc(offset, length, file.array(), at) != crc) {
        throw new CorruptFileException("checksum mismatch in the chunk at offset=" + offset);
      }
      System.arraycopy(file.array(), at, data, filled, length);
      filled += length;
      at += length;
    }
    if (filled != data.length) {
      throw new CorruptFileException(
          "holds " + filled + " bytes, the manifest says " + data.length);
    }
    return data;
  }

  private static void checkHeader(ByteBuffer file, long magic, long seq, long fingerprint)
      throws CorruptFileException {
    String problem = PersistenceDescriptor.checkFileHeader(file, magic, seq, fingerprint);
    if (problem != null) {
      throw new CorruptFileException(problem);
    }
  }

  /** Every deletion record of the deletes log {@code manifest} names, checksums verified. */
  static long[] readDeletes(Path directory, Manifest manifest)
      throws IOException, CorruptFileException {
    if (manifest.deletesLength() == 0) {
      return new long[0];
    }
    Path file =
        directory.resolve(PersistenceDescriptor.deletesFileName(manifest.deletesGeneration()));
    ByteBuffer bytes = readPrefix(file, manifest.deletesLength());
    checkHeader(bytes, DELETES_MAGIC, manifest.deletesGeneration(), manifest.fingerprint());
    long[] records = new long[bytes.limit() / Long.BYTES];
    int n = 0;
    int at = FILE_HEADER_LENGTH;
    while (at < bytes.limit()) {
      if (bytes.limit() - at < DELETES_CHUNK_HEADER) {
        throw new CorruptFileException("truncated chunk header at " + at);
      }
      int count = bytes.getInt(at);
      int crc = bytes.getInt(at + 4);
      at += DELETES_CHUNK_HEADER;
      if (count < 0 || count > (bytes.limit() - at) / Long.BYTES) {
        throw new CorruptFileException(
            "chunk at " + (at - DELETES_CHUNK_HEADER) + " has count=" + count);
      }
      if (PersistenceDescriptor.crc(bytes.array(), at, count * Long.BYTES) != crc) {
        throw new CorruptFileException(
            "checksum mismatch in the chunk at " + (at - DELETES_CHUNK_HEADER));
      }
      for (int i = 0; i < count; i++, at += Long.BYTES) {
        records[n++] = bytes.getLong(at);
      }
    }
    return Arrays.copyOf(records, n);
  }

  /** The first {@code length} bytes of {@code file}. */
  private static ByteBuffer readPrefix(Path file, long length)
      throws IOException, CorruptFileException {
    if (length > Integer.MAX_VALUE - 8) {
      throw new CorruptFileException("length " + length + " is beyond any file this store writes");
    }
    ByteBuffer bytes = ByteBuffer.allocate((int) length);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      while (bytes.hasRemaining()) {
        if (channel.read(bytes, bytes.position()) < 0) {
          throw new CorruptFileException(
              "truncated: " + bytes.position() + " of " + length + " bytes");
        }
      }
    } catch (NoSuchFileException e) {
      throw new CorruptFileException("missing");
    }
    return bytes.flip();
  }
}
