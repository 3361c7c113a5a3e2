package io.godfs.application.port.in;

/**
 * The master's background duties, run by the caller on a schedule (about once a second): lease
 * recovery, and the self-healing work. Each run does a bounded amount of work.
 */
public interface MasterMaintenanceUseCase {

  void runOnce();
}
