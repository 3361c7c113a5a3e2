package io.godfs.domain.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.error.Outcome;
import io.godfs.domain.file.DfsPath;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A delegation token's holder acts as its issuer, but only on the token's file and for its
 * operation, and only while the issuer still holds that permission.
 */
class DelegatedAccessTest {
  static final Instant LATER = Instant.parse("2030-01-01T00:00:00Z");
  final Principal.User alice = Principal.user("alice", Set.of(), Set.of());
  final AccessRules rules =
      AccessRules.of(
          List.of(
              new Grant(
                  new Grant.User("alice"),
                  DfsPath.of("/data/alice"),
                  Set.of(Permission.READ, Permission.WRITE, Permission.DELETE))));

  Principal.Delegated reading(String path) {
    return new Principal.Delegated(alice, Delegation.read(DfsPath.of(path), LATER));
  }

  @Test
  void aReadTokenReadsItsFileOnly() {
    Principal.Delegated holder = reading("/data/alice/f");
    assertThat(holder.name()).isEqualTo("alice");
    assertThat(rules.check(holder, Permission.READ, DfsPath.of("/data/alice/f")))
        .isInstanceOf(Outcome.Ok.class);
    assertThat(message(rules.check(holder, Permission.READ, DfsPath.of("/data/alice/g"))))
        .isEqualTo(
            "permission denied: alice's delegation token grants only read of /data/alice/f, not"
                + " 'read' on /data/alice/g");
    assertThat(message(rules.check(holder, Permission.WRITE, DfsPath.of("/data/alice/f"))))
        .contains("grants only read of /data/alice/f, not 'write' on /data/alice/f");
    assertThat(message(rules.check(holder, Permission.DELETE, DfsPath.of("/data/alice/f"))))
        .contains("not 'delete'");
    assertThat(message(rules.check(holder, Permission.ADMIN, DfsPath.ROOT)))
        .endsWith("not 'admin'");
    // Nor the issuer's own upload area: only a write token stages there.
    assertThat(rules.check(holder, Permission.READ, DfsPath.of("/.godfs/users/alice/tmp/x")))
        .isInstanceOf(Outcome.Rejected.class);
  }

  @Test
  void aTokenNeverGivesMoreThanItsIssuerHoldsNow() {
    Principal.Delegated outside = reading("/data/bob/f");
    assertThat(message(rules.check(outside, Permission.READ, DfsPath.of("/data/bob/f"))))
        .contains("alice lacks 'read' on /data/bob/f");
    AccessRules revoked = AccessRules.of(List.of());
    assertThat(
            revoked.check(reading("/data/alice/f"), Permission.READ, DfsPath.of("/data/alice/f")))
        .isInstanceOf(Outcome.Rejected.class);
  }

  @Test
  void aWriteTokenWritesItsFileAndStagesInItsIssuersArea() {
    Principal.Delegated holder =
        new Principal.Delegated(alice, Delegation.write(DfsPath.of("/data/alice/up"), 5, LATER));
    assertThat(rules.permissionsAt(holder, DfsPath.of("/data/alice/up")))
        .containsExactlyInAnyOrder(Permission.READ, Permission.WRITE);
    assertThat(rules.permissionsAt(holder, DfsPath.of("/.godfs/users/alice/tmp/staged-1")))
        .containsExactlyInAnyOrder(Permission.READ, Permission.WRITE, Permission.DELETE);
    assertThat(rules.permissionsAt(holder, DfsPath.of("/.godfs/users/alice/uploads/u1"))).isEmpty();
    assertThat(rules.permissionsAt(holder, DfsPath.of("/data/alice/other"))).isEmpty();
    assertThat(message(rules.check(holder, Permission.DELETE, DfsPath.of("/data/alice/up"))))
        .contains("grants only write of /data/alice/up (5 bytes), not 'delete'");
  }

  @Test
  void withSecurityOffNothingIsChecked() {
    assertThat(AccessRules.off().check(reading("/a"), Permission.WRITE, DfsPath.of("/b")))
        .isInstanceOf(Outcome.Ok.class);
  }

  @Test
  void operationsParseAndLengthsFitThem() {
    assertThat(Delegation.Operation.parse(" WRITE ")).isEqualTo(Delegation.Operation.WRITE);
    assertThatThrownBy(() -> Delegation.Operation.parse("delete"))
        .hasMessageContaining("expected: read or write");
    assertThatThrownBy(
            () -> new Delegation(DfsPath.of("/a"), Delegation.Operation.WRITE, -1, LATER))
        .hasMessageContaining("write token");
  }

  private static String message(Outcome<Void> outcome) {
    assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
    Outcome.Rejected<Void> r = (Outcome.Rejected<Void>) outcome;
    assertThat(r.error().code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
    return r.error().message();
  }
}
