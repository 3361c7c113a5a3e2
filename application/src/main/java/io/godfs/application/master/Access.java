package io.godfs.application.master;

import io.godfs.application.port.in.ReservedPaths;
import io.godfs.application.port.out.AccessPolicy;
import io.godfs.domain.access.Caller;
import io.godfs.domain.access.Permission;
import io.godfs.domain.access.Principal;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.error.Outcome;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.node.NodeId;

/**
 * The one place a master use case asks whether its caller may go on: the access rules for paths and
 * administration, for a chunkserver that it acts as the node its identity names, and through {@link
 * #posix} the POSIX checks of users with a POSIX identity.
 */
final class Access {
  private static final Outcome<Void> ALLOWED = Outcome.ok(null);
  private final AccessPolicy policy;
  private final PosixAccess posix;

  Access(AccessPolicy policy) {
    this.policy = policy;
    this.posix = new PosixAccess(policy);
  }

  /** The POSIX checks asked after the grants, for users with a POSIX identity (ADR 0029). */
  PosixAccess posix() {
    return posix;
  }

  /**
   * Whether the caller holds {@code needed} at {@code path}. A path at or under the trash ({@link
   * ReservedPaths#TRASH}) is refused whoever asks: only the trash's own use cases reach it, and
   * they do not ask here for it (ADR 0024).
   */
  Outcome<Void> check(Caller caller, Permission needed, DfsPath path) {
    if (ReservedPaths.TRASH.contains(path)) {
      return reserved(path);
    }
    return policy.rules().check(caller.principal(), needed, path);
  }

  /**
   * INVALID_ARGUMENT, the code of a path no caller may name: not PERMISSION_DENIED, which says a
   * grant could allow it (and would name a permission that does not help), nor NOT_FOUND, which
   * would hide why a path the caller can see named refuses it. The gateway refuses its own reserved
   * folder alike (HTTP 400).
   */
  static Outcome<Void> reserved(DfsPath path) {
    return Outcome.rejected(
        ErrorCode.INVALID_ARGUMENT,
        "path "
            + path
            + " is reserved: "
            + ReservedPaths.TRASH
            + " holds the master's trash, which only its own calls list and restore (ADR 0024)");
  }

  /** Both paths (a rename's source and target). */
  Outcome<Void> check(Caller caller, Permission needed, DfsPath first, DfsPath second) {
    Outcome<Void> onFirst = check(caller, needed, first);
    return onFirst instanceof Outcome.Rejected<Void> ? onFirst : check(caller, needed, second);
  }

  /** Cluster administration (decommission, safe mode, masters, fsck). */
  Outcome<Void> admin(Caller caller) {
    return check(caller, Permission.ADMIN, DfsPath.ROOT);
  }

  /** What a chunkserver does as itself (register, heartbeat), and only as itself. */
  Outcome<Void> asNode(Caller caller, NodeId node) {
    Outcome<Void> mayActAsANode = check(caller, Permission.NODE, DfsPath.ROOT);
    if (mayActAsANode instanceof Outcome.Rejected<Void>) {
      return mayActAsANode;
    }
    if (caller.principal() instanceof Principal.Chunkserver self && !self.node().equals(node)) {
      return Outcome.rejected(
          ErrorCode.PERMISSION_DENIED,
          "permission denied: "
              + self.name()
              + " may act only as itself, not as chunkserver "
              + node.value());
    }
    return ALLOWED;
  }
}
