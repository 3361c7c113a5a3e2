package io.godfs.domain.chunk;

import io.godfs.domain.node.NodeLocation;
import java.util.Objects;

/**
 * The master's order to a chunkserver: copy {@code length} bytes of {@code chunk} at {@code
 * version} from {@code source} (verifying every block's CRC32C) and keep them as a new replica.
 */
public record ReplicationOrder(
    ChunkId chunk, ChunkVersion version, long length, NodeLocation source) {
  public ReplicationOrder {
    Objects.requireNonNull(chunk, "chunk");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(source, "source");
    if (length < 0) {
      throw new IllegalArgumentException("length : " + length + " (expected: >= 0)");
    }
  }
}
