package io.godfs.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Where a master holding the embedded CA gets the certificate its Raft starts with: {@code
 * GODFS_CA_KEY_FILE} and {@code GODFS_CA_CERT_FILE} (together, and only with the CA on), or a
 * {@code GODFS_JOIN_TOKEN}.
 */
class CertificateSourceSettingsTest {
  static final String TOKEN = "godfs-join." + "A".repeat(43) + "." + "ab".repeat(32);

  static MasterSecurity master(Map<String, String> env) {
    return new ConfigLoader(env).masterSecurity(Map.of());
  }

  static Map<String, String> caOn() {
    Map<String, String> env = new HashMap<>();
    env.put("GODFS_CA_ENABLED", "1");
    return env;
  }

  @Test
  void theCaFilesGiveTheFirstCertificate() {
    Map<String, String> env = caOn();
    env.put("GODFS_CA_KEY_FILE", "/etc/godfs/ca/ca.key");
    env.put("GODFS_CA_CERT_FILE", "/etc/godfs/ca/ca.crt");
    MasterCertificateSource source = master(env).certificateSource();
    assertThat(source.authorityKey()).contains(Path.of("/etc/godfs/ca/ca.key"));
    assertThat(source.authorityCertificate()).contains(Path.of("/etc/godfs/ca/ca.crt"));
    assertThat(source.joinToken()).isEmpty();
  }

  @Test
  void aMasterJoinsWithAToken() {
    Map<String, String> env = caOn();
    env.put("GODFS_JOIN_TOKEN", TOKEN);
    MasterSecurity security = master(env);
    assertThat(security.certificateSource().joinToken()).contains(TOKEN);
    assertThat(security.toString()).contains("join token").doesNotContain(TOKEN);
  }

  @Test
  void noneByDefault() {
    assertThat(master(caOn()).certificateSource()).isEqualTo(MasterCertificateSource.NONE);
    assertThat(master(Map.of()).certificateSource()).isEqualTo(MasterCertificateSource.NONE);
  }

  @Test
  void theKeyWithoutTheCertificateIsRefused() {
    Map<String, String> env = caOn();
    env.put("GODFS_CA_KEY_FILE", "/etc/godfs/ca/ca.key");
    assertThatThrownBy(() -> master(env))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("go together");
  }

  @Test
  void caFilesWithoutTheCaOnAreRefused() {
    Map<String, String> env = new HashMap<>();
    env.put("GODFS_CA_KEY_FILE", "/etc/godfs/ca/ca.key");
    env.put("GODFS_CA_CERT_FILE", "/etc/godfs/ca/ca.crt");
    assertThatThrownBy(() -> master(env))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("GODFS_CA_ENABLED=1");
  }
}
