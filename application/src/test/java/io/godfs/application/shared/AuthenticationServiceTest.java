package io.godfs.application.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godfs.application.port.out.CredentialVerifier;
import io.godfs.domain.access.Principal;
import io.godfs.domain.access.Role;
import io.godfs.domain.error.DfsError;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.error.Outcome;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuthenticationServiceTest {
  private static final Principal.User ALICE = Principal.user("alice", Set.of(), Set.of(Role.READ));

  /** Knows one key, refuses anything starting with "expired", ignores the rest. */
  private static final CredentialVerifier KEYS =
      new CredentialVerifier() {
        private final Map<String, Principal> known = Map.of("k-alice", ALICE);

        @Override
        public Verdict verify(String bearer) {
          if (known.containsKey(bearer)) {
            return new Verdict.Accepted(known.get(bearer));
          }
          return bearer.startsWith("expired")
              ? new Verdict.Refused("token expired at 2026-12-01T00:00:00Z")
              : new Verdict.NotMine();
        }

        @Override
        public String describe() {
          return "test keys";
        }
      };

  /** Refuses every bearer shaped like its tokens ("tok." first); any other is not one. */
  private static final CredentialVerifier TOKENS =
      new CredentialVerifier() {
        @Override
        public Verdict verify(String bearer) {
          return couldBe(bearer) ? new Verdict.Refused("unknown token") : new Verdict.NotMine();
        }

        @Override
        public String describe() {
          return "test tokens";
        }

        @Override
        public boolean couldBe(String bearer) {
          return bearer.startsWith("tok.");
        }
      };

  /** The refusal's message, after checking it is UNAUTHENTICATED. */
  private static String unauthenticated(Outcome<Principal> outcome) {
    assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
    DfsError error = ((Outcome.Rejected<Principal>) outcome).error();
    assertThat(error.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
    return error.message();
  }

  private final AuthenticationService on = AuthenticationService.enforcing(List.of(KEYS));
  private final AuthenticationService off = AuthenticationService.off(List.of(KEYS));

  @Test
  void aKnownCredentialNamesItsHolderWithSecurityOnOrOff() {
    assertThat(on.authenticate(Optional.of("k-alice")).orThrow()).isEqualTo(ALICE);
    assertThat(off.authenticate(Optional.of(" k-alice ")).orThrow()).isEqualTo(ALICE);
    assertThat(on.enforced()).isTrue();
    assertThat(off.enforced()).isFalse();
  }

  @Test
  void withSecurityOnAMissingOrUnknownCredentialIsRefusedSayingWhyButNotWhatWasSent() {
    assertThat(unauthenticated(on.authenticate(Optional.empty())))
        .startsWith("unauthenticated: no credential: send 'Authorization: Bearer");
    assertThat(unauthenticated(on.authenticate(Optional.of("expired-token-xyz"))))
        .isEqualTo("unauthenticated: token expired at 2026-12-01T00:00:00Z");
    String unknown = unauthenticated(on.authenticate(Optional.of("guess-123")));
    assertThat(unknown)
        .isEqualTo("unauthenticated: the credential matches none of: test keys")
        .doesNotContain("guess-123");
    assertThat(unauthenticated(on.authenticate(Optional.of("x".repeat(20_000)))))
        .contains("20000 characters (expected: at most 16384)");
  }

  @Test
  void anUnknownCredentialsRefusalListsOnlyTheKindsItCouldHaveBeen() {
    AuthenticationService tokensAndKeys = AuthenticationService.enforcing(List.of(TOKENS, KEYS));
    assertThat(unauthenticated(tokensAndKeys.authenticate(Optional.of("guess-123"))))
        .isEqualTo("unauthenticated: the credential matches none of: test keys");
    assertThat(unauthenticated(tokensAndKeys.authenticate(Optional.of("tok.guess"))))
        .isEqualTo("unauthenticated: unknown token");
  }

  @Test
  void withSecurityOffAnyoneElseIsAnonymous() {
    assertThat(off.authenticate(Optional.empty()).orThrow()).isEqualTo(Principal.ANONYMOUS);
    assertThat(off.authenticate(Optional.of("guess-123")).orThrow()).isEqualTo(Principal.ANONYMOUS);
    assertThat(off.authenticate(Optional.of("expired-1")).orThrow()).isEqualTo(Principal.ANONYMOUS);
  }

  @Test
  void securityOnWithoutAnyCredentialSourceIsAMistakeCaughtAtStart() {
    assertThatThrownBy(() -> AuthenticationService.enforcing(List.of()))
        .hasMessageContaining("security is on but no credential is configured");
  }
}
