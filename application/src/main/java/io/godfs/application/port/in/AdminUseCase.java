package io.godfs.application.port.in;

import io.godfs.domain.access.Caller;
import io.godfs.domain.error.Outcome;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.node.MasterInfo;
import io.godfs.domain.node.NodeId;
import java.util.List;

/** What an operator asks the master ({@code godfs admin ...}). */
public interface AdminUseCase {

  /** Repair-log events returned when the caller names no limit. */
  int REPAIRS_DEFAULT_LIMIT = 100;

  /** The most repair-log events one call returns. */
  int REPAIRS_MAX_LIMIT = 1000;

  /** Every chunkserver the master knows, live or dead, by id. */
  Outcome<List<NodeReport>> nodes(Caller caller);

  /** The health of every file at or under {@code path}. */
  Outcome<FsckReport> fsck(Caller caller, DfsPath path);

  /**
   * Starts draining a chunkserver: it takes no new replicas and its replicas are copied elsewhere;
   * once every chunk it holds has its copies on other nodes it is DECOMMISSIONED (safe to remove).
   */
  Outcome<NodeReport> decommission(Caller caller, NodeId node);

  Outcome<SafeModeStatus> safeMode(Caller caller);

  /** Enters (held until an operator leaves) or leaves safe mode. */
  Outcome<SafeModeStatus> setSafeMode(Caller caller, boolean on);

  /** The masters of the metadata group; refused when the metadata is not replicated. */
  Outcome<List<MasterInfo>> masters(Caller caller);

  Outcome<List<MasterInfo>> addMaster(Caller caller, MasterInfo master);

  /** Refuses to leave fewer than three masters (a group that could not lose one). */
  Outcome<List<MasterInfo>> removeMaster(Caller caller, String id);

  /**
   * The cluster's figures as this master, the leader, sees them ({@code godfs admin top}, ADR
   * 0023): refused as NOT_LEADER on a follower, whose soft state is empty or stale.
   */
  Outcome<ClusterFigures> clusterFigures(Caller caller);

  /**
   * The healing loop's most recent actions as this master logged them, newest first, at most {@code
   * limit} (1 to {@link #REPAIRS_MAX_LIMIT}): copies ordered, replicas deleted, nodes pruned or
   * decommissioned. The log is the leader's, in memory: a new leader starts an empty one.
   */
  Outcome<List<RepairEvent>> repairs(Caller caller, int limit);
}
