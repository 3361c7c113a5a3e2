package io.godfs.domain.file;

import static io.godfs.domain.error.ErrorCode.INVALID_ARGUMENT;

import io.godfs.domain.error.Outcome;
import java.time.Instant;
import java.util.List;

/**
 * renameat2(RENAME_EXCHANGE) (ADR 0028): two entries swap the inodes they name in one step, files,
 * directories or one of each, so no reader ever sees either name missing. For the snapshots and the
 * quotas it is two renames done at once.
 */
final class NameExchange {
  private final DirectoryTree tree;
  private final Snapshots snapshots;
  private final Quotas quotas;

  NameExchange(DirectoryTree tree, Snapshots snapshots, Quotas quotas) {
    this.tree = tree;
    this.snapshots = snapshots;
    this.quotas = quotas;
  }

  /**
   * Swaps what {@code first} and {@code second} name. Both must exist (NOT_FOUND) outside snapshots
   * (READ_ONLY); neither may contain the other (INVALID_ARGUMENT, as a rename into its own
   * subtree); the same path or two names of one inode change nothing, as on Linux.
   */
  Outcome<Removed> exchange(DfsPath first, DfsPath second, Instant now) {
    if (first.isRoot() || second.isRoot()) {
      return Outcome.rejected(INVALID_ARGUMENT, "cannot exchange /");
    }
    return tree.lookupEntry(first)
        .flatMap(
            a ->
                tree.lookupEntry(second)
                    .flatMap(
                        b -> {
                          if (a.inode() == b.inode()) {
                            return Outcome.ok(Removed.NOTHING);
                          }
                          if (first.contains(second) || second.contains(first)) {
                            return Outcome.rejected(
                                INVALID_ARGUMENT,
                                "cannot exchange "
                                    + first
                                    + " and "
                                    + second
                                    + ": one is inside the other");
                          }
                          Outcome.Rejected<Removed> full = fits(a, b, first, second);
                          return full != null ? full : Outcome.ok(swap(a, b, now));
                        }));
  }

  /** Whether the quotas below the directory both share take each tree in place of the other. */
  private <T> Outcome.Rejected<T> fits(
      DirectoryTree.Entry a, DirectoryTree.Entry b, DfsPath first, DfsPath second) {
    if (!quotas.any()) {
      return null;
    }
    long[] ma = quotas.measure(a.inode());
    long[] mb = quotas.measure(b.inode());
    DirectoryInode common = DirectoryTree.commonAncestor(b.dir(), a.dir());
    Outcome.Rejected<T> intoB = quotas.check(b.dir(), ma[0] - mb[0], ma[1] - mb[1], common, second);
    return intoB != null
        ? intoB
        : quotas.check(a.dir(), mb[0] - ma[0], mb[1] - ma[1], common, first);
  }

  private Removed swap(DirectoryTree.Entry a, DirectoryTree.Entry b, Instant now) {
    Inode inodeA = a.inode();
    Inode inodeB = b.inode();
    List<Snapshots.Pin> seenA = snapshots.seers(inodeA);
    List<Snapshots.Pin> seenB = snapshots.seers(inodeB);
    DirectoryInode treeA = snapshots.rootAtOrAbove(a.dir());
    DirectoryInode treeB = snapshots.rootAtOrAbove(b.dir());
    snapshots.beforeChildChange(a.dir(), a.name(), inodeA);
    snapshots.beforeChildChange(b.dir(), b.name(), inodeB);
    quotas.unlinking(a.dir(), inodeA);
    quotas.unlinking(b.dir(), inodeB);
    a.dir().put(a.name(), inodeB);
    b.dir().put(b.name(), inodeA);
    DirectoryTree.rename(inodeA, a.dir(), a.name(), b.dir(), b.name());
    DirectoryTree.rename(inodeB, b.dir(), b.name(), a.dir(), a.name());
    quotas.linked(b.dir(), inodeA);
    quotas.linked(a.dir(), inodeB);
    snapshots.moved(inodeA, treeA, treeB, seenA);
    snapshots.moved(inodeB, treeB, treeA, seenB);
    // Each swapped inode changed (ctime, as a rename's), and so did both directories.
    inodeA.changed(now);
    inodeB.changed(now);
    a.dir().modified(now);
    b.dir().modified(now);
    return Removed.NOTHING;
  }
}
