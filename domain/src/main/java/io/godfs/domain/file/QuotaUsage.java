package io.godfs.domain.file;

import java.util.Objects;

/**
 * A directory's quotas and what its tree uses, as HDFS counts them (ADR 0026): names are the
 * directory itself and every file and directory below it; space is every file's length times its
 * replication. A quota of {@link #NONE} is no limit.
 */
public record QuotaUsage(DfsPath path, long nameQuota, long names, long spaceQuota, long space) {
  public static final long NONE = -1;

  public QuotaUsage {
    Objects.requireNonNull(path, "path");
  }

  public boolean hasNameQuota() {
    return nameQuota != NONE;
  }

  public boolean hasSpaceQuota() {
    return spaceQuota != NONE;
  }
}
