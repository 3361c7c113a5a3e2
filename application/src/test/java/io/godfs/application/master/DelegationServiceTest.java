package io.godfs.application.master;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.application.fake.FakeMetadataStore;
import io.godfs.application.fake.MutableClock;
import io.godfs.application.port.in.DelegationUseCase;
import io.godfs.application.port.out.AccessPolicy;
import io.godfs.application.port.out.CredentialVerifier.Verdict;
import io.godfs.application.shared.DelegationTokenCodec;
import io.godfs.domain.access.AccessRules;
import io.godfs.domain.access.Caller;
import io.godfs.domain.access.Delegation;
import io.godfs.domain.access.DelegationToken;
import io.godfs.domain.access.Grant;
import io.godfs.domain.access.Permission;
import io.godfs.domain.access.Principal;
import io.godfs.domain.chunk.ChunkAccessKey;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.error.Outcome;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.NamespaceQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A master issues delegation tokens to users who hold what they delegate, signs them with keys of
 * its own replicated ring that rotate, and takes a valid token for its issuer, restricted.
 */
class DelegationServiceTest {
  static final DfsPath FILE = DfsPath.of("/data/alice/f");
  final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  final FakeMetadataStore store = new FakeMetadataStore();
  final AccessRules rules =
      AccessRules.of(
          List.of(
              new Grant(
                  new Grant.User("alice"), DfsPath.of("/data/alice"), Set.of(Permission.READ))));
  final MasterServices master =
      MasterServices.create(
          store,
          clock,
          new MasterSettings(1 << 20, 2, Duration.ofSeconds(30), Duration.ofSeconds(2)),
          new Random(1),
          AccessPolicy.fixed(rules),
          ChunkTokenSettings.OFF,
          new Random(2));
  final Caller alice = Caller.of(Principal.user("alice", Set.of(), Set.of()), "test");
  final Caller bob = Caller.of(Principal.user("bob", Set.of(), Set.of()), "test");

  DelegationUseCase.Issued issue(Caller caller, Delegation.Operation op, Duration lifetime) {
    return master
        .delegations()
        .issue(caller, FILE, op, op == Delegation.Operation.READ ? -1 : 3, lifetime)
        .orThrow();
  }

  @Test
  void aTokenActsAsItsIssuerForItsFileOnly() {
    DelegationUseCase.Issued issued = issue(alice, Delegation.Operation.READ, Duration.ofHours(1));
    assertThat(issued.expires()).isEqualTo(clock.instant().plus(Duration.ofHours(1)));
    Verdict verdict = master.delegationTokens().verify(issued.token());
    assertThat(verdict).isInstanceOf(Verdict.Accepted.class);
    Principal holder = ((Verdict.Accepted) verdict).principal();
    assertThat(holder)
        .isEqualTo(
            new Principal.Delegated(
                (Principal.User) alice.principal(), Delegation.read(FILE, issued.expires())));
    assertThat(master.delegationTokens().verify("godfs_apikey"))
        .isInstanceOf(Verdict.NotMine.class);
    // So a refused API key's message does not list delegation tokens among what it could be.
    assertThat(master.delegationTokens().couldBe("godfs_apikey")).isFalse();
    assertThat(master.delegationTokens().couldBe(issued.token())).isTrue();

    clock.advance(Duration.ofHours(1));
    assertThat(master.delegationTokens().verify(issued.token()))
        .isEqualTo(new Verdict.Refused("delegation token expired at " + issued.expires()));
  }

  @Test
  void onlyWhatTheCallerHoldsNowIsDelegated() {
    assertThat(
            refusal(
                master
                    .delegations()
                    .issue(bob, FILE, Delegation.Operation.READ, -1, Duration.ofHours(1))))
        .isEqualTo("permission denied: bob lacks 'read' on /data/alice/f (holds there: none)");
    assertThat(
            refusal(
                master
                    .delegations()
                    .issue(alice, FILE, Delegation.Operation.WRITE, 3, Duration.ofHours(1))))
        .contains("alice lacks 'write' on /data/alice/f");
    assertThat(
            refusal(
                master
                    .delegations()
                    .issue(alice, FILE, Delegation.Operation.READ, -1, Duration.ofDays(8))))
        .contains("expected: 1 to 604800");
    Caller holder =
        Caller.of(
            new Principal.Delegated(
                (Principal.User) alice.principal(),
                Delegation.read(FILE, clock.instant().plusSeconds(60))),
            "test");
    assertThat(
            refusal(
                master
                    .delegations()
                    .issue(holder, FILE, Delegation.Operation.READ, -1, Duration.ofHours(1))))
        .contains("a delegation token cannot issue another");
    assertThat(
            refusal(
                master
                    .delegations()
                    .issue(
                        Caller.of(Principal.ANONYMOUS, "t"),
                        FILE,
                        Delegation.Operation.READ,
                        -1,
                        Duration.ofHours(1))))
        .contains("only a user");
  }

