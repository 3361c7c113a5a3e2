package io.godfs.benchmarks.cli;

import io.godfs.benchmarks.SnapshotBench;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code godfs bench-snapshots}: snapshot creation time and master heap at two namespace sizes, and
 * the heap each file modified after a snapshot adds (ADR 0025).
 */
@Command(
    name = "bench-snapshots",
    mixinStandardHelpOptions = true,
    description =
        "Measure, on the master's namespace, the heap it takes, the time to take a snapshot and the"
            + " heap a snapshot adds, with 100,000 and 1,000,000 files (each of one chunk), and the"
            + " heap each file modified after a snapshot adds.")
final class SnapshotBenchCommand extends BenchmarkCommand {
  @Option(
      names = "--files",
      split = ",",
      paramLabel = "N",
      defaultValue = "100000,1000000",
      description = "Namespace sizes, comma separated; default ${DEFAULT-VALUE}.")
  List<Integer> files;

  @Option(
      names = "--modified",
      paramLabel = "N",
      defaultValue = "10000",
      description =
          "Files written after the snapshots (each copies on write); default ${DEFAULT-VALUE}.")
  int modified;

  @Override
  int run() {
    require(!files.isEmpty() && files.stream().allMatch(n -> n > 0), "--files must be positive");
    require(modified > 0, "--modified must be positive");
    SnapshotBench.run(files, modified, out());
    return 0;
  }
}
