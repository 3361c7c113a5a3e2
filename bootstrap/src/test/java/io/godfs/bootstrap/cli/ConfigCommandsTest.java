package io.godfs.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.bootstrap.config.MasterConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --config on the roles, the environment check before a role starts, and godfs config print. */
class ConfigCommandsTest {
  private final CliHarness cli = new CliHarness();

  @TempDir Path dir;

  private String yaml(String text) throws IOException {
    Path file = dir.resolve("godfs.yaml");
    Files.writeString(file, text);
    return file.toString();
  }

  @Test
  void theMasterReadsItsSectionOfTheConfigFileUnderTheEnvironmentAndTheFlags() throws IOException {
    String file = yaml("master:\n  replication: 1\n  chunk-size: 1MiB\n  dead-after: 10s\n");
    cli.env.put("GODFS_CHUNK_SIZE_BYTES", "2MiB");

    CliHarness.Result master = cli.run("master", "--config", file, "--dead-after", "20s");

    assertThat(master.code()).as(master.err()).isZero();
    assertThat(cli.launcher.started)
        .containsExactly(
            new MasterConfig("", 9090, 2 << 20, 1, Duration.ofSeconds(20), Duration.ofSeconds(2)));
  }

  @Test
  void anUnsupportedSeedVariableStopsTheStartWithOneLineNamingIt() {
    cli.env.put("GODFS_GRPC_MAX_MSG_BYTES", "8388608");

    cli.run("master")
        .failedWith(
            2,
            "godfs: master: GODFS_GRPC_MAX_MSG_BYTES is not supported yet: goDFS has no such"
                + " knob: it works differently here (see docs/adr) (unset it)");
    cli.run("fs", "ls", "/")
        .failedWith(
            2,
            "godfs: ls: GODFS_GRPC_MAX_MSG_BYTES is not supported yet: goDFS has no such"
                + " knob: it works differently here (see docs/adr) (unset it)");
    assertThat(cli.launcher.started).isEmpty();
    assertThat(cli.clientConfigs).isEmpty();
  }

  @Test
  void tlsOffIsAccepted() {
    cli.env.put("GODFS_TLS_ENABLED", "0");

    assertThat(cli.run("chunkserver").code()).isZero();
  }

  @Test
  void tlsOnWithoutACertificateStopsTheStartNamingTheSetting() {
    cli.env.put("GODFS_TLS_ENABLED", "1");

    cli.run("master")
        .failedWith(
            2,
            "godfs: master: GODFS_TLS_CERT_FILE is required with GODFS_TLS_ENABLED on (expected: a"
                + " PEM file of this node's certificate chain, leaf first)");
    assertThat(cli.launcher.started).isEmpty();
  }

  @Test
  void anUnknownVariableIsAWarningAndTheRoleStillStarts() {
    cli.env.put("GODFS_REPLICATON", "2");

    CliHarness.Result master = cli.run("master");

    assertThat(master.code()).isZero();
    assertThat(master.err())
        .isEqualTo(
            "godfs: warning: GODFS_REPLICATON is not a goDFS setting and is ignored"
                + " (did you mean GODFS_REPLICATION?)"
                + System.lineSeparator());
    assertThat(cli.launcher.started).hasSize(1);
  }

  @Test
  void configPrintShowsEverySettingWithItsSourceAndMasksSecrets() throws IOException {
    String file =
        yaml("gateway:\n  max-connections: 50\n  presign-keys: k1:presign-secret-0123456789\n");
    cli.env.put("GODFS_GATEWAY_API_KEYS", "alice:alice-key-0123456789");
    cli.env.put("GODFS_REST_LISTEN", ":8181");

    CliHarness.Result print =
        cli.run("config", "print", "gateway", "--config", file, "--master", "10.0.0.1:9090");

    assertThat(print.code()).as(print.err()).isZero();
    assertThat(print.out())
        .contains("# godfs gateway: effective settings (flag > env > file > default)")
        .containsPattern("master +10\\.0\\.0\\.1:9090 +flag --master")
        .containsPattern("listen +:8181 +env GODFS_REST_LISTEN")
        .containsPattern(
            "max-connections +50 +file " + file.replace(".", "\\.") + " gateway\\.max-connections")
        .containsPattern("idle-timeout +30s +default")
        .containsPattern("api-keys +\\*\\*\\*\\* +env GODFS_GATEWAY_API_KEYS")
        .containsPattern("presign-keys +\\*\\*\\*\\* +file ")
        .doesNotContain("alice-key-0123456789")
        .doesNotContain("presign-secret-0123456789");
    assertThat(cli.launcher.started).isEmpty();
  }

  @Test
  void configPrintOfAMasterMarksWhatTheMemoryBackendDoesNotUse() {
    CliHarness.Result print = cli.run("config", "print", "master", "--replication", "2");

    assertThat(print.code()).isZero();
    assertThat(print.out())
        .containsPattern("replication +2 +flag --replication")
        .containsPattern("chunk-size +64MiB +default")
        .containsPattern("election-timeout +\\(none\\) +default \\(not used\\)");
  }

  @Test
  void configPrintSaysWhyTheRoleWouldNotStart() {
    cli.env.put("GODFS_REPLICATION", "0");
    cli.env.put("GODFS_GRPC_MAX_MSG_BYTES", "8388608");
    cli.env.put("GODFS_CLUSTER_KEY", "cluster-secret-0123456789abcdef");

    CliHarness.Result print = cli.run("config", "print", "master");

    assertThat(print.code()).isEqualTo(2);
    assertThat(print.out()).containsPattern("replication +0 +env GODFS_REPLICATION");
    assertThat(print.err())
        .contains("godfs: master: GODFS_GRPC_MAX_MSG_BYTES is not supported yet")
        .contains(
            "godfs: master: GODFS_REPLICATION (--replication) : 0 (expected: an integer 1-16)")
        .doesNotContain("cluster-secret");
  }

  @Test
  void configPrintRefusesAnUnknownRole() {
    cli.run("config", "print", "metadata")
        .failedWith(
            2,
            "godfs: print: ROLE : metadata (expected: master, chunkserver, gateway, dev, mount, client)");
  }
}
