package io.godfs.domain.file;

import io.godfs.domain.chunk.LocatedChunk;
import java.util.List;
import java.util.Objects;

/**
 * A file's status and the located chunks of a requested range; missing indexes are holes. {@code
 * inline}: the whole content of a file stored inline (then authoritative over any chunk), else
 * null.
 */
public record LocatedFile(FileStatus status, List<LocatedChunk> chunks, byte[] inline) {
  public LocatedFile {
    Objects.requireNonNull(status, "status");
    chunks = List.copyOf(chunks);
  }

  public LocatedFile(FileStatus status, List<LocatedChunk> chunks) {
    this(status, chunks, null);
  }
}
