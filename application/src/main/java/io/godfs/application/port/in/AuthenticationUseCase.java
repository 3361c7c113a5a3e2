package io.godfs.application.port.in;

import io.godfs.domain.access.Principal;
import io.godfs.domain.error.Outcome;
import java.util.Optional;

/**
 * Who presents a credential. Every front end (gRPC, REST, the mount's client) asks it before a call
 * reaches a use case, and passes the principal on in the call's {@link
 * io.godfs.domain.access.Caller}.
 */
public interface AuthenticationUseCase {

  /**
   * The principal {@code bearer} names (the value of {@code Authorization: Bearer ...}, empty when
   * the caller sent none), or UNAUTHENTICATED saying what was wrong without repeating the secret.
   * With security off, a caller without a credential is {@link Principal#ANONYMOUS}.
   */
  Outcome<Principal> authenticate(Optional<String> bearer);

  /** Whether callers must authenticate (security on). */
  boolean enforced();
}
