package io.godfs.benchmarks.cli;

import io.godfs.benchmarks.MetadataBench;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code godfs bench-metadata}: creates/s and stat/s, in memory and on 3 Ratis masters, next to the
 * fsync rate.
 */
@Command(
    name = "bench-metadata",
    mixinStandardHelpOptions = true,
    description =
        "Measure creates/s (32 clients) and stat/s (1 client thread) through gRPC on an in-memory master"
            + " and on 3 Ratis masters, next to this disk's fsync rate, then the stall a client sees when the leader"
            + " is killed.")
final class MetadataBenchCommand extends BenchmarkCommand {
  @Option(
      names = "--dir",
      paramLabel = "DIR",
      defaultValue = ".",
      description = "Where the Raft logs go (the disk measured); default here.")
  Path dir;

  @Override
  int run() throws Exception {
    requireDirectory(dir);
    MetadataBench.run(dir, out());
    return 0;
  }
}
