package io.godfs.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.bootstrap.config.ClientConfig;
import org.junit.jupiter.api.Test;

class CliErrorsTest {
  private final CliHarness cli = new CliHarness();

  @Test
  void anUnknownPathIsOneLineAndExitCode1() {
    cli.run("fs", "stat", "/nope").failedWith(1, "godfs: stat /nope: /nope does not exist");
    assertThat(cli.fs.closes).as("the client is closed after a failure too").isEqualTo(1);
    cli.run("fs", "ls", "/nope/deeper")
        .failedWith(1, "godfs: ls /nope/deeper: /nope/deeper does not exist (no directory /nope)");
  }

  @Test
  void aMalformedPathIsExplained() {
    cli.run("fs", "ls", "data")
        .failedWith(1, "godfs: ls data: path 'data' is not absolute (expected: starts with /)");
  }

  @Test
  void anUnreachableMasterSaysWhereItLookedAndHowToChangeIt() {
    cli.fs.unreachable = true;
    cli.env.put("GODFS_MASTER", "10.0.0.1:9090");

    cli.run("fs", "ls", "/")
        .failedWith(
            1,
            "godfs: ls /: cannot reach the master at 10.0.0.1:9090 (is it running? set GODFS_MASTER"
                + " or --master; a master with TLS on, the default, needs GODFS_TLS_ENABLED=1 and"
                + " GODFS_TLS_CA_FILE)");
  }

  @Test
  void theMasterFlagOverridesTheEnvironmentAtAnyLevel() {
    cli.env.put("GODFS_MASTER", "10.0.0.1:9090");

    cli.run("fs", "ls", "/");
    cli.run("--master", "10.0.0.2:9090", "ls", "/");
    cli.run("fs", "-m", "10.0.0.3:9090", "ls", "/");
    cli.run("fs", "ls", "--master", "10.0.0.4:9090", "/");

    assertThat(cli.clientConfigs)
        .extracting(ClientConfig::masterAddress)
        .containsExactly("10.0.0.1:9090", "10.0.0.2:9090", "10.0.0.3:9090", "10.0.0.4:9090");
  }

  @Test
  void aBadMasterAddressIsAConfigurationError() {
    cli.env.put("GODFS_MASTER", "nonsense");

    cli.run("fs", "ls", "/")
        .failedWith(
            2,
            "godfs: ls: GODFS_MASTER (--master) : nonsense (expected: host:port of the master, or of every master comma-separated, like 127.0.0.1:9090)");
    assertThat(cli.clientConfigs).isEmpty();
  }

  @Test
  void usageErrorsExitWith2() {
    CliHarness.Result missing = cli.run("fs", "put", "only-one-arg");
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err())
        .startsWith("godfs: Missing required parameter: 'REMOTE'")
        .contains("Try 'godfs fs put --help' for more information.");

    assertThat(cli.run("fs", "frobnicate").code()).isEqualTo(2);
    assertThat(cli.run("fs", "ls", "--bogus", "/").code()).isEqualTo(2);
    assertThat(cli.run().code()).isEqualTo(2);
    assertThat(cli.run("fs").code()).isEqualTo(2);
  }

  @Test
  void anUnexpectedFailureIsOneLineWithoutAStackTrace() {
    cli.clients =
        config -> {
          throw new IllegalStateException("boom");
        };

    CliHarness.Result result = cli.run("fs", "ls", "/");

    assertThat(result.code()).isEqualTo(1);
    assertThat(result.err())
        .startsWith("godfs: ls: internal error: java.lang.IllegalStateException: boom")
        .hasLineCount(1);
  }

  @Test
  void helpListsTheCommandsWithDescriptions() {
    CliHarness.Result root = cli.run("--help");
    CliHarness.Result fs = cli.run("fs", "--help");

    assertThat(root.code()).isZero();
    assertThat(root.out())
        .contains("master", "chunkserver", "dev", "fs", "Run a master")
        .doesNotContain("  mkdir");
    assertThat(fs.code()).isZero();
    assertThat(fs.out())
        .contains(
            "put",
            "get",
            "cat",
            "ls",
            "stat",
            "rm",
            "mv",
            "mkdir",
            "create",
            "write",
            "read",
            "Copy a local file");
  }

  @Test
  void versionIsPrinted() {
    assertThat(cli.run("--version").out()).isEqualTo("goDFS 0.1.0" + System.lineSeparator());
    assertThat(cli.run("fs", "put", "--version").out())
        .isEqualTo("goDFS 0.1.0" + System.lineSeparator());
  }
}
