package io.godfs.benchmarks.cli;

import io.godfs.benchmarks.PeersSdkWorkload;
import io.godfs.bootstrap.config.ClientConfig;
import io.godfs.bootstrap.config.ConfigLoader;
import io.godfs.client.GodfsClient;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code godfs bench-peers-sdk}: the goDFS SDK side of {@code benchmarks/peers/} against a running
 * cluster, found as every client finds it (GODFS_MASTER, GODFS_TLS_*, GODFS_CLIENT_API_KEY). {@code
 * benchmarks/peers/godfs-sdk.sh} starts the cluster and runs it.
 */
@Command(
    name = "bench-peers-sdk",
    mixinStandardHelpOptions = true,
    description =
        "Run the peers benchmark's SDK workloads (write, cold/warm reads, over gRPC only, N writers at"
            + " once, stat, mkdir, rename, delete, 1 KiB creates, a 10,000-entry listing) against the"
            + " running cluster GODFS_MASTER names; prints LABEL, workload, median, unit, rounds per"
            + " line. Run as root: it drops the page cache before the cold reads.")
final class PeersSdkBenchCommand extends BenchmarkCommand {
  @Option(
      names = "--size",
      paramLabel = "SIZE",
      defaultValue = "1GiB",
      description = "Bytes each large write and read moves; default 1GiB.")
  String size;

  @Option(
      names = "--rounds",
      paramLabel = "N",
      defaultValue = "3",
      description = "Measured rounds after the warm-up; default 3.")
  int rounds;

  @Option(
      names = "--writers",
      paramLabel = "N",
      defaultValue = "8",
      description = "Clients writing --size each at once in write_N_clients; default 8.")
  int writers;

  @Option(
      names = "--parts",
      paramLabel = "PART",
      split = ",",
      defaultValue = "DATA,METADATA",
      description =
          "Which workloads: DATA (write, reads, writers at once), METADATA (stat ... list), or both"
              + " (the default); one alone suits a profile of that path.")
  Set<PeersSdkWorkload.Part> parts;

  @Override
  int run() throws Exception {
    long bytes = parseSize(size);
    require(
        bytes >= 1 << 20 && bytes % (1 << 20) == 0, "--size " + size + " (expected: whole MiB)");
    require(rounds >= 1, "--rounds " + rounds + " (expected: >= 1)");
    require(writers >= 1, "--writers " + writers + " (expected: >= 1)");
    ClientConfig config = new ConfigLoader(System.getenv()).client(Map.of());
    PeersSdkWorkload.run(
        settings ->
            GodfsClient.connect(config.masterAddress(), settings, config.apiKey(), config.tls()),
        (int) (bytes >> 20),
        rounds,
        writers,
        EnumSet.copyOf(parts),
        out(),
        spec.commandLine().getErr());
    return 0;
  }
}
