package io.godfs.benchmarks.cli;

import io.godfs.benchmarks.ThroughputBench;
import io.godfs.domain.chunk.ChunkLayout;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code godfs bench}: write and read throughput on an in-process dev cluster next to the disk's
 * limits.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description =
        "Write and read a file with R=3 on an in-process dev cluster and print MiB/s next to this"
            + " machine's own limits (the same bytes written 3x with fsync; a warm sequential read).")
final class BenchCommand extends BenchmarkCommand {
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
      description =
          "Where the data goes (a temp folder inside it, removed afterwards); default the current folder.")
  Path dir;

  @Override
  int run() throws IOException {
    long bytes = parseSize(size);
    long chunk = parseSize(chunkSize);
    String chunkProblem = ChunkLayout.chunkSizeProblem(chunk);
    require(chunkProblem == null, chunkProblem);
    require(bytes > 0, "--size : " + size + " (expected: > 0)");
    requireDirectory(dir);
    ThroughputBench.run(dir, bytes, chunk, out());
    return 0;
  }
}
