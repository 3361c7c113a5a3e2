package io.godfs.application.master;

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
 * administration, and, for a chunkserver, that it acts as the node its identity names.
 */
final class Access {
  private static final Outcome<Void> ALLOWED = Outcome.ok(null);
  private final AccessPolicy policy;

  Access(AccessPolicy policy) {
    this.policy = policy;
  }

  Outcome<Void> check(Caller caller, Permission needed, DfsPath path) {
    return policy.rules().check(caller.principal(), needed, path);
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
