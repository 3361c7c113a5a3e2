package io.godfs.application.master;

import io.godfs.domain.access.Caller;

/** The caller of what this master does on its own: healing, lease recovery, decommissioning. */
final class MasterSelf {
  static final Caller CALLER = Caller.master("self");

  private MasterSelf() {}
}
