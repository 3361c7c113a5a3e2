package io.godfs.bootstrap.wiring;

import java.util.Optional;

/** Whether a node is ready for traffic now; when it is not, why (shown by the health endpoint). */
@FunctionalInterface
public interface Readiness {
  Readiness ALWAYS = Optional::empty;

  /** Empty when ready, else the reason it is not. */
  Optional<String> notReadyBecause();
}
