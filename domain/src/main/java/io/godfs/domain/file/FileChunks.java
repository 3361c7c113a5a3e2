package io.godfs.domain.file;

import java.util.List;

/** A file's status and its chunks overlapping a requested range; missing indexes are holes. */
public record FileChunks(FileStatus status, List<IndexedChunk> chunks) {
  public FileChunks {
    chunks = List.copyOf(chunks);
  }
}
