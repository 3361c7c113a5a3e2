package io.godfs.benchmarks.cli;

import io.godfs.benchmarks.RepairBench;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code godfs bench-repair}: time and throughput to restore 3 copies after a chunkserver dies. */
@Command(
    name = "bench-repair",
    mixinStandardHelpOptions = true,
    description =
        "Kill a chunkserver of an in-process 4-node cluster holding a file (R=3) and measure the time and"
            + " throughput of re-replication next to this disk's copy bandwidth.")
final class RepairBenchCommand extends BenchmarkCommand {
  @Option(
      names = "--size",
      paramLabel = "SIZE",
      defaultValue = "1GiB",
      description = "File size; default 1GiB.")
  String size;

  @Option(
      names = "--chunk-size",
      paramLabel = "SIZE",
      defaultValue = "64MiB",
      description = "Chunk size; default 64MiB.")
  String chunkSize;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      defaultValue = ".",
      description = "Where the data goes; default here.")
  Path dir;

  @Override
  int run() throws Exception {
    long bytes = parseSize(size);
    long chunk = parseSize(chunkSize);
    requireDirectory(dir);
    RepairBench.run(dir, bytes, chunk, out());
    return 0;
  }
}
