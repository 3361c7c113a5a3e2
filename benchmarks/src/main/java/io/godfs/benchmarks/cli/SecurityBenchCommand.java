package io.godfs.benchmarks.cli;

import io.godfs.adapters.grpc.tls.TlsProvider;
import io.godfs.benchmarks.SecurityBench;
import io.godfs.domain.chunk.ChunkLayout;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code godfs bench-security}: what TLS, authentication, tokens and the audit trail cost. */
@Command(
    name = "bench-security",
    mixinStandardHelpOptions = true,
    description =
        "Write and read a file (R=3) and create 1 KiB files on in-process clusters with security off"
            + " and on (TLS 1.3 and mTLS, API key and authorization, chunk access tokens, audit"
            + " trail), in interleaved rounds, and print the medians side by side with the cost in %"
            + " against the targets (10 % for the file, 15 % for creates) and this machine's limits."
            + " Logs go to a file.")
final class SecurityBenchCommand extends BenchmarkCommand {
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
      defaultValue = "both",
      description =
          "both (a secured column each for the JDK's TLS and BoringSSL), jdk or openssl; default"
              + " both.")
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
      defaultValue = "godfs-bench-security.log",
      description = "Where the nodes' log goes; default godfs-bench-security.log.")
  Path log;

  @Override
  int run() throws Exception {
    long bytes = parseSize(size);
    require(bytes > 0, "--size : " + size + " (expected: > 0)");
    require(
        rounds > 0 && clients > 0 && createSeconds > 0,
        "--rounds, --clients and --create-seconds must be > 0");
    long chunk = 64L << 20;
    String chunkProblem = ChunkLayout.chunkSizeProblem(chunk);
    require(chunkProblem == null, chunkProblem);
    requireDirectory(dir);
    SecurityBench.run(
        dir,
        log,
        new SecurityBench.Options(
            bytes, chunk, rounds, clients, Duration.ofSeconds(createSeconds), providers()),
        out());
    return 0;
  }

  private List<TlsProvider> providers() {
    return switch (tlsProvider) {
      case "both" -> List.of(TlsProvider.JDK, TlsProvider.OPENSSL);
      case "jdk" -> List.of(TlsProvider.JDK);
      case "openssl" -> List.of(TlsProvider.OPENSSL);
      default ->
          throw new BadOption(
              "--tls-provider : " + tlsProvider + " (expected: both, jdk or openssl)");
    };
  }
}
