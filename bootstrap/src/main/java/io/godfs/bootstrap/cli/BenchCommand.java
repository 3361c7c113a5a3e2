package io.godfs.bootstrap.cli;

import io.godfs.bootstrap.bench.ThroughputBench;
import io.godfs.bootstrap.config.Sizes;
import io.godfs.domain.chunk.ChunkLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code godfs bench}: write and read throughput on an in-process dev cluster next to the disk's limits. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Write and read a file with R=3 on an in-process dev cluster and print MiB/s next to this"
        + " machine's own limits (the same bytes written 3x with fsync; a warm sequential read).")
final class BenchCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--size", paramLabel = "SIZE", defaultValue = "1GiB", description = "File size; default 1GiB.")
  String size;

  @Option(names = "--chunk-size", paramLabel = "SIZE", defaultValue = "64MiB", description = "Chunk size; default 64MiB.")
  String chunkSize;

  @Option(names = "--dir", paramLabel = "DIR", defaultValue = ".",
      description = "Where the data goes (a temp folder inside it, removed afterwards); default the current folder.")
  Path dir;

  @Override
  public Integer call() throws IOException {
    var err = spec.commandLine().getErr();
    long bytes;
    long chunk;
    try {
      bytes = Sizes.parse(size);
      chunk = Sizes.parse(chunkSize);
    } catch (IllegalArgumentException e) {
      err.println("godfs: bench: " + e.getMessage());
      err.flush();
      return 2;
    }
    String problem = ChunkLayout.chunkSizeProblem(chunk);
    if (problem != null || bytes < 1) {
      err.println("godfs: bench: " + (problem != null ? problem : "--size : " + size + " (expected: > 0)"));
      err.flush();
      return 2;
    }
    if (!Files.isDirectory(dir)) {
      err.println("godfs: bench: --dir " + dir + " is not a directory");
      err.flush();
      return 2;
    }
    ThroughputBench.run(dir, bytes, chunk, spec.commandLine().getOut());
    return 0;
  }
}
