package io.godfs.domain.file;

import static java.util.Objects.requireNonNull;

/**
 * What a command needs of the path it names, in the terms of HDFS's {@code
 * FSPermissionChecker.checkPermission} (ADR 0029): search (x) on every existing directory above the
 * path always; then, each as rwx bits ({@link #READ}, {@link #WRITE}, {@link #EXECUTE}, 0: none),
 * on the deepest existing ancestor while the path does not exist ({@code ancestor}), on its parent
 * ({@code parent}), on the path itself when it exists ({@code self}), on every non-empty directory
 * under it ({@code subtree}), and with {@code sticky} the rule of a sticky parent: only the owner
 * of the entry or of the directory may remove or rename it.
 */
public record PermissionCheck(
    DfsPath path, int ancestor, int parent, int self, int subtree, boolean sticky) {
  public static final int READ = 4;
  public static final int WRITE = 2;
  public static final int EXECUTE = 1;
  public static final int ALL = READ | WRITE | EXECUTE;

  public PermissionCheck {
    requireNonNull(path, "path");
    for (int bits : new int[] {ancestor, parent, self, subtree}) {
      if ((bits & ~ALL) != 0) {
        throw new IllegalArgumentException(
            "permission bits : " + bits + " (expected: rwx bits within 07)");
      }
    }
  }

  /**
   * Only search on the directories above (stat, and a chmod or chown, whose rules are their own).
   */
  public static PermissionCheck reach(DfsPath path) {
    return new PermissionCheck(path, 0, 0, 0, 0, false);
  }

  /** Read a file or list a directory. */
  public static PermissionCheck read(DfsPath path) {
    return new PermissionCheck(path, 0, 0, READ, 0, false);
  }

  /** Write a file's bytes: truncate, append, overwrite, its user extended attributes. */
  public static PermissionCheck write(DfsPath path) {
    return new PermissionCheck(path, 0, 0, WRITE, 0, false);
  }

  /**
   * Make a new entry (mkdir, symlink, mknod): w+x on the directory it goes in. An existing path
   * needs nothing more (mkdir -p of what is there).
   */
  public static PermissionCheck make(DfsPath path) {
    return new PermissionCheck(path, WRITE | EXECUTE, 0, 0, 0, false);
  }

  /** Create a file: as {@link #make}, and w on the file it replaces, as open(O_TRUNC) asks. */
  public static PermissionCheck create(DfsPath path) {
    return new PermissionCheck(path, WRITE | EXECUTE, 0, WRITE, 0, false);
  }

  /**
   * Remove an entry (unlink, rmdir, rm -r, the source of a rename): w+x on its directory, the
   * sticky rule, and with {@code tree} rwx on every non-empty directory under it (HDFS's subAccess
   * ALL), since emptying them removes their entries too.
   */
  public static PermissionCheck remove(DfsPath path, boolean tree) {
    return new PermissionCheck(path, 0, WRITE | EXECUTE, 0, tree ? ALL : 0, true);
  }

  /** The target of a rename: a new entry, or one it replaces (w+x on the directory, sticky). */
  public static PermissionCheck renameTo(DfsPath path) {
    return new PermissionCheck(path, WRITE | EXECUTE, WRITE | EXECUTE, 0, 0, true);
  }
}
