package io.godfs.domain.file;

import static io.godfs.domain.error.ErrorCode.ALREADY_EXISTS;
import static io.godfs.domain.error.ErrorCode.NOT_PERMITTED;
import static io.godfs.domain.error.ErrorCode.TOO_MANY_LINKS;

import io.godfs.domain.error.Outcome;
import java.time.Instant;

/**
 * link(2) (ADR 0028): another name for a file, a symbolic link or a special file. The inode keeps
 * its primary name and lists the others in creation order ({@link FileInode#otherNames}); every
 * name counts in the quotas above it, and a name that goes keeps the inode while another stays
 * ({@link InodeReleases}). Directories get no second name, so the tree stays a tree.
 */
final class HardLinks {
  /** The most names one inode may have: ext4's EXT4_LINK_MAX. */
  static final int MAX_LINKS = 65_000;

  private final DirectoryTree tree;
  private final Snapshots snapshots;
  private final Quotas quotas;

  HardLinks(DirectoryTree tree, Snapshots snapshots, Quotas quotas) {
    this.tree = tree;
    this.snapshots = snapshots;
    this.quotas = quotas;
  }

  /**
   * Makes {@code link} another name of the inode at {@code existing}. Checked in Linux's order:
   * both paths resolve, the new name is free (even when it names the same inode: EEXIST), the inode
   * is not a directory (EPERM), it has room for a name (EMLINK), and the quotas above the new name
   * take one more name and the file's space.
   */
  Outcome<FileStatus> link(DfsPath existing, DfsPath link, Instant now) {
    return tree.lookup(existing)
        .flatMap(
            source -> {
              if (link.isRoot()) {
                return Outcome.rejected(ALREADY_EXISTS, "/ already exists");
              }
              return tree.directory(link.parent())
                  .flatMap(dir -> linkInto(source, existing, dir, link, now));
            });
  }

  private Outcome<FileStatus> linkInto(
      Inode source, DfsPath existing, DirectoryInode dir, DfsPath link, Instant now) {
    String name = link.name();
    Outcome.Rejected<FileStatus> reserved = DirectoryTree.reservedName(dir, link, name);
    if (reserved != null) {
      return reserved;
    }
    if (dir.children.containsKey(name)) {
      return Outcome.rejected(ALREADY_EXISTS, link + " already exists");
    }
    if (!(source instanceof FileInode file)) {
      return Outcome.rejected(
          NOT_PERMITTED, "cannot link " + existing + ": hard links to directories are not allowed");
    }
    if (file.nlink >= MAX_LINKS) {
      return Outcome.rejected(
          TOO_MANY_LINKS,
          existing + " already has " + file.nlink + " names (at most " + MAX_LINKS + ")");
    }
    Outcome.Rejected<FileStatus> full =
        quotas.check(dir, 1, file.length * file.replication, null, link);
    if (full != null) {
      return full;
    }
    snapshots.beforeChildChange(dir, name, null); // older snapshots do not show the new name
    dir.put(name, file);
    file.addName(dir, name);
    file.links++;
    quotas.linked(dir, file);
    dir.modified(now);
    // Its link count changed (ctime), not recorded in a snapshot diff, as a rename's is not.
    file.changed(now);
    return Outcome.ok(file.status(link));
  }
}
