package io.godfs.application.master;

import io.godfs.application.port.out.MetadataStore;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.error.Outcome;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileStatus;
import io.godfs.domain.file.Listing;
import io.godfs.domain.file.NamespaceCommand;
import io.godfs.domain.file.NamespaceQuery;
import io.godfs.domain.node.NodeId;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * The operator's decommission orders, kept in the replicated namespace so that they outlive a
 * change of leader or a restart of every master: one directory per node under {@link #DIR}. Node
 * liveness and replica locations stay soft state (rebuilt from reports); an order is an operator's
 * decision, which no report can rebuild. HDFS keeps it in an exclude file that every NameNode
 * reads; here the metadata log carries it to every master. Removing a node's directory takes the
 * order back (the node is in service again from the leader's next healing round).
 */
final class DecommissionRecords {
  /** Under the reserved {@code /.godfs} tree, next to the gateway's staging folders. */
  static final DfsPath DIR = DfsPath.of("/.godfs/decommissioned");

  private final MetadataStore store;

  DecommissionRecords(MetadataStore store) {
    this.store = store;
  }

  /** Records the order for {@code node}; recording it again changes nothing. */
  Outcome<Void> record(NodeId node, Instant now) {
    DfsPath entry;
    try {
      entry = DIR.child(node.value());
    } catch (IllegalArgumentException e) {
      return Outcome.rejected(
          ErrorCode.INVALID_ARGUMENT, "node id " + node + " cannot be recorded: " + e.getMessage());
    }
    Outcome<FileStatus> made =
        store.execute(new NamespaceCommand.Mkdir(entry, true, now), MasterSelf.CALLER);
    if (made instanceof Outcome.Rejected<FileStatus> r
        && r.error().code() != ErrorCode.ALREADY_EXISTS) {
      return Outcome.rejected(r.error());
    }
    return Outcome.ok(null);
  }

  /** Every node with a recorded order (none when the folder does not exist). */
  Outcome<Set<NodeId>> load() {
    Set<NodeId> nodes = new HashSet<>();
    String after = null;
    while (true) {
      Outcome<Listing> page =
          store.query(new NamespaceQuery.ListDirectory(DIR, after, Listing.MAX_LIMIT));
      if (page instanceof Outcome.Rejected<Listing> r) {
        return r.error().code() == ErrorCode.NOT_FOUND
            ? Outcome.ok(nodes)
            : Outcome.rejected(r.error());
      }
      Listing listing = page.orThrow();
      for (FileStatus s : listing.entries()) {
        nodes.add(new NodeId(s.path().name()));
        after = s.path().name();
      }
      if (!listing.hasMore()) {
        return Outcome.ok(nodes);
      }
    }
  }

  /**
   * Brings {@code cluster}'s admin states in line with the recorded orders: a new leader starts
   * with empty soft state, and an operator may have taken an order back. A failure (leadership
   * moving on, say) leaves them as they are until the next call.
   */
  void syncInto(ClusterState cluster) {
    try {
      if (load() instanceof Outcome.Ok<Set<NodeId>> ok) {
        cluster.syncDecommissions(ok.value());
      }
    } catch (RuntimeException e) {
      // Not the leader any more, or the store is closing: the next round tries again.
    }
  }
}
