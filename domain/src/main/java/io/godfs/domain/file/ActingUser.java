package io.godfs.domain.file;

import io.godfs.domain.error.Outcome;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;

/**
 * A command or query of a user with a POSIX identity who is not an administrator (ADR 0029): its
 * permission checks run against the state the command applies to, then the POSIX rules the command
 * itself implies (chmod, chown, utimensat) and the bits it clears (setuid and setgid on a write, a
 * truncate or a chgrp; setgid on a chmod by a user outside the group).
 */
final class ActingUser {
  private ActingUser() {}

  static <R> Outcome<R> apply(
      Namespace ns,
      String name,
      PosixIdentity who,
      List<PermissionCheck> checks,
      NamespaceCommand<R> command) {
    Outcome<Void> allowed = PermissionWalk.check(ns, name, who, checks);
    if (allowed instanceof Outcome.Rejected<Void> denied) {
      return Outcome.rejected(denied.error());
    }
    if (command instanceof NamespaceCommand.SetAttributes set) {
      Inode inode = PermissionWalk.live(ns, set.path());
      if (inode != null) {
        Outcome<Void> may =
            PosixPermissions.mayChange(name, who, set.path(), set.change(), inode.attributes());
        if (may instanceof Outcome.Rejected<Void> denied) {
          return Outcome.rejected(denied.error());
        }
        @SuppressWarnings("unchecked") // SetAttributes is a NamespaceCommand<FileStatus>
        Outcome<R> changed = (Outcome<R>) setAttributes(ns, who, set, inode);
        return changed;
      }
    }
    Outcome<R> done = command.applyTo(ns);
    if (done.isOk()) {
      switch (command) {
        case NamespaceCommand.OpenForWrite open -> clearAfterWrite(ns, open.path(), open.at());
        case NamespaceCommand.Truncate cut -> clearAfterWrite(ns, cut.path(), cut.at());
        default -> {}
      }
    }
    return done;
  }

  static <R> Outcome<R> read(
      Namespace ns,
      String name,
      PosixIdentity who,
      List<PermissionCheck> checks,
      NamespaceQuery<R> query) {
    Outcome<Void> allowed = PermissionWalk.check(ns, name, who, checks);
    if (allowed instanceof Outcome.Rejected<Void> denied) {
      return Outcome.rejected(denied.error());
    }
    return query.readFrom(ns);
  }

  /**
   * The change as a user who is not root makes it: a chmod drops setgid unless the user is in the
   * group; a chown or chgrp of anything but a directory drops setuid, and setgid with group
   * execute, as Linux's chown does.
   */
  private static Outcome<FileStatus> setAttributes(
      Namespace ns, PosixIdentity who, NamespaceCommand.SetAttributes set, Inode inode) {
    AttributeChange change = set.change();
    int group = change.group().orElse(inode.group);
    OptionalInt mode = change.mode();
    if (mode.isPresent()) {
      mode = OptionalInt.of(PosixPermissions.chmodded(who, mode.getAsInt(), group));
    }
    boolean chown = change.owner().isPresent() || change.group().isPresent();
    if (chown && !(inode instanceof DirectoryInode)) {
      int before = mode.orElse(inode.mode);
      int after = PosixPermissions.afterWrite(before);
      if (after != before) {
        mode = OptionalInt.of(after);
      }
    }
    AttributeChange made =
        new AttributeChange(
            change.owner(), change.group(), mode, change.accessed(), change.modified());
    return ns.setAttributes(set.path(), made, set.at());
  }

  private static void clearAfterWrite(Namespace ns, DfsPath path, Instant at) {
    Inode inode = PermissionWalk.live(ns, path);
    if (inode == null) {
      return;
    }
    int after = PosixPermissions.afterWrite(inode.mode);
    if (after != inode.mode) {
      ns.setAttributes(path, AttributeChange.mode(after), at);
    }
  }
}
