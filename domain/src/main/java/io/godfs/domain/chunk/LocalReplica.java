package io.godfs.domain.chunk;

import java.util.Objects;

/**
 * Where a committed replica's bytes lie on the chunkserver's machine, with the stored CRC32C of
 * every block, so a client on the same host can read the file directly (HDFS's short-circuit local
 * read) and still verify every block.
 */
public record LocalReplica(StoredChunk chunk, String path, int[] crcs) {
  public LocalReplica {
    Objects.requireNonNull(chunk, "chunk");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(crcs, "crcs");
    if (crcs.length != ChunkLayout.blockCount(chunk.length())) {
      throw new IllegalArgumentException(
          "crcs : "
              + crcs.length
              + " (expected: "
              + ChunkLayout.blockCount(chunk.length())
              + " for "
              + chunk.length()
              + " bytes)");
    }
  }
}
