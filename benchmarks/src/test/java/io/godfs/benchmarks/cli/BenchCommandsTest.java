package io.godfs.benchmarks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.bootstrap.cli.CliContext;
import io.godfs.bootstrap.cli.GodfsCli;
import io.godfs.bootstrap.cli.JvmShutdownSignal;
import io.godfs.bootstrap.cli.WiringNodeLauncher;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The benchmark commands join the godfs command line; a bad option stops them before any cluster
 * starts.
 */
class BenchCommandsTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int godfs(String... args) {
    CliContext ctx =
        new CliContext(
            Map.of(),
            new WiringNodeLauncher(),
            config -> {
              throw new AssertionError("a benchmark connected to a master");
            },
            new JvmShutdownSignal(),
            new ByteArrayInputStream(new byte[0]),
            new ByteArrayOutputStream(),
            false);
    return GodfsCli.execute(
        ctx, new PrintWriter(out), new PrintWriter(err), BenchMain.commands(), args);
  }

  @Test
  void theHelpListsEveryBenchmark() {
    assertThat(godfs("--help")).isZero();
    assertThat(out.toString())
        .contains(
            "bench ",
            "bench-repair",
            "bench-metadata",
            "bench-gateway",
            "bench-security",
            "bench-observability",
            "bench-snapshots",
            "bench-backup",
            "bench-peers-sdk",
            "bench-growth",
            "dev ");
  }

  @Test
  void eachBenchmarkHasItsHelp() {
    for (String command :
        new String[] {
          "bench",
          "bench-repair",
          "bench-metadata",
          "bench-gateway",
          "bench-security",
          "bench-observability",
          "bench-snapshots",
          "bench-backup",
          "bench-peers-sdk",
          "bench-growth"
        }) {
      assertThat(godfs(command, "--help")).as(command).isZero();
      assertThat(out.toString()).contains("Usage: godfs " + command);
    }
  }

  @Test
  void aMissingDirectoryIsAUsageErrorOnOneLine() {
    assertThat(godfs("bench-metadata", "--dir", "/no/such/dir")).isEqualTo(GodfsCli.USAGE);
    assertThat(err.toString())
        .isEqualTo(
            "godfs: bench-metadata: --dir /no/such/dir is not a directory"
                + System.lineSeparator());
  }

  @Test
  void aBadChunkSizeIsAUsageError() {
    assertThat(godfs("bench", "--chunk-size", "1000")).isEqualTo(GodfsCli.USAGE);
    assertThat(err.toString()).startsWith("godfs: bench: ");
  }

  @Test
  void anUnknownTlsProviderIsAUsageErrorBeforeAnyClusterStarts() {
    assertThat(godfs("bench-security", "--tls-provider", "boring")).isEqualTo(GodfsCli.USAGE);
    assertThat(err.toString())
        .isEqualTo(
            "godfs: bench-security: --tls-provider : boring (expected: both, jdk or openssl)"
                + System.lineSeparator());
  }

  @Test
  void aPeersSizeThatIsNotWholeMebibytesIsAUsageErrorBeforeAnyConnection() {
    assertThat(godfs("bench-peers-sdk", "--size", "1000")).isEqualTo(GodfsCli.USAGE);
    assertThat(err.toString())
        .isEqualTo(
            "godfs: bench-peers-sdk: --size 1000 (expected: whole MiB)" + System.lineSeparator());
  }

  @Test
  void aGrowthRunWithoutTheClustersDirectoryOrWithAWindowPastItsFilesIsAUsageError() {
    assertThat(godfs("bench-growth", "--servers", "/no/such/dir")).isEqualTo(GodfsCli.USAGE);
    assertThat(err.toString())
        .isEqualTo(
            "godfs: bench-growth: --servers /no/such/dir is not a directory"
                + System.lineSeparator());
    err.getBuffer().setLength(0);
    assertThat(godfs("bench-growth", "--servers", "/tmp", "--files", "10", "--window", "20"))
        .isEqualTo(GodfsCli.USAGE);
    assertThat(err.toString())
        .isEqualTo("godfs: bench-growth: --window 20 (expected: 1-10)" + System.lineSeparator());
  }

  @Test
  void zeroRoundsIsAUsageError() {
    assertThat(godfs("bench-security", "--rounds", "0")).isEqualTo(GodfsCli.USAGE);
    assertThat(err.toString()).startsWith("godfs: bench-security: --rounds");
  }

  @Test
  void observabilityRefusesAnUnknownTlsProviderBeforeAnyClusterStarts() {
    assertThat(godfs("bench-observability", "--tls-provider", "boring")).isEqualTo(GodfsCli.USAGE);
    assertThat(err.toString())
        .isEqualTo(
            "godfs: bench-observability: --tls-provider : boring (expected: auto, jdk or openssl)"
                + System.lineSeparator());
  }
}
