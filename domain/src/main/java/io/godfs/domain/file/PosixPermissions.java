package io.godfs.domain.file;

import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.error.Outcome;
import java.util.ArrayList;
import java.util.List;

/**
 * The POSIX permission rules (ADR 0029) as pure functions of a caller's identity and an inode's
 * attributes: which of user, group and other applies, the rules of chmod, chown and utimensat by a
 * user who is not root, and the bits a write or a chown by such a user clears. Refusals are
 * PERMISSION_DENIED (EACCES, EPERM) and name what was missing.
 */
public final class PosixPermissions {
  private PosixPermissions() {}

  /**
   * The rwx bits {@code who} holds on an inode with {@code a}: the owner's class if it owns it,
   * else the group's if it is in the group, else other's; one class only, as POSIX says (an owner
   * denied what others may do stays denied).
   */
  public static int held(PosixIdentity who, InodeAttributes a) {
    if (who.uid() == a.owner()) {
      return (a.mode() >> 6) & PermissionCheck.ALL;
    }
    if (who.inGroup(a.group())) {
      return (a.mode() >> 3) & PermissionCheck.ALL;
    }
    return a.mode() & PermissionCheck.ALL;
  }

  /** Ok, or a refusal naming the bits of {@code wanted} that {@code who} lacks on {@code path}. */
  public static Outcome<Void> check(
      String name,
      PosixIdentity who,
      int wanted,
      DfsPath path,
      InodeAttributes a,
      boolean directory) {
    int missing = wanted & ~held(who, a);
    if (missing == 0) {
      return Outcome.ok(null);
    }
    return denied(
        caller(name, who)
            + " lacks "
            + labels(missing, directory)
            + " on "
            + (directory ? "directory " : "")
            + path
            + " ("
            + describe(a)
            + ")");
  }

  /**
   * The sticky rule: in a directory with the sticky bit only the owner of the entry or of the
   * directory may remove or rename the entry.
   */
  public static Outcome<Void> sticky(
      String name, PosixIdentity who, DfsPath path, InodeAttributes entry, InodeAttributes dir) {
    if ((dir.mode() & InodeAttributes.STICKY) == 0
        || who.uid() == entry.owner()
        || who.uid() == dir.owner()) {
      return Outcome.ok(null);
    }
    return denied(
        caller(name, who)
            + " may not remove or rename "
            + path
            + ": its directory is sticky (mode 0"
            + Integer.toOctalString(dir.mode())
            + "), so only the entry's owner (uid "
            + entry.owner()
            + "), the directory's owner (uid "
            + dir.owner()
            + ") or an administrator may");
  }

  /**
   * Whether {@code who} may make {@code change} to an inode with {@code a}: chmod by the owner;
   * chown to another owner never (only an administrator); chgrp by the owner to one of its groups;
   * explicit times by the owner; times set to now by the owner or a writer.
   */
  public static Outcome<Void> mayChange(
      String name, PosixIdentity who, DfsPath path, AttributeChange change, InodeAttributes a) {
    boolean owner = who.uid() == a.owner();
    String ownerOnly = ": only its owner (uid " + a.owner() + ") or an administrator may";
    if (change.owner().isPresent() && change.owner().getAsInt() != a.owner()) {
      return denied(
          caller(name, who)
              + " may not change the owner of "
              + path
              + " to uid "
              + change.owner().getAsInt()
              + ": only an administrator may");
    }
    if ((change.owner().isPresent() || change.group().isPresent()) && !owner) {
      return denied(
          caller(name, who) + " may not change the owner or group of " + path + ownerOnly);
    }
    if (change.group().isPresent()
        && change.group().getAsInt() != a.group()
        && !who.inGroup(change.group().getAsInt())) {
      return denied(
          caller(name, who)
              + " may not change the group of "
              + path
              + " to gid "
              + change.group().getAsInt()
              + ": its owner may give it only one of its own groups ("
              + who.describe()
              + ")");
    }
    if (change.mode().isPresent() && !owner) {
      return denied(caller(name, who) + " may not change the mode of " + path + ownerOnly);
    }
    boolean explicit =
        change.accessed() instanceof AttributeChange.At
            || change.modified() instanceof AttributeChange.At;
    if (explicit && !owner) {
      return denied(caller(name, who) + " may not set explicit times on " + path + ownerOnly);
    }
    boolean now =
        change.accessed() instanceof AttributeChange.Now
            || change.modified() instanceof AttributeChange.Now;
    if (now && !owner && (held(who, a) & PermissionCheck.WRITE) == 0) {
      return denied(
          caller(name, who)
              + " lacks 'write' on "
              + path
              + " to set its times to now, and is not its owner ("
              + describe(a)
              + ")");
    }
    return Outcome.ok(null);
  }

  /**
   * The mode a user who is not root leaves after a write or truncate of a file with {@code mode}:
   * without setuid, and without setgid when group execute is set (without it setgid means mandatory
   * locking, which Linux keeps), as Linux's file_remove_privs does.
   */
  public static int afterWrite(int mode) {
    int cleared = mode & ~InodeAttributes.SETUID;
    if ((mode & 010) != 0) {
      cleared &= ~InodeAttributes.SETGID;
    }
    return cleared;
  }

  /** The mode a chmod by a user who is not root sets: no setgid for a group it is not in. */
  public static int chmodded(PosixIdentity who, int mode, int group) {
    return who.inGroup(group) ? mode : mode & ~InodeAttributes.SETGID;
  }

  private static String caller(String name, PosixIdentity who) {
    return "permission denied: " + name + " (uid " + who.uid() + ")";
  }

  private static String describe(InodeAttributes a) {
    return "owner uid "
        + a.owner()
        + ", group gid "
        + a.group()
        + ", mode 0"
        + Integer.toOctalString(a.mode());
  }

  /** {@code 'write'}, {@code 'write' and 'search'}: a directory's x is search, a file's execute. */
  static String labels(int bits, boolean directory) {
    List<String> names = new ArrayList<>();
    if ((bits & PermissionCheck.READ) != 0) {
      names.add("'read'");
    }
    if ((bits & PermissionCheck.WRITE) != 0) {
      names.add("'write'");
    }
    if ((bits & PermissionCheck.EXECUTE) != 0) {
      names.add(directory ? "'search' (x)" : "'execute'");
    }
    return String.join(" and ", names);
  }

  private static Outcome<Void> denied(String message) {
    return Outcome.rejected(ErrorCode.PERMISSION_DENIED, message);
  }
}
