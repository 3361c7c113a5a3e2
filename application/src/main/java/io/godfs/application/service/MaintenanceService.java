package io.godfs.application.service;

import io.godfs.application.port.in.MasterMaintenanceUseCase;

/** One round of the master's background duties. */
final class MaintenanceService implements MasterMaintenanceUseCase {
  private final LeaseRecovery leases;

  MaintenanceService(LeaseRecovery leases) {
    this.leases = leases;
  }

  @Override
  public void runOnce() {
    leases.recoverExpired();
  }
}
