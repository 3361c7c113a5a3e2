package io.godfs.adapters.chunkstorerocksdb;

import io.godfs.domain.chunk.ChunkId;
import java.nio.ByteBuffer;

/**
 * The layout of the chunk index: one RocksDB entry per committed replica, in the default column
 * family, so the chunk report is one iteration and a commit is one synced put.
 *
 * <pre>
 * key   | ChunkId (8 B, big-endian) |
 * value | format (1 B) = 0x01 | ChunkVersion (8 B BE) | length (8 B BE) |
 *       | CRC32C of block 0 (4 B BE) | ... | CRC32C of block n-1 (4 B BE) |
 *         n = ceil(length / 65536): one CRC32C per 64 KiB block
 * </pre>
 *
 * <p>Ids are positive, so big-endian keys sort like the ids and a listing comes out in id order.
 * The value starts with a format byte so that a later layout can be read next to this one; see
 * {@link IndexEntryCodec} for the value.
 */
final class ChunkIndexSchema {
  static final int KEY_BYTES = Long.BYTES;

  private ChunkIndexSchema() {}

  static byte[] key(ChunkId id) {
    return ByteBuffer.allocate(KEY_BYTES).putLong(id.value()).array();
  }

  static ChunkId id(byte[] key) {
    if (key.length != KEY_BYTES) {
      throw new IllegalArgumentException(
          "index key length : " + key.length + " (expected: " + KEY_BYTES + ")");
    }
    return new ChunkId(ByteBuffer.wrap(key).getLong());
  }
}
