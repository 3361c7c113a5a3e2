package io.godfs.domain.file;

import io.godfs.domain.chunk.LocatedChunk;
import java.util.List;
import java.util.Objects;

/** A file's status and the located chunks of a requested range; missing indexes are holes. */
public record LocatedFile(FileStatus status, List<LocatedChunk> chunks) {
  public LocatedFile {
    Objects.requireNonNull(status, "status");
    chunks = List.copyOf(chunks);
  }
}
