package io.godfs.domain.authority;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.error.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuthorityStateTest {
  static final Instant T0 = Instant.parse("2026-12-05T00:00:00Z");
  static final AuthorityKeys KEYS = new AuthorityKeys(new byte[] {1}, new byte[] {2}, T0);

  AuthorityState state;
  JoinTokenText text;

  @BeforeEach
  void withAuthority() {
    state = AuthorityState.empty();
    state.install(KEYS);
    text = new JoinTokenText("A".repeat(43), "0".repeat(64));
  }

  Outcome<Long> add(NodeRole role, Duration ttl) {
    return new AuthorityCommand.AddJoinToken(
            new JoinToken(text.hash(), role, Optional.empty(), T0.plus(ttl), Optional.empty()), T0)
        .applyTo(state);
  }

  Outcome<JoinGrant> use(String hash, NodeRole role, Instant at) {
    return new AuthorityCommand.UseJoinToken(hash, role, at).applyTo(state);
  }

  static String refusal(Outcome<?> outcome) {
    assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
    Outcome.Rejected<?> r = (Outcome.Rejected<?>) outcome;
    assertThat(r.error().code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
    return r.error().message();
  }

  @Test
  void aTokenWorksOnceThenSaysWhenItWasUsed() {
    add(NodeRole.CHUNKSERVER, Duration.ofHours(1));
    assertThat(use(text.hash(), NodeRole.CHUNKSERVER, T0.plusSeconds(5)))
        .isEqualTo(Outcome.ok(new JoinGrant(NodeRole.CHUNKSERVER, Optional.empty())));
    assertThat(refusal(use(text.hash(), NodeRole.CHUNKSERVER, T0.plusSeconds(6))))
        .isEqualTo("join token already used at " + T0.plusSeconds(5));
  }

  @Test
  void anExpiredTokenIsRefusedNamingWhenItExpired() {
    add(NodeRole.CHUNKSERVER, Duration.ofMinutes(5));
    assertThat(refusal(use(text.hash(), NodeRole.CHUNKSERVER, T0.plus(Duration.ofMinutes(5)))))
        .isEqualTo("join token expired at " + T0.plus(Duration.ofMinutes(5)));
    // Long after, it is forgotten: the state does not grow with old tokens.
    assertThat(refusal(use(text.hash(), NodeRole.CHUNKSERVER, T0.plus(Duration.ofDays(2)))))
        .startsWith("unknown join token");
    assertThat(state.tokens()).isEmpty();
  }

  @Test
  void aTokenForAnotherRoleIsRefusedAndNotUsedUp() {
    add(NodeRole.CLIENT, Duration.ofHours(1));
    assertThat(refusal(use(text.hash(), NodeRole.MASTER, T0.plusSeconds(1))))
        .isEqualTo("join token admits a client, not a master");
    assertThat(use(text.hash(), NodeRole.CLIENT, T0.plusSeconds(2))).isInstanceOf(Outcome.Ok.class);
  }

  @Test
  void aTamperedTokenIsUnknown() {
    add(NodeRole.CHUNKSERVER, Duration.ofHours(1));
    JoinTokenText otherSecret = new JoinTokenText("B" + "A".repeat(42), text.caFingerprint());
    JoinTokenText otherCa = new JoinTokenText(text.secret(), "1" + "0".repeat(63));
    assertThat(refusal(use(otherSecret.hash(), NodeRole.CHUNKSERVER, T0)))
        .startsWith("unknown join token");
    assertThat(refusal(use(otherCa.hash(), NodeRole.CHUNKSERVER, T0)))
        .startsWith("unknown join token");
  }

  @Test
  void noTokenWithoutAnAuthorityNorOneThatIsAlreadyExpired() {
    AuthorityState none = AuthorityState.empty();
    assertThat(
            new AuthorityCommand.AddJoinToken(
                    new JoinToken(
                        text.hash(),
                        NodeRole.MASTER,
                        Optional.empty(),
                        T0.plusSeconds(60),
                        Optional.empty()),
                    T0)
                .applyTo(none))
        .isInstanceOf(Outcome.Rejected.class);
    assertThat(add(NodeRole.MASTER, Duration.ZERO)).isInstanceOf(Outcome.Rejected.class);
  }

  @Test
  void theFirstInstalledKeysStay() {
    AuthorityKeys other = new AuthorityKeys(new byte[] {9}, new byte[] {9}, T0);
    assertThat(new AuthorityCommand.Install(other, T0).applyTo(state)).isEqualTo(Outcome.ok(KEYS));
    assertThat(state.keys()).contains(KEYS);
  }

  @Test
  void tokenTextParsesAndNeverEchoesWhatItRefuses() {
    assertThat(JoinTokenText.parse(" " + text + "\n")).isEqualTo(text);
    assertThatThrownBy(() -> JoinTokenText.parse("godfs_secret-api-key"))
        .hasMessage("not a join token (expected godfs-join.<secret>.<CA SHA-256>)");
    assertThat(KEYS.toString()).doesNotContain("privateKey=[");
  }
}
