package io.godfs.adapters.chunkstorerocksdb;

import io.godfs.domain.chunk.ChunkLayout;
import io.godfs.domain.chunk.ChunkVersion;
import java.nio.ByteBuffer;

/**
 * Bytes of an index value, format 1 (layout in {@link ChunkIndexSchema}). A plain big-endian record
 * rather than Java serialization: it must survive JVM upgrades and Helidon's JVM-wide
 * deserialization filter, and it costs 17 bytes plus 4 per block.
 */
final class IndexEntryCodec {
  static final byte FORMAT_V1 = 1;
  private static final int HEADER_BYTES = 1 + Long.BYTES + Long.BYTES;

  private IndexEntryCodec() {}

  static byte[] encode(IndexEntry entry) {
    ByteBuffer out = ByteBuffer.allocate(HEADER_BYTES + Integer.BYTES * entry.crcs().length);
    out.put(FORMAT_V1).putLong(entry.version().value()).putLong(entry.length());
    for (int crc : entry.crcs()) {
      out.putInt(crc);
    }
    return out.array();
  }

  /**
   * Decodes a value written by {@link #encode}.
   *
   * @throws IllegalArgumentException when the bytes are not a valid format-1 entry
   */
  static IndexEntry decode(byte[] value) {
    if (value.length < HEADER_BYTES) {
      throw new IllegalArgumentException(
          "index value length : " + value.length + " (expected: >= " + HEADER_BYTES + ")");
    }
    ByteBuffer in = ByteBuffer.wrap(value);
    byte format = in.get();
    if (format != FORMAT_V1) {
      throw new IllegalArgumentException(
          "index value format : " + format + " (expected: " + FORMAT_V1 + ")");
    }
    ChunkVersion version = new ChunkVersion(in.getLong());
    long length = in.getLong();
    if (length < 0 || length > ChunkLayout.MAX_CHUNK_SIZE) {
      throw new IllegalArgumentException(
          "index value length field : "
              + length
              + " (expected: 0.."
              + ChunkLayout.MAX_CHUNK_SIZE
              + ")");
    }
    int blocks = ChunkLayout.blockCount(length);
    if (in.remaining() != Integer.BYTES * blocks) {
      throw new IllegalArgumentException(
          "index value CRC bytes : "
              + in.remaining()
              + " (expected: "
              + Integer.BYTES * blocks
              + " for length "
              + length
              + ")");
    }
    int[] crcs = new int[blocks];
    for (int i = 0; i < blocks; i++) {
      crcs[i] = in.getInt();
    }
    return new IndexEntry(version, length, crcs);
  }
}
