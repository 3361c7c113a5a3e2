package io.godfs.adapters.fuse;

import io.godfs.domain.file.FileStatus;
import java.time.Instant;

/** What getattr reports about a path; ownership and modes are the mount's defaults for now. */
record Attributes(boolean directory, long size, Instant modified, Instant created) {

  static Attributes of(FileStatus status) {
    return new Attributes(
        status.isDirectory(), status.length(), status.modificationTime(), status.creationTime());
  }

  static Attributes newFile(Instant now) {
    return new Attributes(false, 0, now, now);
  }

  Attributes withSize(long newSize, Instant newModified) {
    return new Attributes(directory, newSize, newModified, created);
  }
}
