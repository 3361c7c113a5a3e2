package io.godfs.application.port.in;

import io.godfs.domain.error.Outcome;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.node.MasterInfo;
import io.godfs.domain.node.NodeId;
import java.util.List;

/**
 * What an operator asks the master from afar ({@code godfs admin ...}): {@link AdminUseCase} as a
 * remote client calls it, implemented by the gRPC adapter and driven by the CLI. It names no
 * caller: the master knows who calls from the connection. Refusals come back as the master gave
 * them.
 */
public interface AdminClient {

  /** Every chunkserver the master knows, live or dead, by id. */
  List<NodeReport> nodes();

  /** The health of every file at or under {@code path}. */
  Outcome<FsckReport> fsck(DfsPath path);

  /**
   * Starts draining a chunkserver: it takes no new replicas and its replicas are copied elsewhere;
   * once every chunk it holds has its copies on other nodes it is DECOMMISSIONED (safe to remove).
   */
  Outcome<NodeReport> decommission(NodeId node);

  SafeModeStatus safeMode();

  /** Enters (held until an operator leaves) or leaves safe mode. */
  SafeModeStatus setSafeMode(boolean on);

  /** The masters of the metadata group; refused when the metadata is not replicated. */
  Outcome<List<MasterInfo>> masters();

  Outcome<List<MasterInfo>> addMaster(MasterInfo master);

  /** Refuses to leave fewer than three masters (a group that could not lose one). */
  Outcome<List<MasterInfo>> removeMaster(String id);

  /** The cluster's figures, from the leading master ({@code godfs admin top}). */
  ClusterFigures clusterFigures();

  /**
   * The leading master's most recent repairs, newest first, at most {@code limit} (1 to {@link
   * AdminUseCase#REPAIRS_MAX_LIMIT}) ({@code godfs admin repairs}).
   */
  List<RepairEvent> repairs(int limit);
}
