package io.godfs.domain.chunk;

import io.godfs.domain.node.NodeLocation;
import java.util.Objects;

/**
 * The master's order to a chunkserver: copy {@code length} bytes of {@code chunk} at {@code
 * version} from {@code source} (verifying every block's CRC32C) and keep them as a new replica.
 */
public record ReplicationOrder(
    ChunkId chunk, ChunkVersion version, long length, NodeLocation source, SignedChunkToken token) {
  /** Without a chunk access token (a master that issues none). */
  public ReplicationOrder(ChunkId chunk, ChunkVersion version, long length, NodeLocation source) {
    this(chunk, version, length, source, SignedChunkToken.NONE);
  }

  /** The order with the master's token for reading the source (operation: replicate). */
  public ReplicationOrder withToken(SignedChunkToken token) {
    return new ReplicationOrder(chunk, version, length, source, token);
  }

  public ReplicationOrder {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(chunk, "chunk");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(source, "source");
    if (length < 0) {
      throw new IllegalArgumentException("length : " + length + " (expected: >= 0)");
    }
  }
}
