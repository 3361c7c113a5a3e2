package io.godfs.domain.file;

import static java.util.Objects.requireNonNull;

import io.godfs.domain.node.NodeId;
import java.util.Set;

/**
 * A writer's request for a pipeline to write chunk {@code index} of file {@code fileId} at {@code
 * path}: a new chunk placed on live nodes other than {@code excluded} (nodes that failed this
 * writer), or the existing chunk granted again. The writer that holds the file's lease goes beside
 * it. Not the Raft log's {@link NamespaceCommand.AllocateChunk}.
 */
public record ChunkAllocationRequest(DfsPath path, FileId fileId, int index, Set<NodeId> excluded) {
  public ChunkAllocationRequest {
    requireNonNull(path, "path");
    requireNonNull(fileId, "fileId");
    RequestChecks.notNegative("index", index, "the chunk's place in its file");
    excluded = Set.copyOf(requireNonNull(excluded, "excluded"));
  }

  /** A chunk placed on any live nodes. */
  public ChunkAllocationRequest(DfsPath path, FileId fileId, int index) {
    this(path, fileId, index, Set.of());
  }
}
