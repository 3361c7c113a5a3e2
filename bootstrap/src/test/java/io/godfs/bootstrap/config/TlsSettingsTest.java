package io.godfs.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godfs.adapters.grpc.tls.GrpcTls;
import io.godfs.adapters.grpc.tls.TestCertificates;
import io.godfs.adapters.grpc.tls.TestCertificates.Ca;
import io.godfs.adapters.grpc.tls.TestCertificates.Issued;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seed's GODFS_TLS_* variables, read into the gRPC adapter's TLS settings. */
class TlsSettingsTest {
  @TempDir static Path dir;
  static Ca ca;
  static Issued node;
  static Issued user;

  @BeforeAll
  static void certificates() {
    ca = TestCertificates.newCa(dir.resolve("ca"), "test-ca");
    node = ca.issue("CN=chunk-1,OU=chunkserver");
    user = ca.issue("CN=alice");
  }

  static Map<String, String> on() {
    Map<String, String> env = new HashMap<>();
    env.put("GODFS_TLS_ENABLED", "yes");
    env.put("GODFS_TLS_CERT_FILE", node.chain().toString());
    env.put("GODFS_TLS_KEY_FILE", node.key().toString());
    env.put("GODFS_TLS_CA_FILE", ca.certificate().toString());
    return env;
  }

  static Optional<GrpcTls> tls(Map<String, String> env, Role role) {
    return new ConfigLoader(env).tls(role, Map.of());
  }

  @Test
  void offUnlessEnabled() {
    Map<String, String> env = on();
    env.remove("GODFS_TLS_ENABLED");
    assertThat(tls(env, Role.CHUNKSERVER)).isEmpty();
    env.put("GODFS_TLS_ENABLED", "0");
    assertThat(tls(env, Role.MASTER)).isEmpty();
  }

  @Test
  void aChunkserverServesItsCertificateAndPresentsItAsAClientToo() {
    GrpcTls tls = tls(on(), Role.CHUNKSERVER).orElseThrow();
    assertThat(tls.server()).contains(node.files());
    assertThat(tls.client()).contains(node.files());
    assertThat(tls.trustedAuthorities()).containsExactly(ca.certificate());
    assertThat(tls.verifiesClients()).isTrue();
    assertThat(tls.reloadEvery()).contains(Duration.ofSeconds(5));
  }

  @Test
  void theSeedsAliasesAndAClientCertificateAreRead() throws Exception {
    Path extra = dir.resolve("extra-ca.pem");
    Files.copy(TestCertificates.newCa(dir.resolve("next"), "next-ca").certificate(), extra);
    Map<String, String> env = new HashMap<>();
    env.put("GODFS_TLS_ENABLED", "true");
    env.put("GODFS_TLS_CA", ca.certificate().toString());
    env.put("GODFS_TLS_EXTRA_CA_FILE", extra.toString());
    env.put("GODFS_TLS_CLIENT_CERT", user.chain().toString());
    env.put("GODFS_TLS_CLIENT_KEY", user.key().toString());
    env.put("GODFS_TLS_RELOAD", "0");

    GrpcTls tls = tls(env, Role.CLIENT).orElseThrow();
    assertThat(tls.server()).isEmpty();
    assertThat(tls.client()).contains(user.files());
    assertThat(tls.trustedAuthorities()).containsExactly(ca.certificate(), extra);
    assertThat(tls.reloadEvery()).isEmpty();
  }

  @Test
  void aMasterNeedsNoCaButThenVerifiesNoClients() {
    Map<String, String> env = on();
    env.remove("GODFS_TLS_CA_FILE");
    GrpcTls tls = tls(env, Role.MASTER).orElseThrow();
    assertThat(tls.verifiesClients()).isFalse();
    assertThat(tls.client()).isEmpty();
    assertThat(new ConfigLoader(env).masterSecurity(Map.of()).transport()).contains(tls);
  }

  @Test
  void aClientWithoutACaIsRefusedNamingTheSetting() {
    Map<String, String> env = on();
    env.remove("GODFS_TLS_CA_FILE");
    assertThatThrownBy(() -> tls(env, Role.CLIENT))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("GODFS_TLS_CA_FILE is required with GODFS_TLS_ENABLED on");
  }

  @Test
  void aMissingOrWrongFileStopsTheStartNamingTheSettingAndNeverTheKey() throws Exception {
    Map<String, String> env = on();
    env.put("GODFS_TLS_SERVER_KEY", dir.resolve("missing.pem").toString());
    env.remove("GODFS_TLS_KEY_FILE");
    assertThatThrownBy(() -> tls(env, Role.MASTER))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("GODFS_TLS_SERVER_KEY : " + dir.resolve("missing.pem"))
        .hasMessageContaining("cannot be read");

    env.put("GODFS_TLS_SERVER_KEY", user.key().toString());
    assertThatThrownBy(() -> tls(env, Role.MASTER))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("GODFS_TLS_SERVER_KEY : " + user.key())
        .hasMessageContaining("does not belong to the certificate")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(Files.readString(user.key())));

    env.put("GODFS_TLS_SERVER_KEY", node.chain().toString());
    assertThatThrownBy(() -> tls(env, Role.MASTER))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("no PEM private key");
  }

  @Test
  void aReloadIntervalUnder500msIsRefused() {
    Map<String, String> env = on();
    env.put("GODFS_TLS_RELOAD_INTERVAL", "100ms");
    assertThatThrownBy(() -> tls(env, Role.MASTER))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(
            "GODFS_TLS_RELOAD_INTERVAL : 100ms (expected: a duration of at least");
    env.put("GODFS_TLS_RELOAD_INTERVAL", "2s");
    assertThat(tls(env, Role.MASTER).orElseThrow().reloadEvery()).contains(Duration.ofSeconds(2));
  }

  @Test
  void aClientCertificateWithoutItsKeyIsRefused() {
    Map<String, String> env = on();
    env.put("GODFS_TLS_CLIENT_CERT_FILE", user.chain().toString());
    assertThatThrownBy(() -> tls(env, Role.CLIENT))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("GODFS_TLS_CLIENT_KEY_FILE is required");
  }

  @Test
  void theDevClusterRefusesTlsRatherThanRunInPlaintext() {
    assertThatThrownBy(() -> new ConfigLoader(Map.of("GODFS_TLS_ENABLED", "1")).dev(Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("GODFS_TLS_ENABLED : 1 (expected: 0 or unset: godfs dev runs in");
  }
}
