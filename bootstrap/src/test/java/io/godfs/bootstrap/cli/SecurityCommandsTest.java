package io.godfs.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.bootstrap.config.MasterSecurity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
  void aShortClusterKeyStopsTheStartWithoutShowingIt() {
    cli.env.put("GODFS_CLUSTER_KEY", "hunter2");
    CliHarness.Result result = cli.run("chunkserver");
    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err())
        .contains("GODFS_CLUSTER_KEY : (hidden) (expected: a secret of at least 16 characters")
        .doesNotContain("hunter2");
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
}
