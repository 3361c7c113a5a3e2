package io.godfs.application.port.in;

import io.godfs.domain.access.Caller;
import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.error.Outcome;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.LocatedFile;
import io.godfs.domain.node.NodeId;

/** The master's side of reading: where a file's chunks are, and reports of bad replicas. */
public interface ChunkReadUseCase {

  /**
   * Chunks overlapping the range with their live, current replicas; {@code length} 0 = to the end.
   */
  Outcome<LocatedFile> locate(Caller caller, DfsPath path, long offset, long length);

  /**
   * A reader found a replica corrupt or unreadable: it is no longer handed out. PERMISSION_DENIED
   * when the caller may not read the file the chunk belongs to.
   */
  Outcome<Void> reportBadReplica(Caller caller, ChunkId chunk, NodeId node, String reason);
}
