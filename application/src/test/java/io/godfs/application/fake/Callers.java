package io.godfs.application.fake;

import io.godfs.domain.access.Caller;
import io.godfs.domain.access.Principal;

/** Callers for tests that call master use cases directly, as an unsecured edge would. */
public final class Callers {
  /** Anonymous, naming no request: what every call is with security off and no request id. */
  public static final Caller ANONYMOUS = Caller.of(Principal.ANONYMOUS, "test");

  private Callers() {}
}