  @Test
  void withSecurityOffNoTokenIsIssued() {
    MasterServices open =
        MasterServices.create(
            new FakeMetadataStore(),
            clock,
            new MasterSettings(1 << 20, 2, Duration.ofSeconds(30), Duration.ofSeconds(2)),
            new Random(1));
    Outcome<DelegationUseCase.Issued> refused =
        open.delegations().issue(alice, FILE, Delegation.Operation.READ, -1, Duration.ofHours(1));
    assertThat(((Outcome.Rejected<DelegationUseCase.Issued>) refused).error().code())
        .isEqualTo(ErrorCode.CONFLICT);
  }

  @Test
  void keysRotateDailyAndTokensOfOldKeysStayValidForSevenDays() {
    DelegationUseCase.Issued first = issue(alice, Delegation.Operation.READ, Duration.ofDays(7));
    assertThat(first.expires()).isEqualTo(clock.instant().plus(Duration.ofDays(7)));
    clock.advance(Duration.ofDays(1));
    DelegationUseCase.Issued second = issue(alice, Delegation.Operation.READ, Duration.ofDays(7));
    assertThat(second.keyId()).isEqualTo(first.keyId() + 1);
    assertThat(store.query(new NamespaceQuery.DelegationKeys()).orThrow()).hasSize(2);
    // Chunk keys are another ring: delegation keys never reach a chunkserver.
    assertThat(store.query(new NamespaceQuery.ChunkAccessKeys()).orThrow()).isEmpty();
    clock.advance(Duration.ofDays(6).minusSeconds(1));
    assertThat(master.delegationTokens().verify(first.token()))
        .isInstanceOf(Verdict.Accepted.class);
    clock.advance(Duration.ofSeconds(1));
    assertThat(master.delegationTokens().verify(first.token())).isInstanceOf(Verdict.Refused.class);
    assertThat(master.delegationTokens().verify(second.token()))
        .isInstanceOf(Verdict.Accepted.class);
  }

  @Test
  void anotherMastersKeyIsFoundByReadingTheRingAgain() {
    MasterServices other =
        MasterServices.create(
            store,
            clock,
            new MasterSettings(1 << 20, 2, Duration.ofSeconds(30), Duration.ofSeconds(2)),
            new Random(1),
            AccessPolicy.fixed(rules),
            ChunkTokenSettings.OFF,
            new Random(3));
    // It read the ring while it was empty...
    String forged =
        DelegationTokenCodec.sign(
            new DelegationToken(
                1,
                (Principal.User) alice.principal(),
                Delegation.read(FILE, clock.instant().plusSeconds(60))),
            new ChunkAccessKey(1, new byte[32], clock.instant(), clock.instant().plusSeconds(600)));
    assertThat(other.delegationTokens().verify(forged)).isInstanceOf(Verdict.Refused.class);
    // ...so a key made since is unknown to it until it reads again, at most once a second.
    String token = issue(alice, Delegation.Operation.READ, Duration.ofHours(1)).token();
    assertThat(other.delegationTokens().verify(token)).isInstanceOf(Verdict.Refused.class);
    clock.advance(Duration.ofSeconds(2));
    assertThat(other.delegationTokens().verify(token)).isInstanceOf(Verdict.Accepted.class);
    assertThat(other.delegationTokens().verify(forged))
        .isEqualTo(
            new Verdict.Refused(
                "delegation token signature does not verify (tampered with, or not issued here)"));
  }

  private static String refusal(Outcome<DelegationUseCase.Issued> outcome) {
    assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
    return ((Outcome.Rejected<DelegationUseCase.Issued>) outcome).error().message();
  }
}
