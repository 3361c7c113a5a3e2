package io.godfs.domain.file;

/** A directory's quotas ({@link QuotaUsage#NONE}: none) and its tree's usage, kept in step. */
final class DirectoryQuota {
  long nameQuota;
  long spaceQuota;
  long names;
  long space;

  DirectoryQuota(long nameQuota, long spaceQuota) {
    this.nameQuota = nameQuota;
    this.spaceQuota = spaceQuota;
  }
}
