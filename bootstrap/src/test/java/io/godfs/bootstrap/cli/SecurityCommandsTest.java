package io.godfs.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.adapters.identity.JwtSettings;
import io.godfs.bootstrap.config.MasterSecurity;
import io.godfs.bootstrap.config.Setting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The security settings of the roles, and godfs admin key create. */
class SecurityCommandsTest {
  private final CliHarness cli = new CliHarness();

  @TempDir Path dir;

  @Test
  void aCreatedKeyIsPrintedOnceAndOnlyItsHashIsKept() throws IOException {
    Path keys = dir.resolve("keys");
    CliHarness.Result created =
        cli.run(
            "admin",
            "key",
            "create",
            "--user",
            "alice",
            "--role",
            "write",
            "--group",
            "eng",
            "--api-keys-file",
            keys.toString());

    assertThat(created.code()).as(created.err()).isZero();
    String key = created.out().strip();
    assertThat(key).startsWith("godfs_");
    assertThat(created.err()).contains("created an API key for alice in " + keys);
    assertThat(Files.readString(keys))
        .doesNotContain(key)
        .containsPattern("alice sha256:[0-9a-f]{64} roles=write groups=eng");
  }

  @Test
  void keyCreationFindsTheFileInTheEnvironmentAndRefusesWhatItCannotUse() {
    Path keys = dir.resolve("from-env");
    cli.env.put("GODFS_API_KEYS_FILE", keys.toString());
    assertThat(cli.run("admin", "key", "create", "--user", "bob").code()).isZero();
    assertThat(keys).exists();

    cli.env.remove("GODFS_API_KEYS_FILE");
    cli.run("admin", "key", "create", "--user", "bob")
        .failedWith(
            2,
            "godfs admin key create: which keys file? Give --api-keys-file PATH or set"
                + " GODFS_API_KEYS_FILE (the master's --api-keys-file)");
    cli.run(
            "admin",
            "key",
            "create",
            "--user",
            "bob",
            "--role",
            "root",
            "--api-keys-file",
            keys.toString())
        .failedWith(
            2, "godfs admin key create: role 'root' is unknown (expected: read, write or admin)");
  }

  @Test
  void theMasterTakesItsKeysFileRulesAndClusterKeyAndTheChunkserverItsClusterKey()
      throws IOException {
    Path keyFile = dir.resolve("cluster.key");
    Files.writeString(keyFile, "from-a-file-0123456789\n");
    cli.env.put("GODFS_CLUSTER_KEY", "@" + keyFile);
    cli.env.put("GODFS_RBAC_JSON", "[]");
    cli.env.put("GODFS_API_KEYS", "alice:alice-key-0123456789");

    assertThat(cli.run("master", "--api-keys-file", "/etc/godfs/keys").code()).isZero();
    assertThat(cli.run("chunkserver").code()).isZero();

    assertThat(cli.launcher.securities)
        .containsExactly(
            new MasterSecurity(
                Optional.of(Path.of("/etc/godfs/keys")),
                Map.of("alice-key-0123456789", "alice"),
                Optional.of("[]"),
                Optional.of("from-a-file-0123456789")));
    assertThat(cli.launcher.clusterKeys).containsExactly(Optional.of("from-a-file-0123456789"));
  }

  @Test
  void theMasterTakesTheSeedsTokenKeysAndItsOwnTokenChecks() throws IOException {
    String secret = "an-hs256-secret-of-32-bytes-or-more-0123";
    Path secretFile = dir.resolve("jwt.secret");
    Files.writeString(secretFile, secret + "\n");
    cli.env.put("GODFS_JWT_HMAC_SECRET", "@" + secretFile);
    cli.env.put("GODFS_JWT_JWKS_URL", "https://idp.example/.well-known/jwks.json");
    cli.env.put("GODFS_JWT_ISSUER", "https://idp.example");
    cli.env.put("GODFS_JWT_AUDIENCE", "godfs");
    cli.env.put("GODFS_JWT_USER_CLAIM", "preferred_username");
    cli.env.put("GODFS_JWT_GROUPS_CLAIM", "grp");
    cli.env.put("GODFS_JWT_ROLES_CLAIM", "realm_access.roles");
    cli.env.put("GODFS_JWT_JWKS_REFRESH", "10m");

    assertThat(cli.run("master").code()).isZero();

    JwtSettings expected =
        JwtSettings.hmac(secret)
            .withJwks("https://idp.example/.well-known/jwks.json")
            .withIssuer("https://idp.example")
            .withAudience("godfs")
            .withClaims("preferred_username", "grp", "realm_access.roles")
            .withJwksRefresh(Duration.ofMinutes(10));
    MasterSecurity security = cli.launcher.securities.getFirst();
    assertThat(security).isEqualTo(MasterSecurity.OFF.withJwt(expected));
    assertThat(security.enforced()).isTrue();
    assertThat(security.toString())
        .contains("jwt=JwtSettings[hmacSecret=set, jwks=https://idp.example")
        .doesNotContain(secret);
  }

