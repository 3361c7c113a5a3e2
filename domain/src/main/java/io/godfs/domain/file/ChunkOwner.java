package io.godfs.domain.file;

/** Which file slot a chunk belongs to, and its current state. */
public record ChunkOwner(FileId fileId, DfsPath path, int index, ChunkRef chunk) {}
