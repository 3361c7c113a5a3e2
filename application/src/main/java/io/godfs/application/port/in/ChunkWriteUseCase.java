package io.godfs.application.port.in;

import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkVersion;
import io.godfs.domain.chunk.ChunkWriteTarget;
import io.godfs.domain.error.Outcome;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileId;
import io.godfs.domain.file.FileStatus;
import io.godfs.domain.file.LeaseHolder;
import io.godfs.domain.node.NodeId;
import java.util.List;
import java.util.Set;

/** The master's side of writing chunks: grant a pipeline, then record the durable result. */
public interface ChunkWriteUseCase {

  /**
   * Places a new chunk over live nodes (avoiding {@code excluded}) or re-grants an existing one.
   */
  default Outcome<ChunkWriteTarget> allocate(
      DfsPath path, FileId fileId, int index, Set<NodeId> excluded) {
    return allocate(path, fileId, index, excluded, LeaseHolder.NONE);
  }

  /** As above, for {@code writer}, who must hold the file's lease (null: a file nobody holds). */
  Outcome<ChunkWriteTarget> allocate(
      DfsPath path, FileId fileId, int index, Set<NodeId> excluded, LeaseHolder writer);

  /**
   * Pipeline recovery: grants the next version of a chunk whose write at {@code failedVersion} lost
   * a replica, to continue on {@code survivors} (in pipeline order); the replica left out is stale.
   */
  Outcome<ChunkWriteTarget> recover(
      DfsPath path,
      FileId fileId,
      int index,
      ChunkId chunk,
      ChunkVersion failedVersion,
      List<NodeId> survivors,
      LeaseHolder writer);

  /** Records the chunk's new length after every replica in {@code replicas} fsynced it. */
  default Outcome<Long> commit(
      DfsPath path,
      FileId fileId,
      int index,
      ChunkId chunk,
      ChunkVersion version,
      long chunkLength,
      List<NodeId> replicas) {
    return commit(path, fileId, index, chunk, version, chunkLength, replicas, LeaseHolder.NONE);
  }

  Outcome<Long> commit(
      DfsPath path,
      FileId fileId,
      int index,
      ChunkId chunk,
      ChunkVersion version,
      long chunkLength,
      List<NodeId> replicas,
      LeaseHolder writer);

  /**
   * Writes a small file's bytes into the namespace itself (no chunk, no pipeline: ADR 0016), at
   * {@code offset} of a file {@code writer} holds that has no chunks; {@code close}: and releases
   * the lease. Durable when the metadata is (the Raft log).
   */
  Outcome<FileStatus> storeInline(
      DfsPath path, FileId fileId, long offset, byte[] data, LeaseHolder writer, boolean close);
}
