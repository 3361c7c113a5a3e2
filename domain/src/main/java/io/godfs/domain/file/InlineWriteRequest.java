package io.godfs.domain.file;

import static java.util.Objects.requireNonNull;

/**
 * A writer's bytes for a small file the namespace keeps inline (ADR 0016): {@code data} written at
 * {@code offset} of chunkless file {@code fileId}; {@code closeFile}: and the writer's lease is
 * released with them. {@code data} is not copied: the caller hands the array over, as it does to
 * the Raft log's {@link NamespaceCommand.StoreInline} (which this is not).
 */
public record InlineWriteRequest(
    DfsPath path, FileId fileId, long offset, byte[] data, boolean closeFile) {
  public InlineWriteRequest {
    requireNonNull(path, "path");
    requireNonNull(fileId, "fileId");
    RequestChecks.notNegative("offset", offset, "a position in the file");
    requireNonNull(data, "data");
  }
}
