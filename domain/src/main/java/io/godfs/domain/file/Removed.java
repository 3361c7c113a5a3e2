package io.godfs.domain.file;

import io.godfs.domain.chunk.ChunkId;
import java.util.List;

/** What a delete, overwrite or replacing rename released: files gone and chunks to collect. */
public record Removed(int files, List<ChunkId> chunks) {
  public static final Removed NOTHING = new Removed(0, List.of());

  public Removed {
    chunks = List.copyOf(chunks);
  }
}
