package io.godfs.application.port.out;

import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkVersion;
import io.godfs.domain.chunk.ChunkWriteTarget;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileId;
import io.godfs.domain.file.FileStatus;
import io.godfs.domain.file.LeaseHolder;
import io.godfs.domain.file.Listing;
import io.godfs.domain.file.LocatedFile;
import io.godfs.domain.node.ClusterInfo;
import io.godfs.domain.node.NodeId;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The master as a client sees it. Every method throws {@link io.godfs.domain.error.DfsException}
 * with the master's refusal (NOT_FOUND, ALREADY_EXISTS ...) or UNAVAILABLE when it cannot be
 * reached.
 */
public interface MasterClient extends AutoCloseable {

  ClusterInfo clusterInfo();

  FileStatus mkdir(DfsPath path, boolean parents);

  /** {@code replication}/{@code chunkSize} 0 = cluster default; the file is created closed. */
  default FileStatus create(DfsPath path, boolean overwrite, int replication, long chunkSize) {
    return create(path, overwrite, replication, chunkSize, LeaseHolder.NONE);
  }

  /**
   * Creates the file open for writing by {@code writer}, who then holds its lease (null: closed).
   */
  FileStatus create(
      DfsPath path, boolean overwrite, int replication, long chunkSize, LeaseHolder writer);

  /**
   * Creates (or replaces) a whole small file, closed, its bytes kept inline by the master (ADR
   * 0016).
   */
  FileStatus createWithContent(DfsPath path, boolean overwrite, byte[] content);

  /** Takes the file's single-writer lease; BUSY while another client holds it. */
  FileStatus openForWrite(DfsPath path, LeaseHolder.Client writer);

  /** Releases the lease taken by create or openForWrite. */
  void closeFile(FileId fileId, LeaseHolder.Client writer);

  /** Renews every lease {@code writer} holds; returns the timeout within which to renew again. */
  Duration renewLease(LeaseHolder.Client writer);

  FileStatus stat(DfsPath path);

  Listing list(DfsPath path, String startAfter, int limit);

  void rename(DfsPath source, DfsPath target, boolean replace);

  /**
   * Moves {@code source} over {@code target} only while the target is still file {@code
   * expectedTargetId}; else CONFLICT.
   */
  void renameOver(DfsPath source, DfsPath target, FileId expectedTargetId);

  int delete(DfsPath path, boolean recursive);

  default FileStatus truncate(DfsPath path, long length) {
    return truncate(path, length, LeaseHolder.NONE);
  }

  /** Truncate by {@code writer}, who may hold the file's lease (null: a client not writing it). */
  FileStatus truncate(DfsPath path, long length, LeaseHolder writer);

  default ChunkWriteTarget allocateChunk(
      DfsPath path, FileId fileId, int index, Set<NodeId> excluded) {
    return allocateChunk(path, fileId, index, excluded, LeaseHolder.NONE);
  }

  ChunkWriteTarget allocateChunk(
      DfsPath path, FileId fileId, int index, Set<NodeId> excluded, LeaseHolder writer);

  default long commitChunk(
      DfsPath path,
      FileId fileId,
      int index,
      ChunkId chunk,
      ChunkVersion version,
      long chunkLength,
      List<NodeId> replicas) {
    return commitChunk(
        path, fileId, index, chunk, version, chunkLength, replicas, LeaseHolder.NONE);
  }

  long commitChunk(
      DfsPath path,
      FileId fileId,
      int index,
      ChunkId chunk,
      ChunkVersion version,
      long chunkLength,
      List<NodeId> replicas,
      LeaseHolder writer);

  /**
   * Commits a stream's last chunk and then releases {@code writer}'s lease on the file, as {@link
   * #closeFile} would; returns the file's length. One round trip where the master supports it.
   */
  default long commitChunkAndClose(
      DfsPath path,
      FileId fileId,
      int index,
      ChunkId chunk,
      ChunkVersion version,
      long chunkLength,
      List<NodeId> replicas,
      LeaseHolder.Client writer) {
    long length = commitChunk(path, fileId, index, chunk, version, chunkLength, replicas, writer);
    closeFile(fileId, writer);
    return length;
  }

  /**
   * Writes {@code data} at {@code offset} of a chunkless file {@code writer} holds into the
   * namespace itself (a small file, ADR 0016); {@code close}: and releases the lease. CONFLICT when
   * the file has chunks, INVALID_ARGUMENT when it would outgrow the inline limit.
   */
  FileStatus storeInline(
      DfsPath path, FileId fileId, long offset, byte[] data, boolean close, LeaseHolder writer);

  /**
   * Pipeline recovery: the next version of a chunk whose write at {@code failedVersion} lost a
   * replica, with a pipeline of {@code survivors}.
   */
  ChunkWriteTarget recoverChunk(
      DfsPath path,
      FileId fileId,
      int index,
      ChunkId chunk,
      ChunkVersion failedVersion,
      List<NodeId> survivors,
      LeaseHolder writer);

  /** {@code length} 0 = to the end of the file. */
  LocatedFile locate(DfsPath path, long offset, long length);

  void reportBadReplica(ChunkId chunk, NodeId node, String reason);

  @Override
  void close();
}
