package io.godfs.domain.file;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * An inode's POSIX attributes beside its type, length and birth and modification times (ADR 0028):
 * numeric owner and group, the 12 permission bits, and the access and change times.
 *
 * @param owner the owner's uid
 * @param group the group's gid
 * @param mode rwx for user, group and other, with setuid (04000), setgid (02000) and sticky (01000)
 * @param accessed the access time: set at creation and by a client, not by reads (noatime)
 * @param changed the change time (ctime): set by every change to the inode
 * @param device a device's number (st_rdev, as Linux's dev_t encodes major and minor); 0 for every
 *     other kind
 */
public record InodeAttributes(
    int owner, int group, int mode, Instant accessed, Instant changed, long device) {
  /** The permission bits a mode may hold. */
  public static final int PERMISSION_BITS = 07777;

  public static final int SETUID = 04000;
  public static final int SETGID = 02000;
  public static final int STICKY = 01000;

  /** A file created without a mode: 0644, as HDFS's default umask 022 leaves it. */
  public static final int DEFAULT_FILE_MODE = 0644;

  /** A directory created without a mode: 0755. */
  public static final int DEFAULT_DIRECTORY_MODE = 0755;

  public InodeAttributes {
    requireNonNull(accessed, "accessed");
    requireNonNull(changed, "changed");
    RequestChecks.notNegative("owner", owner, "a uid");
    RequestChecks.notNegative("group", group, "a gid");
    if ((mode & ~PERMISSION_BITS) != 0) {
      throw new IllegalArgumentException(
          "mode : 0" + Integer.toOctalString(mode) + " (expected: permission bits within 07777)");
    }
  }

  /** The attributes of anything but a device. */
  public InodeAttributes(int owner, int group, int mode, Instant accessed, Instant changed) {
    this(owner, group, mode, accessed, changed, 0);
  }

  /**
   * What an inode without recorded attributes has (an image or log entry from before ADR 0028):
   * root's, the default mode of its type, and both times equal to its modification time.
   */
  public static InodeAttributes defaults(FileType type, Instant modified) {
    return new InodeAttributes(
        0,
        0,
        type == FileType.DIRECTORY ? DEFAULT_DIRECTORY_MODE : DEFAULT_FILE_MODE,
        modified,
        modified);
  }
}
