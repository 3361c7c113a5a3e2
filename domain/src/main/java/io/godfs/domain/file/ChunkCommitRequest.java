package io.godfs.domain.file;

import static java.util.Objects.requireNonNull;

import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkVersion;
import io.godfs.domain.node.NodeId;
import java.util.List;

/**
 * A writer's report that every node of {@code replicas} fsynced chunk {@code chunkId} (chunk {@code
 * index} of the file) at the granted {@code version}, {@code chunkLength} bytes long: the master
 * records the length and the replicas. The upper bound of the length is the file's chunk size,
 * which the namespace checks. Not the Raft log's {@link NamespaceCommand.CommitChunk}.
 */
public record ChunkCommitRequest(
    DfsPath path,
    FileId fileId,
    int index,
    ChunkId chunkId,
    ChunkVersion version,
    long chunkLength,
    List<NodeId> replicas) {
  public ChunkCommitRequest {
    requireNonNull(path, "path");
    requireNonNull(fileId, "fileId");
    RequestChecks.notNegative("index", index, "the chunk's place in its file");
    requireNonNull(chunkId, "chunkId");
    requireNonNull(version, "version");
    RequestChecks.notNegative("chunkLength", chunkLength, "the bytes the replicas hold");
    replicas =
        RequestChecks.notEmpty(
            "replicas",
            List.copyOf(requireNonNull(replicas, "replicas")),
            "a node that stored " + chunkId);
  }
}
