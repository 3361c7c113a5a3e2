package io.godfs.domain.file;

import io.godfs.domain.error.Outcome;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Evaluates {@link PermissionCheck}s against the namespace as it is when a command applies (ADR
 * 0029), so the check and the change are one step of the replicated log, as HDFS checks under its
 * namesystem lock. A path into a snapshot is checked with the attributes that snapshot kept.
 * Whatever the walk cannot reach (a missing directory, a file where a directory should be) it
 * leaves to the command, which says what is wrong.
 */
final class PermissionWalk {
  /** One existing inode on the path: where it is, and its attributes as the path sees them. */
  private record Step(DfsPath path, Inode inode, InodeAttributes attributes, boolean directory) {}

  private PermissionWalk() {}

  static Outcome<Void> check(
      Namespace ns, String name, PosixIdentity who, List<PermissionCheck> checks) {
    for (PermissionCheck c : checks) {
      Outcome<Void> one = check(ns, name, who, c);
      if (one instanceof Outcome.Rejected<Void>) {
        return one;
      }
    }
    return Outcome.ok(null);
  }

  private static Outcome<Void> check(
      Namespace ns, String name, PosixIdentity who, PermissionCheck c) {
    List<Step> steps = walk(ns.root(), c.path());
    int depth = c.path().segments().size();
    int last = steps.size() - 1;
    boolean exists = last == depth;
    List<Outcome<Void>> results = new ArrayList<>();
    for (int i = 0; i < Math.min(steps.size(), depth); i++) {
      Step s = steps.get(i);
      if (s.directory()) {
        results.add(bits(name, who, PermissionCheck.EXECUTE, s));
      }
    }
    if (!exists && c.ancestor() != 0) {
      results.add(bits(name, who, c.ancestor(), steps.get(last)));
    }
    if (depth > 0 && last >= depth - 1 && steps.get(depth - 1).directory()) {
      Step parent = steps.get(depth - 1);
      results.add(bits(name, who, c.parent(), parent));
      if (exists && c.sticky()) {
        Step entry = steps.get(depth);
        results.add(
            PosixPermissions.sticky(
                name, who, entry.path(), entry.attributes(), parent.attributes()));
      }
    }
    if (exists) {
      results.add(bits(name, who, c.self(), steps.get(depth)));
      if (c.subtree() != 0 && steps.get(depth).inode() instanceof DirectoryInode dir) {
        results.add(subtree(name, who, c.subtree(), dir, c.path()));
      }
    }
    return results.stream()
        .filter(r -> r instanceof Outcome.Rejected<Void>)
        .findFirst()
        .orElse(Outcome.ok(null));
  }

  /** The live attributes of the inode at {@code path}, if it exists outside a snapshot. */
  static Inode live(Namespace ns, DfsPath path) {
    List<Step> steps = walk(ns.root(), path);
    return steps.size() == path.segments().size() + 1 ? steps.getLast().inode() : null;
  }

  private static Outcome<Void> bits(String name, PosixIdentity who, int wanted, Step s) {
    if (wanted == 0) {
      return Outcome.ok(null);
    }
    return PosixPermissions.check(name, who, wanted, s.path(), s.attributes(), s.directory());
  }

  /** Every non-empty directory under {@code top} (itself included) must grant {@code wanted}. */
  private static Outcome<Void> subtree(
      String name, PosixIdentity who, int wanted, DirectoryInode top, DfsPath at) {
    Deque<DirectoryInode> pending = new ArrayDeque<>();
    pending.push(top);
    while (!pending.isEmpty()) {
      DirectoryInode dir = pending.pop();
      if (dir.children.isEmpty()) {
        continue;
      }
      DfsPath path = dir == top ? at : dir.path();
      Outcome<Void> here = PosixPermissions.check(name, who, wanted, path, dir.attributes(), true);
      if (here instanceof Outcome.Rejected<Void>) {
        return here;
      }
      for (Inode child : dir.children.values()) {
        if (child instanceof DirectoryInode d) {
          pending.push(d);
        }
      }
    }
    return Outcome.ok(null);
  }

  /**
   * The existing inodes from the root along {@code path}, as {@link TreeReads#resolve} walks it: a
   * snapshottable directory's {@code .snapshot} stands for the directory (HDFS gives it the
   * directory's permissions), and below a snapshot every inode has the attributes it kept.
   */
  private static List<Step> walk(DirectoryInode root, DfsPath path) {
    List<Step> steps = new ArrayList<>();
    steps.add(new Step(DfsPath.ROOT, root, root.attributes(), true));
    Inode node = root;
    long at = TreeReads.NOW;
    boolean listing = false;
    DfsPath walked = DfsPath.ROOT;
    for (String segment : path.segments()) {
      walked = walked.child(segment);
      if (listing) {
        SnapshotRoot.Snapshot s = ((DirectoryInode) node).snapshots.byName.get(segment);
        if (s == null) {
          return steps;
        }
        at = s.id();
        listing = false;
        steps.add(new Step(walked, node, TreeReads.attributesAt(node, at), true));
        continue;
      }
      if (!(node instanceof DirectoryInode dir)) {
        return steps;
      }
      if (segment.equals(Snapshots.DOT_SNAPSHOT) && dir.snapshots != null && at == TreeReads.NOW) {
        listing = true;
        steps.add(new Step(walked, dir, dir.attributes(), true));
        continue;
      }
      node = at == TreeReads.NOW ? dir.children.get(segment) : TreeReads.childAt(dir, segment, at);
      if (node == null) {
        return steps;
      }
      steps.add(
          new Step(walked, node, TreeReads.attributesAt(node, at), node instanceof DirectoryInode));
    }
    return steps;
  }
}
