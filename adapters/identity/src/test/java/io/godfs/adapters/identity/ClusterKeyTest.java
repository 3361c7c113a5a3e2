package io.godfs.adapters.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godfs.application.port.out.CredentialVerifier.Verdict;
import io.godfs.domain.access.Principal;
import org.junit.jupiter.api.Test;

class ClusterKeyTest {
  @Test
  void theKeyNamesTheClusterAndNothingElseDoes() {
    ClusterKey key = ClusterKey.of("0123456789abcdef0123");
    assertThat(key.verify("0123456789abcdef0123"))
        .isEqualTo(new Verdict.Accepted(new Principal.Cluster()));
    assertThat(key.verify("0123456789abcdef0124")).isEqualTo(new Verdict.NotMine());
  }

  @Test
  void aShortKeyIsRefusedWithoutShowingIt() {
    assertThatThrownBy(() -> ClusterKey.of("hunter2"))
        .hasMessage(
            "GODFS_CLUSTER_KEY has 7 characters (expected: at least 16, e.g. openssl rand -hex 32)")
        .message()
        .doesNotContain("hunter2");
  }
}
