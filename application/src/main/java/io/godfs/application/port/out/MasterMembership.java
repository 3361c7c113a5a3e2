package io.godfs.application.port.out;

import io.godfs.domain.error.Outcome;
import io.godfs.domain.node.MasterInfo;
import java.util.List;

/** The masters of a replicated metadata group, and changes to it (run on the leader). */
public interface MasterMembership {
  /** Fewer masters than this cannot lose one and keep a quorum: removals below it are refused. */
  int QUORUM_SAFE_SIZE = 3;

  List<MasterInfo> masters();

  /**
   * Adds a started master (running with no group yet) as a voter; it catches up from the leader.
   */
  Outcome<List<MasterInfo>> add(MasterInfo master);

  /** Removes a master, refusing to leave fewer than {@link #QUORUM_SAFE_SIZE}. */
  Outcome<List<MasterInfo>> remove(String id);
}
