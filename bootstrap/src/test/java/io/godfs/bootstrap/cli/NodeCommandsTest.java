package io.godfs.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.bootstrap.config.ChunkserverConfig;
import io.godfs.bootstrap.config.DevConfig;
import io.godfs.bootstrap.config.MasterConfig;
import io.godfs.client.CredentialsFile;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeCommandsTest {
  private final CliHarness cli = new CliHarness();

  @Test
  void devStartsTheDefaultClusterPrintsItsPortsAndClosesItOnShutdown() {
    CliHarness.Result dev = cli.run("dev");

    DevConfig expected =
        new DevConfig(Path.of("./godfs-data"), "127.0.0.1", 9090, 8000, 3, 64L << 20, 3)
            .withSecurity(new DevConfig.Security(true, CredentialsFile.location(Map.of())));
    assertThat(dev.code()).isZero();
    assertThat(cli.launcher.started).containsExactly(expected);
    assertThat(dev.out())
        .startsWith(
            "goDFS dev cluster: master 127.0.0.1:9090, chunkservers 8000 8001 8002, "
                + "data ./godfs-data, replication 3"
                + System.lineSeparator());
    assertThat(cli.awaited).containsExactly("goDFS dev cluster");
    assertThat(cli.launcher.closed).containsExactly(expected);
  }

  @Test
  void devWithEphemeralPortsTellsClientsWhereTheMasterIs() {
    CliHarness.Result dev =
        cli.run("dev", "--port", "0", "--first-chunk-port", "0", "--chunkservers", "1");

    assertThat(dev.out())
        .contains(
            "master 127.0.0.1:40000, chunkservers 40000, ",
            "replication 1",
            "godfs --master 127.0.0.1:40000");
  }

  @Test
  void masterTakesFlagsOverEnvironment() {
    cli.env.put("GODFS_REPLICATION", "2");
    cli.env.put("GODFS_MASTER_LISTEN", "127.0.0.1:7000");

    CliHarness.Result master =
        cli.run("master", "--listen", ":9999", "--chunk-size", "1MiB", "--dead-after", "10s");

    assertThat(master.code()).isZero();
    assertThat(cli.launcher.started)
        .containsExactly(
            new MasterConfig("", 9999, 1 << 20, 2, Duration.ofSeconds(10), Duration.ofSeconds(2)));
    assertThat(master.out())
        .startsWith("goDFS master: listening on 0.0.0.0:9999, chunk size 1 MiB, replication 2");
  }

  @Test
  void chunkserverAdvertisesLoopbackAndItsListenPortByDefault() {
    cli.env.put("GODFS_NODE_ID", "chunk-7");

    CliHarness.Result chunk = cli.run("chunkserver", "--listen", ":8001", "--data", "/tmp/c7");

    assertThat(chunk.code()).isZero();
    assertThat(cli.launcher.started)
        .containsExactly(
            ChunkserverConfig.of(
                "127.0.0.1:9090",
                "",
                8001,
                Path.of("/tmp/c7"),
                "chunk-7",
                "127.0.0.1:8001",
                0,
                Duration.ofSeconds(2)));
    assertThat(chunk.out())
        .contains(
            "goDFS chunkserver chunk-7: listening on 0.0.0.0:8001, advertised as 127.0.0.1:8001");
  }

  @Test
  void aBadSettingStopsTheStartWithExitCode2() {
    cli.env.put("GODFS_REPLICATION", "0");

    cli.run("master")
        .failedWith(
            2, "godfs: master: GODFS_REPLICATION (--replication) : 0 (expected: an integer 1-16)");
    assertThat(cli.launcher.started).isEmpty();
  }

  @Test
  void aStartFailureIsOneLineAndExitCode1() {
    cli.launcher.failure =
        new UncheckedIOException(
            "cannot listen on 0.0.0.0:9090: Address already in use",
            new BindException("Address already in use"));

    cli.run("master")
        .failedWith(
            1,
            "godfs: master: cannot start: cannot listen on 0.0.0.0:9090: Address already in use");
    assertThat(cli.awaited).isEmpty();
  }
}
