package io.godfs.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godfs.adapters.rest.ConnectionLimits;
import io.godfs.adapters.rest.GatewaySettings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The gateway's settings, read by the one {@link ConfigLoader} (they had a loader of their own
 * before).
 */
class GatewayConfigTest {
  static GatewaySettings load(Map<String, String> env) {
    return new ConfigLoader(env).gateway(Map.of()).settings();
  }

  @Test
  void defaultsAreSane() {
    GatewaySettings s = load(Map.of());
    assertThat(s.connectionLimits()).isEqualTo(ConnectionLimits.defaults());
    assertThat(s.connectionLimits().headerTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(s.publicUrl()).isNull();
    assertThat(s.rateLimitPerSecond()).isZero();
    assertThat(s.sourceRateLimitPerSecond()).isZero();
  }

  @Test
  void deadlinesCapsAndThePublicUrlAreRead() {
    GatewaySettings s =
        load(
            Map.of(
                "GODFS_GATEWAY_HEADER_TIMEOUT",
                "2s",
                "GODFS_GATEWAY_BODY_TIMEOUT",
                "3s",
                "GODFS_GATEWAY_IDLE_TIMEOUT",
                "4s",
                "GODFS_GATEWAY_MAX_CONNECTIONS",
                "50",
                "GODFS_GATEWAY_MAX_CONCURRENT_REQUESTS",
                "5",
                "GODFS_GATEWAY_PUBLIC_URL",
                "https://files.example.com/",
                "GODFS_GATEWAY_RATE_LIMIT_RPS",
                "20",
                "GODFS_GATEWAY_RATE_LIMIT_BURST",
                "40"));
    assertThat(s.connectionLimits())
        .isEqualTo(
            new ConnectionLimits(
                Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(4), 50, 5));
    assertThat(s.publicUrl()).isEqualTo("https://files.example.com");
    assertThat(s.sourceRateLimitPerSecond())
        .as("per source defaults to the per-caller rate")
        .isEqualTo(20);
    assertThat(s.sourceRateLimitBurst()).isEqualTo(40);
    assertThat(
            load(Map.of(
                    "GODFS_GATEWAY_RATE_LIMIT_RPS",
                    "20",
                    "GODFS_GATEWAY_SOURCE_RATE_LIMIT_RPS",
                    "0"))
                .sourceRateLimitPerSecond())
        .isZero();
  }

  @Test
  void badDeadlinesAndUrlsNameTheSetting() {
    assertThatThrownBy(() -> load(Map.of("GODFS_GATEWAY_HEADER_TIMEOUT", "0s")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("GODFS_GATEWAY_HEADER_TIMEOUT : 0s (expected: a duration > 0");
    assertThatThrownBy(() -> load(Map.of("GODFS_GATEWAY_MAX_CONNECTIONS", "0")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("GODFS_GATEWAY_MAX_CONNECTIONS : 0 (expected: an integer");
    assertThatThrownBy(() -> load(Map.of("GODFS_GATEWAY_PUBLIC_URL", "files.example.com?x=1")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("GODFS_GATEWAY_PUBLIC_URL : files.example.com?x=1");
  }

  @Test
  void weakApiKeysAndPresignSecretsAreRefusedNamingWhoseButNeverTheSecret() {
    assertThatThrownBy(
            () -> load(Map.of("GODFS_GATEWAY_API_KEYS", "alice:Q7,bob:long-enough-key-0123")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("GODFS_GATEWAY_API_KEYS : (hidden) (expected:")
        .hasMessageContaining("at least 16 characters")
        .hasMessageContaining("the key of alice is shorter than 16")
        .satisfies(
            e ->
                assertThat(e.getMessage())
                    .doesNotContain("Q7")
                    .doesNotContain("long-enough-key-0123"));
    assertThatThrownBy(() -> load(Map.of("GODFS_GATEWAY_PRESIGN_KEYS", "k1:shortsecret")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("GODFS_GATEWAY_PRESIGN_KEYS : (hidden)")
        .hasMessageContaining("the secret of k1 is shorter than 16")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("shortsecret"));
    assertThat(load(Map.of("GODFS_GATEWAY_API_KEYS", "alice:alice-key-0123456789")).apiKeys())
        .containsEntry("alice-key-0123456789", "alice");
  }
}
