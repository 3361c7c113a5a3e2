package io.godfs.domain.file;

import java.util.List;

/**
 * A file open for writing by {@code writer}, with its chunks whose granted version is not committed
 * yet.
 */
public record OpenFile(
    FileId fileId, DfsPath path, LeaseHolder writer, List<IndexedChunk> pendingChunks) {
  public OpenFile {
    pendingChunks = List.copyOf(pendingChunks);
  }
}
