package io.godfs.domain.access;

import static io.godfs.domain.Outcomes.ok;
import static io.godfs.domain.Outcomes.rejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.node.NodeId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessRulesTest {
  private static final Principal.User ALICE = Principal.user("alice", Set.of("eng"), Set.of());
  private static final Principal.User READER = Principal.user("rita", Set.of(), Set.of(Role.READ));
  private static final Principal.User OUTSIDER = Principal.user("olaf", Set.of(), Set.of());
  private static final Principal.User ADMIN = Principal.user("root", Set.of(), Set.of(Role.ADMIN));

  private static DfsPath p(String raw) {
    return DfsPath.of(raw);
  }

  private static Grant grant(String subject, String under, Permission... permissions) {
    return new Grant(Grant.Subject.parse(subject), p(under), Set.of(permissions));
  }

  private final AccessRules rules =
      AccessRules.of(
          List.of(
              grant("alice", "/data/alice", Permission.READ, Permission.WRITE, Permission.DELETE),
              grant("group:eng", "/shared", Permission.READ),
              grant("*", "/public", Permission.READ),
              grant("*", "/public/drafts")));

  @Test
  void aPathGrantCoversItsDirectoryAndEverythingBelowButNotItsSiblings() {
    ok(rules.check(ALICE, Permission.WRITE, p("/data/alice")));
    ok(rules.check(ALICE, Permission.WRITE, p("/data/alice/deep/file")));
    String denied =
        rejected(
                rules.check(ALICE, Permission.WRITE, p("/data/alice2/file")),
                ErrorCode.PERMISSION_DENIED)
            .message();
    assertThat(denied).contains("alice", "'write'", "/data/alice2/file", "holds there: none");
    rejected(rules.check(ALICE, Permission.WRITE, p("/data")), ErrorCode.PERMISSION_DENIED);
  }

  @Test
  void eachUserOwnsItsUploadAreaAndNoOneElses() {
    ok(rules.check(OUTSIDER, Permission.WRITE, p("/.godfs/users/olaf/tmp/staged-1")));
    ok(rules.check(OUTSIDER, Permission.DELETE, p("/.godfs/users/olaf/uploads/u1/part-00001")));
    ok(rules.check(OUTSIDER, Permission.READ, p("/.godfs/users/olaf")));
    rejected(
        rules.check(OUTSIDER, Permission.READ, p("/.godfs/users/alice/uploads/u1")),
        ErrorCode.PERMISSION_DENIED);
    rejected(
        rules.check(OUTSIDER, Permission.WRITE, p("/.godfs/users/olafx/tmp/f")),
        ErrorCode.PERMISSION_DENIED);
    rejected(
        rules.check(OUTSIDER, Permission.READ, p("/.godfs/users")), ErrorCode.PERMISSION_DENIED);
    rejected(
        rules.check(OUTSIDER, Permission.WRITE, p("/.godfs/tmp/olaf")),
        ErrorCode.PERMISSION_DENIED);
    assertThat(UploadAreas.of("a/b")).isEmpty();
    assertThat(UploadAreas.of("..")).isEmpty();
  }

  @Test
  void groupsAndEveryoneGrantByMembership() {
    ok(rules.check(ALICE, Permission.READ, p("/shared/report")));
    rejected(
        rules.check(OUTSIDER, Permission.READ, p("/shared/report")), ErrorCode.PERMISSION_DENIED);
    ok(rules.check(OUTSIDER, Permission.READ, p("/public/index.html")));
    String denied =
        rejected(
                rules.check(ALICE, Permission.WRITE, p("/shared/report")),
                ErrorCode.PERMISSION_DENIED)
            .message();
    assertThat(denied).contains("holds there: read");
  }

  @Test
  void aDeeperGrantReplacesAShallowerOne() {
    rejected(
        rules.check(ALICE, Permission.READ, p("/public/drafts/plan")), ErrorCode.PERMISSION_DENIED);
    ok(rules.check(ALICE, Permission.READ, p("/public/final")));
  }

  @Test
  void aReadOnlyRoleReadsEverywhereAndNothingElse() {
    ok(rules.check(READER, Permission.READ, p("/data/alice/file")));
    for (Permission p : List.of(Permission.WRITE, Permission.DELETE, Permission.ADMIN)) {
      String denied =
          rejected(rules.check(READER, p, DfsPath.ROOT), ErrorCode.PERMISSION_DENIED).message();
      assertThat(denied).contains("rita lacks '" + p.label() + "'");
    }
  }

  @Test
  void adminImpliesEveryUserPermissionButNotThatOfANode() {
    assertThat(rules.permissionsAt(ADMIN, p("/anything")))
        .containsExactlyInAnyOrder(
            Permission.READ, Permission.WRITE, Permission.DELETE, Permission.ADMIN);
    Principal.User adminByGrant = Principal.user("carol", Set.of(), Set.of());
    AccessRules withAdminGrant = AccessRules.of(List.of(grant("carol", "/", Permission.ADMIN)));
    ok(withAdminGrant.check(adminByGrant, Permission.DELETE, p("/x")));
    rejected(
        withAdminGrant.check(adminByGrant, Permission.NODE, DfsPath.ROOT),
        ErrorCode.PERMISSION_DENIED);
  }

  @Test
  void chunkserversHoldOnlyTheNodePermissionAndMastersHoldEverything() {
    Principal node = new Principal.Chunkserver(new NodeId("cs-1"));
    ok(rules.check(node, Permission.NODE, DfsPath.ROOT));
    String denied =
        rejected(rules.check(node, Permission.READ, p("/f")), ErrorCode.PERMISSION_DENIED)
            .message();
    assertThat(denied).contains("chunkserver:cs-1 lacks 'read' on /f (holds there: node)");
    assertThat(rules.permissionsAt(new Principal.Master("m1"), p("/f")))
        .isEqualTo(EnumSet.allOf(Permission.class));
  }

  @Test
  void anonymousMayDoEverythingWithSecurityOffAndNothingWithItOn() {
    assertThat(AccessRules.off().permissionsAt(Principal.ANONYMOUS, p("/f")))
        .isEqualTo(EnumSet.allOf(Permission.class));
    String denied =
        rejected(
                rules.check(Principal.ANONYMOUS, Permission.READ, p("/public/x")),
                ErrorCode.PERMISSION_DENIED)
            .message();
    assertThat(denied).contains("anonymous lacks 'read'");
    assertThat(rules.enforced()).isTrue();
    assertThat(AccessRules.off().enforced()).isFalse();
  }

  @Test
  void adminAndNodeRefusalsNameNoPath() {
    String denied =
        rejected(rules.check(ALICE, Permission.ADMIN, DfsPath.ROOT), ErrorCode.PERMISSION_DENIED)
            .message();
    assertThat(denied).isEqualTo("permission denied: alice lacks 'admin' (holds there: none)");
  }

  @Test
  void namesAndPermissionsAreCheckedWhereTheyAreMade() {
    assertThatThrownBy(() -> Principal.user("", Set.of(), Set.of()))
        .hasMessageContaining("user name has 0 characters");
    assertThatThrownBy(() -> Principal.user("a b", Set.of(), Set.of()))
        .hasMessageContaining("user name contains spaces");
    assertThatThrownBy(() -> Principal.user("x".repeat(257), Set.of(), Set.of()))
        .hasMessageContaining("expected: 1 to 256");
    assertThatThrownBy(() -> Principal.user("bob", Set.of("bad\ngroup"), Set.of()))
        .hasMessageContaining("group name contains");
    assertThatThrownBy(() -> Permission.parse("execute"))
        .hasMessage(
            "permission 'execute' is unknown (expected: read, write, delete, admin or node)");
    assertThatThrownBy(() -> Role.parse("root"))
        .hasMessage("role 'root' is unknown (expected: read, write or admin)");
    assertThatThrownBy(() -> grant("bob", "/x", Permission.NODE))
        .hasMessageContaining("'node' belongs to chunkserver identities only");
    assertThat(Grant.Subject.parse(" group:eng ")).isEqualTo(new Grant.Group("eng"));
    assertThat(Grant.Subject.parse("*")).isEqualTo(new Grant.Everyone());
    assertThat(Permission.parse(" Write ")).isEqualTo(Permission.WRITE);
  }
}
