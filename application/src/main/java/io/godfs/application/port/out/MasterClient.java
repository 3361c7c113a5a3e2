package io.godfs.application.port.out;

import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkVersion;
import io.godfs.domain.chunk.ChunkWriteTarget;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileStatus;
import io.godfs.domain.file.Listing;
import io.godfs.domain.file.LocatedFile;
import io.godfs.domain.node.ClusterInfo;
import io.godfs.domain.node.NodeId;
import java.util.List;
import java.util.Set;

/**
 * The master as a client sees it. Every method throws {@link io.godfs.domain.error.DfsException}
 * with the master's refusal (NOT_FOUND, ALREADY_EXISTS ...) or UNAVAILABLE when it cannot be reached.
 */
public interface MasterClient extends AutoCloseable {

  ClusterInfo clusterInfo();

  FileStatus mkdir(DfsPath path, boolean parents);

  /** {@code replication}/{@code chunkSize} 0 = cluster default. */
  FileStatus create(DfsPath path, boolean overwrite, int replication, long chunkSize);

  FileStatus stat(DfsPath path);

  Listing list(DfsPath path, String startAfter, int limit);

  void rename(DfsPath source, DfsPath target, boolean replace);

  int delete(DfsPath path, boolean recursive);

  FileStatus truncate(DfsPath path, long length);

  ChunkWriteTarget allocateChunk(DfsPath path, long fileId, int index, Set<NodeId> excluded);

  long commitChunk(
      DfsPath path, long fileId, int index, ChunkId chunk, ChunkVersion version, long chunkLength, List<NodeId> replicas);

  /** {@code length} 0 = to the end of the file. */
  LocatedFile locate(DfsPath path, long offset, long length);

  void reportBadReplica(ChunkId chunk, NodeId node, String reason);

  @Override
  void close();
}
