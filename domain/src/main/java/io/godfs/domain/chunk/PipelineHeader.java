package io.godfs.domain.chunk;

import io.godfs.domain.node.NodeLocation;
import java.util.List;
import java.util.Objects;

/**
 * What a pipeline node is told before data flows: the chunk, its version, who is below it, and
 * {@code baseLength}, the chunk's length as the master knows it: a replica holding more (bytes a
 * truncate cut off) drops them before writing, so they never come back. {@link #KEEP_LENGTH} keeps
 * whatever the replica committed. {@code hop} is this node's place in the pipeline: 0 on the
 * primary, one more on each node below (the data-path metrics' {@code hop} label, ADR 0023).
 */
public record PipelineHeader(
    ChunkId chunkId,
    ChunkVersion version,
    long chunkSize,
    List<NodeLocation> downstream,
    long baseLength,
    ChunkVersion resumeFrom,
    SignedChunkToken token,
    int hop) {
  public static final long KEEP_LENGTH = Long.MAX_VALUE;

  public PipelineHeader {
    Objects.requireNonNull(chunkId, "chunkId");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(token, "token");
    downstream = List.copyOf(downstream);
    if (chunkSize < 1 || chunkSize > ChunkLayout.MAX_CHUNK_SIZE) {
      throw new IllegalArgumentException(
          "chunk size : " + chunkSize + " (expected: 1-" + ChunkLayout.MAX_CHUNK_SIZE + ")");
    }
    if (resumeFrom != null && resumeFrom.compareTo(version) >= 0) {
      throw new IllegalArgumentException(
          "resume from " + resumeFrom + " (expected: older than " + version + ")");
    }
    if (baseLength < 0) {
      throw new IllegalArgumentException("base length : " + baseLength + " (expected: >= 0)");
    }
    if (hop < 0) {
      throw new IllegalArgumentException("hop : " + hop + " (expected: >= 0)");
    }
  }

  /** The header of the primary (hop 0). */
  public PipelineHeader(
      ChunkId chunkId,
      ChunkVersion version,
      long chunkSize,
      List<NodeLocation> downstream,
      long baseLength,
      ChunkVersion resumeFrom,
      SignedChunkToken token) {
    this(chunkId, version, chunkSize, downstream, baseLength, resumeFrom, token, 0);
  }

  public PipelineHeader(
      ChunkId chunkId,
      ChunkVersion version,
      long chunkSize,
      List<NodeLocation> downstream,
      long baseLength,
      ChunkVersion resumeFrom) {
    this(chunkId, version, chunkSize, downstream, baseLength, resumeFrom, SignedChunkToken.NONE);
  }

  /** The same header carrying the master's chunk access token, which every hop forwards. */
  public PipelineHeader withToken(SignedChunkToken token) {
    return new PipelineHeader(
        chunkId, version, chunkSize, downstream, baseLength, resumeFrom, token, hop);
  }

  public PipelineHeader(
      ChunkId chunkId, ChunkVersion version, long chunkSize, List<NodeLocation> downstream) {
    this(chunkId, version, chunkSize, downstream, KEEP_LENGTH, null);
  }

  public PipelineHeader(
      ChunkId chunkId,
      ChunkVersion version,
      long chunkSize,
      List<NodeLocation> downstream,
      long baseLength) {
    this(chunkId, version, chunkSize, downstream, baseLength, null);
  }

  /**
   * A recovered pipeline: each node continues its interrupted write of {@code resumeFrom} (the
   * bytes it already holds stay) and commits it as {@code version}.
   */
  public static PipelineHeader resume(
      ChunkId chunkId,
      ChunkVersion version,
      long chunkSize,
      List<NodeLocation> downstream,
      ChunkVersion resumeFrom) {
    Objects.requireNonNull(resumeFrom, "resumeFrom");
    return new PipelineHeader(chunkId, version, chunkSize, downstream, KEEP_LENGTH, resumeFrom);
  }

  public boolean isResume() {
    return resumeFrom != null;
  }

  /** The header the next node receives. */
  public PipelineHeader forNext() {
    return new PipelineHeader(
        chunkId,
        version,
        chunkSize,
        downstream.subList(1, downstream.size()),
        baseLength,
        resumeFrom,
        token,
        hop + 1);
  }
}
