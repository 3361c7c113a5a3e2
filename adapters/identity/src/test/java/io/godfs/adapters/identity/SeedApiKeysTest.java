package io.godfs.adapters.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.application.port.out.CredentialVerifier.Verdict;
import io.godfs.domain.access.Principal;
import io.godfs.domain.access.Role;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SeedApiKeysTest {
  @Test
  void eachKeyNamesItsUserWithTheRolesTheWiringGives() {
    SeedApiKeys keys =
        SeedApiKeys.of(
            Map.of("key-one-0123456789", "alice", "key-two-0123456789", "bob"), Set.of(Role.ADMIN));
    assertThat(keys.verify("key-two-0123456789"))
        .isEqualTo(new Verdict.Accepted(Principal.user("bob", Set.of(), Set.of(Role.ADMIN))));
    assertThat(keys.verify("key-three-0123456789")).isEqualTo(new Verdict.NotMine());
    assertThat(keys.describe()).isEqualTo("the API keys of GODFS_API_KEYS");
  }
}
