package io.godfs.application.port.in;

import java.util.List;

/**
 * The master's background duties, run by the caller on a schedule (about once a second): safe mode,
 * lease recovery, and the self-healing work. Each run does a bounded amount of work.
 */
public interface MasterMaintenanceUseCase {

  void runOnce();

  /** The healing loop's recent actions, oldest first. */
  List<RepairEvent> recentRepairs();
}
