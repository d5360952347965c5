package io.cairn.engine.segment;

import io.cairn.engine.memory.MemoryRegion;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * Layout of a persistent store's files ({@link PersistentLog}). Headers are big-endian; segment
 * bytes are written as they lie in memory, in the native order named in each header. Every header
 * and every chunk carries a CRC-32C, so a torn or flipped byte is detected, never read as data.
 *
 * <pre>
 * &lt;seq&gt;.seg, one per segment opening (16 hex digits):
 *   0        8         12           16      24            32      36
 *   +--------+---------+------------+-------+-------------+-------+-----+
 *   | magic  | version | data order | seq   | fingerprint | crc   | pad |   header
 *   +--------+---------+------------+-------+-------------+-------+-----+
 *   then data chunks, each the next bytes of the segment, from its offset 0 (the base time) on:
 *   +-------------+-------------+-------+---------------------+
 *   | offset (32) | length (32) | crc   | segment bytes ...   |   crc over offset, length, bytes
 *   +-------------+-------------+-------+---------------------+
 *
 * deletes-&lt;gen&gt;, the items deleted since their segment's bytes were written:
 *   header as above with the generation for the seq; then chunks of
 *   +------------+-------+----------------------------------------------+
 *   | count (32) | crc   | count records: seq (42 bits) | offset / 4 (22) |
 *   +------------+-------+----------------------------------------------+
 *
 * MANIFEST, replaced whole by an atomic rename at the end of every flush:
 *   magic, version, data order, fingerprint, generation, deletes generation, deletes length,
 *   count, count entries of { seq, file length, max expiry, data length }, crc over all before.
 * </pre>
 *
 * <p>A segment file and the deletes log are read only up to the lengths the manifest gives: what a
 * flush appended before it crashed, and before its manifest replaced the last one, is ignored.
 */
final class PersistenceDescriptor {

  /** Bumped when any layout here or in {@link ItemDescriptor} changes: old files are discarded. */
  static final int VERSION = 1;

  /** "CAIRNSEG": opens a segment file. */
  static final long SEGMENT_MAGIC = 0x434149524E534547L;

  /** "CAIRNDEL": opens a deletes log. */
  static final long DELETES_MAGIC = 0x434149524E44454CL;

  /** "CAIRNMAN": opens the manifest. */
  static final long MANIFEST_MAGIC = 0x434149524E4D414EL;

  /** The byte order of segment bytes on this machine: 1 little-endian, 2 big-endian. */
  static final int DATA_ORDER = MemoryRegion.ORDER == ByteOrder.LITTLE_ENDIAN ? 1 : 2;

  static final int MAGIC_OFFSET = 0;
  static final int VERSION_OFFSET = MAGIC_OFFSET + Long.BYTES;
  static final int ORDER_OFFSET = VERSION_OFFSET + Integer.BYTES;
  static final int SEQ_OFFSET = ORDER_OFFSET + Integer.BYTES;
  static final int FINGERPRINT_OFFSET = SEQ_OFFSET + Long.BYTES;
  static final int HEADER_CRC_OFFSET = FINGERPRINT_OFFSET + Long.BYTES;

  /** Bytes of a segment file's or deletes log's header, padded to 8. */
  static final int FILE_HEADER_LENGTH = HEADER_CRC_OFFSET + 2 * Integer.BYTES;

  /** Bytes before a data chunk's segment bytes: offset, length, crc. */
  static final int DATA_CHUNK_HEADER = 3 * Integer.BYTES;

  /** Bytes before a deletes chunk's records: count, crc. */
  static final int DELETES_CHUNK_HEADER = 2 * Integer.BYTES;

  /** Bits of a deletion record that hold the item offset in 4-byte units: 16 MiB reach. */
  static final int RECORD_OFFSET_BITS = 22;

  /** The highest segment sequence a record can hold. */
  static final long MAX_SEQ = (1L << (Long.SIZE - RECORD_OFFSET_BITS)) - 1;

