package io.godfs.domain.chunk;

import io.godfs.domain.node.NodeLocation;
import java.util.List;
import java.util.Objects;

/**
 * Where a writer sends a chunk: the pipeline (primary first) and the version to write. {@code
 * copyOf}: a snapshot holds the slot's chunk, so this new chunk must first take the first {@code
 * copyOf.length()} bytes of that chunk (its id, committed version, live replicas and a token to
 * read it), then the write goes on top (ADR 0025); null for an ordinary grant.
 */
public record ChunkWriteTarget(
    ChunkId chunkId,
    ChunkVersion version,
    long chunkSize,
    List<NodeLocation> pipeline,
    long committedLength,
    SignedChunkToken token,
    LocatedChunk copyOf) {
  /** Without a chunk access token (a master that issues none). */
  public ChunkWriteTarget(
      ChunkId chunkId,
      ChunkVersion version,
      long chunkSize,
      List<NodeLocation> pipeline,
      long committedLength) {
    this(chunkId, version, chunkSize, pipeline, committedLength, SignedChunkToken.NONE, null);
  }

  /** Nothing to copy first. */
  public ChunkWriteTarget(
      ChunkId chunkId,
      ChunkVersion version,
      long chunkSize,
      List<NodeLocation> pipeline,
      long committedLength,
      SignedChunkToken token) {
    this(chunkId, version, chunkSize, pipeline, committedLength, token, null);
  }

  public ChunkWriteTarget withToken(SignedChunkToken token) {
    return new ChunkWriteTarget(
        chunkId, version, chunkSize, pipeline, committedLength, token, copyOf);
  }

  /** This grant with the chunk it must copy first (null: none). */
  public ChunkWriteTarget withCopyOf(LocatedChunk copyOf) {
    return new ChunkWriteTarget(
        chunkId, version, chunkSize, pipeline, committedLength, token, copyOf);
  }

  public ChunkWriteTarget {
    Objects.requireNonNull(chunkId, "chunkId");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(token, "token");
    pipeline = List.copyOf(pipeline);
    if (pipeline.isEmpty()) {
      throw new IllegalArgumentException("pipeline is empty (expected: at least one node)");
    }
    if (copyOf != null && (copyOf.length() <= 0 || copyOf.length() > chunkSize)) {
      throw new IllegalArgumentException(
          "copyOf length : " + copyOf.length() + " (expected: 1-" + chunkSize + ")");
    }
  }
}
