package io.godfs.benchmarks.cli;

import io.godfs.adapters.grpc.tls.TlsProvider;
import io.godfs.benchmarks.ObservabilityBench;
import io.godfs.domain.chunk.ChunkLayout;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code godfs bench-observability}: what metrics and tracing cost (ADR 0023). */
@Command(
    name = "bench-observability",
    mixinStandardHelpOptions = true,
    description =
        "Write a file (R=3) and create 1 KiB files on three in-process secured clusters: unwatched,"
            + " with every node's metrics fed and scraped every 15 s, and with tracing at 1 %%"
            + " sampling to an in-process OTLP receiver too; in interleaved rounds. Prints the"
            + " medians side by side with the cost in %% against the 3 %% target, the spread of the"
            + " rounds, this machine's limits, and an estimate from the interceptors' cost per call"
            + " measured in memory. Logs go to a file.")
final class ObservabilityBenchCommand extends BenchmarkCommand {
  @Option(
      names = "--size",
      paramLabel = "SIZE",
      defaultValue = "1GiB",
      description = "File size; default 1GiB.")
  String size;

  @Option(
      names = "--rounds",
      paramLabel = "N",
      defaultValue = "3",
      description = "Measured rounds per cluster (the median is shown); default 3.")
  int rounds;

  @Option(
      names = "--clients",
      paramLabel = "N",
      defaultValue = "16",
      description = "Concurrent clients creating 1 KiB files; default 16.")
  int clients;

  @Option(
      names = "--create-seconds",
      paramLabel = "S",
      defaultValue = "5",
      description = "How long each round creates files; default 5.")
  int createSeconds;

  @Option(
      names = "--tls-provider",
      paramLabel = "P",
      defaultValue = "auto",
      description = "auto (BoringSSL where it loads, as the nodes default to), jdk or openssl.")
  String tlsProvider;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      defaultValue = ".",
      description = "Where the data goes (a temp folder inside it, removed afterwards).")
  Path dir;

  @Option(
      names = "--log",
      paramLabel = "FILE",
      defaultValue = "godfs-bench-observability.log",
      description = "Where the nodes' log goes; default godfs-bench-observability.log.")
  Path log;

  @Override
  int run() throws Exception {
    long bytes = parseSize(size);
    require(bytes > 0, "--size : " + size + " (expected: > 0)");
    require(
        rounds > 0 && clients > 0 && createSeconds > 0,
        "--rounds, --clients and --create-seconds must be > 0");
    TlsProvider provider;
    try {
      provider = TlsProvider.parse(tlsProvider);
    } catch (IllegalArgumentException e) {
      throw new BadOption("--tls-provider : " + tlsProvider + " (expected: auto, jdk or openssl)");
    }
    long chunk = 64L << 20;
    String chunkProblem = ChunkLayout.chunkSizeProblem(chunk);
    require(chunkProblem == null, chunkProblem);
    requireDirectory(dir);
    ObservabilityBench.run(
        dir,
        log,
        new ObservabilityBench.Options(
            bytes, chunk, rounds, clients, Duration.ofSeconds(createSeconds), provider),
        out());
    return 0;
  }
}
