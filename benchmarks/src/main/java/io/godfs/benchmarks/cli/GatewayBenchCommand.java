package io.godfs.benchmarks.cli;

import io.godfs.benchmarks.GatewayBench;
import io.godfs.bootstrap.config.Sizes;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code godfs bench-gateway}: MiB/s through the REST gateway next to the SDK, and small PUTs/s.
 */
@Command(
    name = "bench-gateway",
    mixinStandardHelpOptions = true,
    description =
        "PUT and GET a file through the SDK and through the REST gateway on an in-process dev cluster"
            + " (R=3), then steady 1 KiB PUTs/s from concurrent HTTP clients, next to the same clients' PUTs/s"
            + " against a no-op Helidon route.")
final class GatewayBenchCommand extends BenchmarkCommand {
  @Option(
      names = "--size",
      paramLabel = "SIZE",
      defaultValue = "1GiB",
      description = "File size; default 1GiB.")
  String size;

  @Option(
      names = "--clients",
      paramLabel = "N",
      defaultValue = "16",
      description = "Concurrent small-PUT clients.")
  int clients;

  @Option(
      names = "--masters",
      paramLabel = "N",
      defaultValue = "1",
      description =
          "1: one in-memory master (the dev default); 3: a replicated Ratis group, durable on disk.")
  int masters;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      defaultValue = ".",
      description = "Where the data goes (temp folder).")
  Path dir;

  @Override
  int run() throws Exception {
    long bytes = Sizes.parse(size);
    require(bytes > 0 && clients > 0, "--size and --clients must be > 0");
    require(masters == 1 || masters == 3, "--masters must be 1 or 3");
    GatewayBench.run(dir, bytes, 64L << 20, clients, masters, out());
    return 0;
  }
}
