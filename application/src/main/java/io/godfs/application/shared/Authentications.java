package io.godfs.application.shared;

import io.godfs.application.port.in.AuthenticationUseCase;
import io.godfs.application.port.out.CredentialVerifier;
import java.util.List;

/** Builds the authentication every front end asks before a call reaches a use case. */
public final class Authentications {
  private Authentications() {}

  /**
   * Security on: every call must present a credential one of {@code verifiers} accepts (an
   * IllegalArgumentException when there is none to accept).
   */
  public static AuthenticationUseCase enforcing(List<CredentialVerifier> verifiers) {
    return AuthenticationService.enforcing(verifiers);
  }

  /** Security off: anyone may call; a valid credential still names its holder. */
  public static AuthenticationUseCase off(List<CredentialVerifier> verifiers) {
    return AuthenticationService.off(verifiers);
  }
}
