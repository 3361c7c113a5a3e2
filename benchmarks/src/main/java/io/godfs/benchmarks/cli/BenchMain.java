package io.godfs.benchmarks.cli;

import io.godfs.bootstrap.Main;
import java.util.List;

/**
 * The benchmarks' launcher ({@code ./godfs bench ...} runs it): the {@code godfs} command line with
 * the benchmark commands added, so options, help and errors read as in the server's launcher.
 */
public final class BenchMain {
  private BenchMain() {}

  public static void main(String[] args) {
    System.exit(Main.run(commands(), args));
  }

  /** The benchmark commands, in the order the help lists them. */
  static List<Object> commands() {
    return List.of(
        new BenchCommand(),
        new RepairBenchCommand(),
        new MetadataBenchCommand(),
        new GatewayBenchCommand(),
        new SecurityBenchCommand(),
        new ObservabilityBenchCommand(),
        new SnapshotBenchCommand(),
        new BackupBenchCommand(),
        new PeersSdkBenchCommand(),
        new GrowthBenchCommand());
  }
}
