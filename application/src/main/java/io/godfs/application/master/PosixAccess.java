package io.godfs.application.master;

import io.godfs.application.port.in.ReservedPaths;
import io.godfs.application.port.out.AccessPolicy;
import io.godfs.domain.access.Caller;
import io.godfs.domain.access.Permission;
import io.godfs.domain.access.Principal;
import io.godfs.domain.access.UploadAreas;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.error.Outcome;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.NamespaceCommand;
import io.godfs.domain.file.NamespaceQuery;
import io.godfs.domain.file.Ownership;
import io.godfs.domain.file.PermissionCheck;
import io.godfs.domain.file.PosixIdentity;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The POSIX side of access (ADR 0029), asked after the grants: a user whose key or token gives it a
 * POSIX identity, and who is not an administrator (the superuser, as HDFS's), has its commands and
 * queries wrapped with the checks they need, which the namespace runs on the state the command
 * applies to. Everyone else (users without an identity, administrators, masters, the mount's own
 * principal, security off) passes through unchanged: the grants alone decide for them, as before.
 */
final class PosixAccess {
  /** HDFS's default umask (fs.permissions.umask-mode 022). */
  static final int UMASK = 022;

  /** A new directory's mode when the request gives none: 0777 under the umask. */
  static final int DIRECTORY_MODE = 0777 & ~UMASK;

  /** A new file's (or FIFO's, device's, socket's) mode: 0666 under the umask. */
  static final int FILE_MODE = 0666 & ~UMASK;

  /** A symbolic link's: 0777, which Linux never masks (a link's mode is not checked). */
  static final int SYMLINK_MODE = 0777;

  private final AccessPolicy policy;

  PosixAccess(AccessPolicy policy) {
    this.policy = policy;
  }

  /** The caller's user and identity when the POSIX checks apply to it; empty otherwise. */
  Optional<Principal.User> checked(Caller caller) {
    Principal.User user =
        switch (caller.principal()) {
          case Principal.User u -> u;
          case Principal.Delegated d -> d.issuer();
          default -> null;
        };
    if (user == null || user.posix().isEmpty()) {
      return Optional.empty();
    }
    boolean admin = policy.rules().permissionsAt(user, DfsPath.ROOT).contains(Permission.ADMIN);
    return admin ? Optional.empty() : Optional.of(user);
  }

  /** {@code command} with the checks that apply to the caller (none: the command as it is). */
  <R> NamespaceCommand<R> command(
      Caller caller, NamespaceCommand<R> command, PermissionCheck... checks) {
    Optional<Principal.User> user = checked(caller);
    if (user.isEmpty()) {
      return command;
    }
    return new NamespaceCommand.AsUser<>(
        user.get().name(), user.get().posix().orElseThrow(), outsideReserved(checks), command);
  }

  /** {@code query} with the checks that apply to the caller. */
  <R> NamespaceQuery<R> query(Caller caller, NamespaceQuery<R> query, PermissionCheck... checks) {
    Optional<Principal.User> user = checked(caller);
    if (user.isEmpty()) {
      return query;
    }
    return new NamespaceQuery.AsUser<>(
        user.get().name(), user.get().posix().orElseThrow(), outsideReserved(checks), query);
  }

  /**
   * Who a new inode of the caller belongs to: what it asked for, else, for a user with a POSIX
   * identity, its uid and gid with {@code defaultMode} (one of this class's modes, the umask
   * applied); null for everyone else (root's, the namespace's defaults, as before). A user who is
   * checked may not give what it creates to another user or to a group it is not in.
   */
  Outcome<Ownership> ownership(Caller caller, Ownership asked, int defaultMode) {
    Principal.User user =
        switch (caller.principal()) {
          case Principal.User u -> u;
          case Principal.Delegated d -> d.issuer();
          default -> null;
        };
    if (user == null || user.posix().isEmpty()) {
      return Outcome.ok(asked);
    }
    PosixIdentity who = user.posix().get();
    if (asked == null) {
      return Outcome.ok(new Ownership(who.uid(), who.gid(), defaultMode));
    }
    if (checked(caller).isPresent()
        && (asked.owner() != who.uid() || !who.inGroup(asked.group()))) {
      return Outcome.rejected(
          ErrorCode.PERMISSION_DENIED,
          "permission denied: "
              + user.name()
              + " ("
              + who.describe()
              + ") may not create what uid "
              + asked.owner()
              + " and gid "
              + asked.group()
              + " own: only an administrator may");
    }
    return Outcome.ok(asked);
  }

  /**
   * goDFS's own folders (the upload areas, the trash) are ruled by the grants alone: a user's
   * staged uploads live there under root-owned folders it could not otherwise write.
   */
  private static List<PermissionCheck> outsideReserved(PermissionCheck... checks) {
    return Arrays.stream(checks)
        .filter(
            c ->
                !UploadAreas.RESERVED.contains(c.path()) && !ReservedPaths.TRASH.contains(c.path()))
        .toList();
  }
}
