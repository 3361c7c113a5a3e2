package io.godfs.adapters.fuse;

import io.godfs.domain.file.FileStatus;
import io.godfs.domain.file.FileType;
import io.godfs.domain.file.InodeAttributes;
import io.godfs.domain.file.Ownership;
import java.time.Instant;

/**
 * What getattr reports about a path: its type (regular file, directory, symbolic link or special
 * file; a device with its number), size, inode number (the file id) and link count (a link's is its
 * target's length in bytes), and the attributes the namespace keeps (ADR 0028): numeric owner and
 * group, the 12 permission bits, and the birth, modification, access and change times to the
 * nanosecond.
 */
record Attributes(
    FileType type,
    long size,
    Instant modified,
    Instant created,
    int owner,
    int group,
    int mode,
    Instant accessed,
    Instant changed,
    long device,
    long inode,
    int links) {

  boolean directory() {
    return type == FileType.DIRECTORY;
  }

  boolean symlink() {
    return type == FileType.SYMLINK;
  }

  static Attributes of(FileStatus status) {
    InodeAttributes a = status.attributes();
    return new Attributes(
        status.type(),
        status.length(),
        status.modificationTime(),
        status.creationTime(),
        a.owner(),
        a.group(),
        a.mode(),
        a.accessed(),
        a.changed(),
        a.device(),
        status.fileId().value(),
        status.links());
  }

  /**
   * A file this mount just created as {@code ownership} in a directory with {@code parent}'s
   * attributes: what the master gave it, as far as known here (its times are this host's clock).
   * The master passes a setgid directory's group down (ADR 0028), and so does this guess.
   */
  static Attributes newFile(Ownership ownership, Attributes parent, Instant now, long inode) {
    boolean inherit = (parent.mode() & InodeAttributes.SETGID) != 0;
    return new Attributes(
        FileType.FILE,
        0,
        now,
        now,
        ownership.owner(),
        inherit ? parent.group() : ownership.group(),
        ownership.mode(),
        now,
        now,
        0,
        inode,
        1);
  }

  /**
   * With this mount's view of an open file: its size, and its last write's time as modification and
   * change time (a write sets both, unless the master has a later change time already).
   */
  Attributes withSize(long newSize, Instant newModified) {
    Instant newChanged =
        newModified.equals(modified) || newModified.isBefore(changed) ? changed : newModified;
    return new Attributes(
        type,
        newSize,
        newModified,
        created,
        owner,
        group,
        mode,
        accessed,
        newChanged,
        device,
        inode,
        links);
  }
}
