package io.godfs.domain.file;

import static java.util.Objects.requireNonNull;

import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkVersion;
import io.godfs.domain.node.NodeId;
import java.util.List;

/**
 * Pipeline recovery: a writer whose write of chunk {@code chunkId} (chunk {@code index} of the
 * file) at {@code failedVersion} lost a replica asks for the next version, to continue on {@code
 * survivors} in pipeline order. At least one survivor: with none there is nothing to continue on,
 * and the writer starts the chunk over instead. Not the Raft log's {@link
 * NamespaceCommand.RegrantChunk}.
 */
public record ChunkRecoveryRequest(
    DfsPath path,
    FileId fileId,
    int index,
    ChunkId chunkId,
    ChunkVersion failedVersion,
    List<NodeId> survivors) {
  public ChunkRecoveryRequest {
    requireNonNull(path, "path");
    requireNonNull(fileId, "fileId");
    RequestChecks.notNegative("index", index, "the chunk's place in its file");
    requireNonNull(chunkId, "chunkId");
    requireNonNull(failedVersion, "failedVersion");
    survivors =
        RequestChecks.notEmpty(
            "survivors",
            List.copyOf(requireNonNull(survivors, "survivors")),
            "a replica of " + chunkId + " that kept the write");
  }
}
