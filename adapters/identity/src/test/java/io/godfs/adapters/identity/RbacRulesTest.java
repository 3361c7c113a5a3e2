package io.godfs.adapters.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godfs.domain.access.Grant;
import io.godfs.domain.access.Permission;
import io.godfs.domain.file.DfsPath;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RbacRulesTest {
  @Test
  void theSeedsRulesBecomeGrants() {
    assertThat(
            RbacRules.parse(
                """
                [{"principal": "alice", "path_prefix": "/data/alice/**", "permissions": ["read", "write"]},
                 {"principal": "group:eng", "path_prefix": "/shared/", "permissions": ["read"]},
                 {"principal": "*", "permissions": ["read"]}]
                """))
        .containsExactly(
            new Grant(
                new Grant.User("alice"),
                DfsPath.of("/data/alice"),
                Set.of(Permission.READ, Permission.WRITE)),
            new Grant(new Grant.Group("eng"), DfsPath.of("/shared"), Set.of(Permission.READ)),
            new Grant(new Grant.Everyone(), DfsPath.ROOT, Set.of(Permission.READ)));
  }

  @Test
  void aMistakeNamesTheRuleAndTheField() {
    assertThatThrownBy(() -> RbacRules.parse("{\"principal\": \"a\"}"))
        .hasMessageStartingWith("GODFS_RBAC_JSON is not a JSON array of rules");
    assertThatThrownBy(() -> RbacRules.parse("[{\"principal\": \"a\""))
        .hasMessageStartingWith("GODFS_RBAC_JSON is not JSON");
    assertThatThrownBy(
            () -> RbacRules.parse("[{\"principal\": \"a\", \"permissions\": [\"read\"]}, {}]"))
        .hasMessage("GODFS_RBAC_JSON rule 2: principal is missing or not a string");
    assertThatThrownBy(
            () -> RbacRules.parse("[{\"principal\": \"a\", \"permissions\": [\"fly\"]}]"))
        .hasMessageContaining("rule 1: permission 'fly' is unknown");
    assertThatThrownBy(
            () ->
                RbacRules.parse(
                    "[{\"principal\": \"a\", \"path_prefix\": \"data\", \"permissions\": []}]"))
        .hasMessageContaining("rule 1: path_prefix: path 'data' is not absolute");
    assertThatThrownBy(() -> RbacRules.parse("[{\"principal\": \"a\"}]"))
        .hasMessageContaining("rule 1: permissions is missing or not an array");
  }
}
