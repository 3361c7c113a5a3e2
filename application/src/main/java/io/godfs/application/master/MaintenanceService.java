package io.godfs.application.master;

import io.godfs.application.port.in.MasterMaintenanceUseCase;
import io.godfs.application.port.in.RepairEvent;
import java.util.List;

/**
 * One round of the master's background duties: healing (which also evaluates safe mode), then lease
 * recovery, the rotation of chunk token keys, and the trash's purge (ADR 0024).
 */
final class MaintenanceService implements MasterMaintenanceUseCase {
  private final LeaseRecovery leases;
  private final HealingLoop healing;
  private final SafeMode safeMode;
  private final RepairLog log;
  private final ChunkTokenIssuer tokens;
  private final TrashPurge trash;

  MaintenanceService(
      LeaseRecovery leases,
      HealingLoop healing,
      SafeMode safeMode,
      RepairLog log,
      ChunkTokenIssuer tokens,
      TrashPurge trash) {
    this.trash = trash;
    this.tokens = tokens;
    this.leases = leases;
    this.healing = healing;
    this.safeMode = safeMode;
    this.log = log;
  }

  @Override
  public void runOnce() {
    healing.runOnce();
    if (!safeMode.isOn()) {
      // In safe mode the replica map is incomplete: recovery could miss a finished write.
      leases.recoverExpired();
    }
    tokens.rotateIfDue();
    trash.runOnce();
  }

  @Override
  public List<RepairEvent> recentRepairs() {
    return log.recent();
  }
}
