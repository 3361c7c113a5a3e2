package io.godfs.domain.file;

import java.time.Instant;
import java.util.Objects;

/**
 * A snapshot as users see it: read at {@code <directory>/.snapshot/<name>}. {@code id} is unique in
 * the cluster and never reused (the seed's snapshot id).
 */
public record SnapshotInfo(DfsPath directory, String name, long id, Instant created) {
  public SnapshotInfo {
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(created, "created");
  }

  /** Where its tree is read. */
  public DfsPath path() {
    return directory.child(Snapshots.DOT_SNAPSHOT).child(name);
  }
}
