package io.godfs.domain.chunk;

import io.godfs.domain.node.NodeLocation;
import java.util.List;
import java.util.Objects;

/** A chunk of a file for readers: its committed version, length and live replicas, best first. */
public record LocatedChunk(
    int index,
    ChunkId chunkId,
    ChunkVersion version,
    long length,
    List<NodeLocation> replicas,
    SignedChunkToken token) {
  public LocatedChunk {
    Objects.requireNonNull(chunkId, "chunkId");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(token, "token");
    replicas = List.copyOf(replicas);
  }

  /** Without a chunk access token (a master that issues none). */
  public LocatedChunk(
      int index, ChunkId chunkId, ChunkVersion version, long length, List<NodeLocation> replicas) {
    this(index, chunkId, version, length, replicas, SignedChunkToken.NONE);
  }

  public LocatedChunk withToken(SignedChunkToken token) {
    return new LocatedChunk(index, chunkId, version, length, replicas, token);
  }
}
