package io.godfs.application.chunkserver;

import io.godfs.application.port.out.ChunkStoreException;
import io.godfs.domain.error.DfsError;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.node.NodeLocation;

/**
 * The error a pipeline reports when this node's own store failed. A full disk is NO_CAPACITY (the
 * writer needs room elsewhere; the mount turns it into ENOSPC); any other disk or index failure is
 * UNAVAILABLE (this node is broken for the write). Either way the message names the node and ends
 * with the system's reason.
 */
final class LocalDiskFailure {
  private LocalDiskFailure() {}

  /** {@code what}: the step that failed, as "write of chunk-7" or "opening chunk-7 for writing". */
  static DfsError of(String what, NodeLocation self, RuntimeException e) {
    boolean full = e instanceof ChunkStoreException store && store.outOfSpace();
    return DfsError.of(
        full ? ErrorCode.NO_CAPACITY : ErrorCode.UNAVAILABLE,
        what + " failed on " + self.id() + ": " + e.getMessage());
  }
}
