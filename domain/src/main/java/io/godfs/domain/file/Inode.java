package io.godfs.domain.file;

import java.time.Instant;

/**
 * A node of the namespace tree. Mutable, and only ever touched by {@link Namespace} and its
 * package-private parts, which share the tree and are serialised by the namespace's caller.
 */
abstract sealed class Inode permits DirectoryInode, FileInode {
  final long id;

  /** This inode's id as the ports name it. */
  FileId fileId() {
    return new FileId(id);
  }

  final Instant creationTime;
  Instant modificationTime;
  DirectoryInode parent;
  String name;

  /**
   * How many names hold this inode: its parent's entry, plus each snapshot diff that kept it when
   * it was removed or moved ({@link DirectoryDiff#removed}). At 0 nothing can reach it any more.
   */
  int links = 1;

  /** Its states as earlier snapshots saw them, or null when no snapshot needed one (ADR 0025). */
  InodeDiffs diffs;

  /** The owner's uid, the group's gid and the 12 permission bits (ADR 0028). */
  int owner;

  int group;
  int mode;

  /** Set at creation and by clients; reads leave it (noatime, ADR 0028). */
  Instant accessTime;

  /** The change time: set by every change to the inode. */
  Instant changeTime;

  /** A device's number (st_rdev), set by mknod; 0 for every other kind (ADR 0028). */
  long device;

  /** Its extended attributes: immutable, replaced by each change (ADR 0028). */
  Xattrs xattrs = Xattrs.NONE;

  Inode(long id, Instant creationTime, DirectoryInode parent, String name) {
    this.id = id;
    this.creationTime = creationTime;
    this.modificationTime = creationTime;
    this.accessTime = creationTime;
    this.changeTime = creationTime;
    this.parent = parent;
    this.name = name;
    this.mode =
        this instanceof DirectoryInode
            ? InodeAttributes.DEFAULT_DIRECTORY_MODE
            : InodeAttributes.DEFAULT_FILE_MODE;
  }

  /** Its content (a file's bytes, a directory's entries) changed: mtime and ctime. */
  void modified(Instant now) {
    modificationTime = now;
    changed(now);
  }

  /**
   * Its metadata changed (ctime). The ctime only moves forward, by at least a nanosecond per change
   * even when the change's time is not later (two changes stamped alike, or out of order): so a
   * directory whose inode and ctime are what they were has had no entry added, removed or renamed
   * since, and a mount may keep using a listing of it after asking only for its attributes (ADR
   * 0033, "Revalidating a listing"). Users cannot set a ctime; a restore sets it to the restore's.
   */
  void changed(Instant now) {
    changeTime = now.isAfter(changeTime) ? now : changeTime.plusNanos(1);
  }

  InodeAttributes attributes() {
    return new InodeAttributes(owner, group, mode, accessTime, changeTime, device);
  }

  /** Takes {@code a}: from an image, a snapshot's state or a restore. */
  void restoreAttributes(InodeAttributes a) {
    owner = a.owner();
    group = a.group();
    mode = a.mode();
    accessTime = a.accessed();
    changeTime = a.changed();
    device = a.device();
  }

  DfsPath path() {
    if (parent == null) {
      return DfsPath.ROOT;
    }
    return parent.path().child(name);
  }

  abstract FileStatus status(DfsPath path);
}
