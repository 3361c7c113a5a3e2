package io.godfs.domain.file;

/** A chunk of a file with its position: bytes {@code [index*chunkSize, index*chunkSize+length)}. */
public record IndexedChunk(int index, ChunkRef chunk) {}
