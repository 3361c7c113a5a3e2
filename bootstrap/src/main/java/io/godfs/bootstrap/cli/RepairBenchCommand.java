package io.godfs.bootstrap.cli;

import io.godfs.bootstrap.bench.RepairBench;
import io.godfs.bootstrap.config.Sizes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code godfs bench-repair}: time and throughput to restore 3 copies after a chunkserver dies. */
@Command(name = "bench-repair", mixinStandardHelpOptions = true,
    description = "Kill a chunkserver of an in-process 4-node cluster holding a file (R=3) and measure the time and"
        + " throughput of re-replication next to this disk's copy bandwidth.")
final class RepairBenchCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--size", paramLabel = "SIZE", defaultValue = "1GiB", description = "File size; default 1GiB.")
  String size;

  @Option(names = "--chunk-size", paramLabel = "SIZE", defaultValue = "64MiB", description = "Chunk size; default 64MiB.")
  String chunkSize;

  @Option(names = "--dir", paramLabel = "DIR", defaultValue = ".", description = "Where the data goes; default here.")
  Path dir;

  @Override
  public Integer call() throws Exception {
    long bytes;
    long chunk;
    try {
      bytes = Sizes.parse(size);
      chunk = Sizes.parse(chunkSize);
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("godfs: bench-repair: " + e.getMessage());
      spec.commandLine().getErr().flush();
      return 2;
    }
    if (!Files.isDirectory(dir)) {
      spec.commandLine().getErr().println("godfs: bench-repair: --dir " + dir + " is not a directory");
      spec.commandLine().getErr().flush();
      return 2;
    }
    RepairBench.run(dir, bytes, chunk, spec.commandLine().getOut());
    return 0;
  }
}