  /** Bytes of the manifest before its entries. */
  static final int MANIFEST_HEADER_LENGTH = 8 + 4 + 4 + 8 + 8 + 8 + 8 + 4;

  /** Bytes of a manifest entry: seq, file length, max expiry, data length. */
  static final int MANIFEST_ENTRY_LENGTH = 8 + 8 + 8 + 4;

  private PersistenceDescriptor() {}

  /** A deletion record for the item at {@code offset} of segment file {@code seq}. */
  static long record(long seq, int offset) {
    return seq << RECORD_OFFSET_BITS | (offset >>> 2);
  }

  static long recordSeq(long record) {
    return record >>> RECORD_OFFSET_BITS;
  }

  static int recordOffset(long record) {
    return (int) (record & ((1L << RECORD_OFFSET_BITS) - 1)) << 2;
  }

  /** A file header for {@code seq} (a generation, for the deletes log). */
  static ByteBuffer fileHeader(long magic, long seq, long fingerprint) {
    ByteBuffer b = ByteBuffer.allocate(FILE_HEADER_LENGTH);
    b.putLong(MAGIC_OFFSET, magic)
        .putInt(VERSION_OFFSET, VERSION)
        .putInt(ORDER_OFFSET, DATA_ORDER)
        .putLong(SEQ_OFFSET, seq)
        .putLong(FINGERPRINT_OFFSET, fingerprint);
    b.putInt(HEADER_CRC_OFFSET, crc(b.array(), 0, HEADER_CRC_OFFSET));
    return b;
  }

  /**
   * Why {@code header} is not a valid header of {@code magic} for {@code seq} and {@code
   * fingerprint}, or null if it is.
   */
  static String checkFileHeader(ByteBuffer header, long magic, long seq, long fingerprint) {
    if (header.remaining() < FILE_HEADER_LENGTH) {
      return "truncated header";
    }
    if (header.getInt(HEADER_CRC_OFFSET) != crc(header.array(), 0, HEADER_CRC_OFFSET)) {
      return "header checksum mismatch";
    }
    if (header.getLong(MAGIC_OFFSET) != magic
        || header.getInt(VERSION_OFFSET) != VERSION
        || header.getInt(ORDER_OFFSET) != DATA_ORDER) {
      return "not a version " + VERSION + " file of this byte order";
    }
    if (header.getLong(SEQ_OFFSET) != seq || header.getLong(FINGERPRINT_OFFSET) != fingerprint) {
      return "header names seq="
          + header.getLong(SEQ_OFFSET)
          + " and fingerprint="
          + Long.toHexString(header.getLong(FINGERPRINT_OFFSET))
          + ", the manifest "
          + seq
          + " and "
          + Long.toHexString(fingerprint);
    }
    return null;
  }

  static int crc(byte[] bytes, int offset, int length) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, offset, length);
    return (int) crc.getValue();
  }

  /** The CRC of a data chunk: its offset and length, then its bytes. */
  static int dataChunkCrc(int offset, int length, byte[] bytes, int from) {
    CRC32C crc = new CRC32C();
    crc.update(ByteBuffer.allocate(8).putInt(offset).putInt(length).flip());
    crc.update(bytes, from, length);
    return (int) crc.getValue();
  }

  /** The segment file name for {@code seq}. */
  static String segmentFileName(long seq) {
    return String.format("%016x.seg", seq);
  }

  /** The seq a segment file name names, or -1 if it names none. */
  static long segmentSeq(String fileName) {
    if (fileName.length() != 20 || !fileName.endsWith(".seg")) {
      return -1;
    }
    try {
      return Long.parseUnsignedLong(fileName.substring(0, 16), 16);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  static String deletesFileName(long generation) {
    return String.format("deletes-%016x", generation);
  }

  static boolean isDeletesFileName(String name) {
    return name.length() == 24 && name.startsWith("deletes-");
  }
}