  @Test
  void theSeedsTokenKeyAloneTurnsAuthenticationOnWithTheSeedsClaims() {
    cli.env.put("GODFS_JWT_JWKS_URL", "/etc/godfs/jwks.json");
    assertThat(cli.run("master").code()).isZero();
    assertThat(cli.launcher.securities)
        .containsExactly(MasterSecurity.OFF.withJwt(JwtSettings.jwks("/etc/godfs/jwks.json")));
  }

  @Test
  void aBadTokenSettingStopsTheStartNamingItAndNeverTheSecret() {
    cli.env.put("GODFS_JWT_HMAC_SECRET", "hunter2-hunter2");
    CliHarness.Result shortSecret = cli.run("master");
    assertThat(shortSecret.code()).isEqualTo(2);
    assertThat(shortSecret.err())
        .contains(
            "GODFS_JWT_HMAC_SECRET : (hidden) (expected: an HS256 secret of at least 32 bytes")
        .doesNotContain("hunter2");

    cli.env.remove("GODFS_JWT_HMAC_SECRET");
    cli.env.put("GODFS_JWT_ISSUER", "https://idp.example");
    assertThat(cli.run("master").err())
        .contains(
            "GODFS_JWT_ISSUER is set but no token key is: set GODFS_JWT_HMAC_SECRET or"
                + " GODFS_JWT_JWKS_URL too, or unset it");

    cli.env.put("GODFS_JWT_JWKS_URL", "ftp://idp.example/jwks");
    assertThat(cli.run("master").err())
        .contains("GODFS_JWT_JWKS_URL : ftp://idp.example/jwks (expected: an https:// or http://");
    cli.env.put("GODFS_JWT_JWKS_URL", "https://idp.example/jwks");
    cli.env.put("GODFS_JWT_JWKS_REFRESH", "1s");
    assertThat(cli.run("master").err())
        .contains("GODFS_JWT_JWKS_REFRESH : 1s (expected: a duration from 30s to 24h");
    assertThat(cli.launcher.securities).isEmpty();
  }

  @Test
  void aShortClusterKeyStopsTheStartWithoutShowingIt() {
    cli.env.put("GODFS_CLUSTER_KEY", "hunter2");
    CliHarness.Result result = cli.run("chunkserver");
    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err())
        .contains("GODFS_CLUSTER_KEY : (hidden) (expected: a secret of at least 16 characters")
        .doesNotContain("hunter2");
  }

  @Test
  void aClientPresentsTheKeyOfTheFileItsFlagNamesOverTheEnvironments() throws IOException {
    Path key = Files.writeString(dir.resolve("alice.key"), "godfs_from-file\n");
    cli.env.put("GODFS_CLIENT_API_KEY", "godfs_client-key");
    cli.run("fs", "ls", "--api-key-file", key.toString(), "/");
    assertThat(cli.clientConfigs)
        .singleElement()
        .satisfies(c -> assertThat(c.apiKey()).contains("godfs_from-file"));

    CliHarness.Result missing =
        cli.run("--api-key-file", dir.resolve("none").toString(), "fs", "ls", "/");
    assertThat(missing.code()).isNotZero();
    assertThat(missing.err()).contains("--api-key-file", dir.resolve("none").toString());
  }

  @Test
  void aClientPresentsTheKeyOfTheEnvironment() {
    cli.env.put("GODFS_CLIENT_API_KEY", "godfs_client-key");
    cli.run("fs", "ls", "/");
    assertThat(cli.clientConfigs)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.apiKey()).contains("godfs_client-key");
              assertThat(c.toString()).doesNotContain("godfs_client-key");
            });
  }

  @Test
  void aMalformedJoinTokenStopsTheStartWithoutShowingIt() {
    assertThat(Setting.JOIN_TOKEN.secret()).isTrue();
    cli.env.put("GODFS_JOIN_TOKEN", "not-a-join-token-but-a-secret");
    CliHarness.Result result = cli.run("chunkserver");
    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err())
        .contains("GODFS_JOIN_TOKEN : (hidden) (expected: a join token")
        .doesNotContain("not-a-join-token-but-a-secret");
  }

  @Test
  void theEmbeddedCaTurnsAuthenticationOnAndTakesThePlaceOfPemFilesOnAMaster() {
    cli.env.put("GODFS_CA_ENABLED", "1");
    cli.env.put("GODFS_CA_CERT_LIFETIME", "10s");
    assertThat(cli.run("master").err())
        .contains("GODFS_CA_CERT_LIFETIME : 10s (expected: a duration from 1m to 365d");
    cli.env.put("GODFS_CA_CERT_LIFETIME", "6h");
    cli.env.put("GODFS_TLS_ENABLED", "1");
    assertThat(cli.run("master").err())
        .contains("GODFS_CA_ENABLED and GODFS_TLS_ENABLED are both on");
    assertThat(cli.launcher.securities).isEmpty();
    cli.env.remove("GODFS_TLS_ENABLED");
    cli.run("master");
    assertThat(cli.launcher.securities)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.enforced()).isTrue();
              assertThat(s.certificateAuthority()).contains(Duration.ofHours(6));
            });
  }
}
