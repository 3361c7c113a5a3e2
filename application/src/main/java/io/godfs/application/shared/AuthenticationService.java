package io.godfs.application.shared;

import io.godfs.application.port.in.AuthenticationUseCase;
import io.godfs.application.port.out.CredentialVerifier;
import io.godfs.application.port.out.CredentialVerifier.Verdict;
import io.godfs.domain.access.Principal;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.error.Outcome;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Asks each verifier in turn; the first that knows the credential decides. With security off, a
 * caller is anonymous unless its credential is valid, which still names it (so the audit log says
 * who it was); a bad one is ignored, as the seed's open cluster ignores it.
 */
final class AuthenticationService implements AuthenticationUseCase {
  /** The longest bearer value read: longer ones are refused before any verifier sees them. */
  static final int MAX_BEARER_CHARS = 16 * 1024;

  private final List<CredentialVerifier> verifiers;
  private final boolean enforced;

  private AuthenticationService(List<CredentialVerifier> verifiers, boolean enforced) {
    this.verifiers = List.copyOf(verifiers);
    this.enforced = enforced;
  }

  /** Security on: every call must present a credential one of {@code verifiers} accepts. */
  static AuthenticationService enforcing(List<CredentialVerifier> verifiers) {
    if (verifiers.isEmpty()) {
      throw new IllegalArgumentException(
          "security is on but no credential is configured: set an API keys file or a token issuer,"
              + " or switch security off");
    }
    return new AuthenticationService(verifiers, true);
  }

  /** Security off: anyone may call; a valid credential still names its holder. */
  static AuthenticationService off(List<CredentialVerifier> verifiers) {
    return new AuthenticationService(verifiers, false);
  }

  @Override
  public boolean enforced() {
    return enforced;
  }

  @Override
  public Outcome<Principal> authenticate(Optional<String> bearer) {
    if (bearer.isEmpty() || bearer.get().isBlank()) {
      return enforced
          ? unauthenticated(
              "no credential: send 'Authorization: Bearer <API key>' (the CLI, the SDK and the"
                  + " mount send GODFS_CLIENT_API_KEY)")
          : Outcome.ok(Principal.ANONYMOUS);
    }
    String presented = bearer.get().strip();
    if (presented.length() > MAX_BEARER_CHARS) {
      return unauthenticated(
          "credential of "
              + presented.length()
              + " characters (expected: at most "
              + MAX_BEARER_CHARS
              + ")");
    }
    for (CredentialVerifier verifier : verifiers) {
      switch (verifier.verify(presented)) {
        case Verdict.Accepted a -> {
          return Outcome.ok(a.principal());
        }
        case Verdict.Refused r -> {
          return enforced ? unauthenticated(r.reason()) : Outcome.ok(Principal.ANONYMOUS);
        }
        case Verdict.NotMine n -> {}
      }
    }
    if (!enforced) {
      return Outcome.ok(
          Principal.ANONYMOUS); // the seed's open cluster ignores what it cannot check
    }
    return unauthenticated(
        "the credential matches none of: "
            + verifiers.stream()
                .filter(verifier -> verifier.couldBe(presented))
                .map(CredentialVerifier::describe)
                .collect(Collectors.joining(", ")));
  }

  private static Outcome<Principal> unauthenticated(String reason) {
    return Outcome.rejected(ErrorCode.UNAUTHENTICATED, "unauthenticated: " + reason);
  }
}
