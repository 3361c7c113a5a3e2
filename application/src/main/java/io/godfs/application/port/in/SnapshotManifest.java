package io.godfs.application.port.in;

import io.godfs.domain.chunk.LocatedChunk;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.SnapshotInfo;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The seed's snapshot manifest (its {@code GetSnapshot}): the snapshot, the cluster's default chunk
 * size and replication, and its files sorted by path with their chunks and the replicas that hold
 * them now. A file's {@code path} is where it was when the snapshot was taken (under the snapshot's
 * directory); it is read at {@code snapshotPath}. A small file the master holds inline has no
 * chunks. The seed's per-chunk SHA-256 has no counterpart here (chunks carry CRC32C per block).
 */
public record SnapshotManifest(
    SnapshotInfo snapshot, long chunkSize, int replication, List<File> files) {
  public SnapshotManifest {
    Objects.requireNonNull(snapshot, "snapshot");
    files = List.copyOf(files);
  }

  /** One file of the snapshot. */
  public record File(
      DfsPath path,
      DfsPath snapshotPath,
      long length,
      Instant created,
      Instant modified,
      boolean inline,
      List<LocatedChunk> chunks) {
    public File {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(snapshotPath, "snapshotPath");
      Objects.requireNonNull(created, "created");
      Objects.requireNonNull(modified, "modified");
      chunks = List.copyOf(chunks);
    }
  }
}
