package io.godfs.domain.file;

import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkVersion;
import java.util.Objects;

/**
 * A file's chunk slot. {@code grantedVersion} is the newest version handed to a writer; {@code
 * committedVersion} the version whose bytes every pipeline replica fsynced. A replica below the
 * committed version is stale; a write commits only with the newest granted version, so two writers
 * can never commit the same version with different bytes.
 */
public record ChunkRef(
    ChunkId id, ChunkVersion grantedVersion, ChunkVersion committedVersion, long length) {
  public ChunkRef {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(grantedVersion, "grantedVersion");
    Objects.requireNonNull(committedVersion, "committedVersion");
    if (committedVersion.compareTo(grantedVersion) > 0) {
      throw new IllegalArgumentException(
          "committed " + committedVersion + " > granted " + grantedVersion);
    }
    if (length < 0) {
      throw new IllegalArgumentException("length : " + length + " (expected: >= 0)");
    }
  }
}
