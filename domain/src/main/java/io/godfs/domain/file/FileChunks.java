package io.godfs.domain.file;

import java.util.List;

/**
 * A file's status and its chunks overlapping a requested range; missing indexes are holes. {@code
 * inline}: the whole content of a file stored inline (then authoritative over any chunk), else
 * null.
 */
public record FileChunks(FileStatus status, List<IndexedChunk> chunks, byte[] inline) {
  public FileChunks {
    chunks = List.copyOf(chunks);
  }

  public FileChunks(FileStatus status, List<IndexedChunk> chunks) {
    this(status, chunks, null);
  }
}
