package io.godfs.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnvironmentCheckTest {
  @Test
  void theCredentialsFileLocationIsKnownToEveryRole() {
    for (Role role : Role.values()) {
      assertThat(EnvironmentCheck.check(role, Map.of("GODFS_CREDENTIALS_FILE", "/tmp/c")))
          .isEmpty();
    }
  }

  @Test
  void goDfsOwnSettingsAndTheToolsVariablesPassWithoutAWord() {
    assertThat(
            EnvironmentCheck.check(
                Role.MASTER,
                Map.of(
                    "GODFS_REPLICATION",
                    "2",
                    "GODFS_MASTER_GRPC_LISTEN",
                    ":9090",
                    "GODFS_DEBUG",
                    "1",
                    "GODFS_JAVA_OPTS",
                    "-Xmx1g",
                    "GODFS_GATEWAY_API_KEYS",
                    "a:0123456789abcdef",
                    "PATH",
                    "/bin")))
        .isEmpty();
  }

  @Test
  void anUnknownVariableIsOneWarningLineNamingItAndTheClosestKnownName() {
    assertThat(
            EnvironmentCheck.check(
                Role.CHUNKSERVER, Map.of("GODFS_REPLICATON", "2", "GODFS_FROBNICATE", "1")))
        .containsExactly(
            "GODFS_FROBNICATE is not a goDFS setting and is ignored",
            "GODFS_REPLICATON is not a goDFS setting and is ignored (did you mean GODFS_REPLICATION?)");
  }

  @ParameterizedTest(name = "{0}={1} on {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      GODFS_GRPC_MAX_MSG_BYTES | 8388608 | GATEWAY     | GODFS_GRPC_MAX_MSG_BYTES is not supported yet
      GODFS_REST_PRESIGN_HMAC_SECRET | s3cret | GATEWAY | GODFS_REST_PRESIGN_HMAC_SECRET is not supported yet: goDFS presigned URLs carry delegation tokens that the masters issue to the caller (GODFS_GATEWAY_PRESIGN_KEYS signs them only for a cluster with security off)
      GODFS_REBALANCE_INTERVAL | 5s      | MASTER      | GODFS_REBALANCE_INTERVAL is not supported yet
      GODFS_REST_MULTIPART_DIR | /tmp/mp | GATEWAY     | GODFS_REST_MULTIPART_DIR is not supported yet
      """)
  void anUnsupportedSeedVariableThatAsksForSomethingStopsTheStartNamingIt(
      String name, String value, Role role, String message) {
    assertThatThrownBy(() -> EnvironmentCheck.check(role, Map.of(name, value)))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(message)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @ParameterizedTest(name = "{0}={1} on {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      GODFS_REST_HTTPS_ENABLED   | 0                  | GATEWAY
      GODFS_REST_HTTPS_ENABLED   | 1                  | CLIENT
      GODFS_REST_HTTPS_ENABLED   | 1                  | GATEWAY
      GODFS_REST_TLS_CERT_FILE   | /etc/godfs/tls.crt | GATEWAY
      GODFS_TLS_ENABLED          | 1                  | MASTER
      GODFS_TLS_CERT_FILE        | /etc/godfs/tls.crt | MASTER
      GODFS_AUDIT_ENABLED        | no                 | CHUNKSERVER
      GODFS_AUDIT_CHUNK          | 1                  | CHUNKSERVER
      GODFS_AUDIT_CHUNK          | 1                  | MASTER
      GODFS_SOFT_DELETE_GRACE    | 0                  | MASTER
      GODFS_SOFT_DELETE_GRACE    | 7d                 | MASTER
      GODFS_GRPC_RATE_LIMIT_RPS  | 0                  | CHUNKSERVER
      GODFS_REBALANCE_INTERVAL   | 5s                 | CHUNKSERVER
      GODFS_REST_MULTIPART_DIR   | /tmp/mp            | MASTER
      GODFS_API_KEYS             | a:0123456789abcdef | GATEWAY
      """)
  void aValueThatAsksForNothingOrAVariableTheRoleNeverReadIsAccepted(
      String name, String value, Role role) {
    assertThat(EnvironmentCheck.check(role, Map.of(name, value))).isEmpty();
  }

  @Test
  void honouredSeedNamesAreSettings() {
    GatewayConfig gateway =
        new ConfigLoader(
                Map.of(
                    "GODFS_REST_MAX_BODY_BYTES",
                    "1MiB",
                    "GODFS_REST_IDLE_TIMEOUT",
                    "2m",
                    "GODFS_REST_READ_HEADER_TIMEOUT",
                    "5s"))
            .gateway(Map.of());
    assertThat(gateway.settings().maxUploadBytes()).isEqualTo(1L << 20);
    assertThat(gateway.settings().connectionLimits().idleTimeout()).hasMinutes(2);
    assertThat(gateway.settings().connectionLimits().headerTimeout()).hasSeconds(5);
  }
}
