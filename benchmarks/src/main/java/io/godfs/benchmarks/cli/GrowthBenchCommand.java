package io.godfs.benchmarks.cli;

import io.godfs.application.client.ClientSettings;
import io.godfs.benchmarks.GrowthWorkload;
import io.godfs.benchmarks.ServerProcesses;
import io.godfs.bootstrap.config.ClientConfig;
import io.godfs.bootstrap.config.ConfigLoader;
import io.godfs.client.GodfsClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code godfs bench-growth}: the growth part of {@code benchmarks/peers/} against a running local
 * cluster ({@code benchmarks/peers/growth.sh} starts one and runs it).
 */
@Command(
    name = "bench-growth",
    mixinStandardHelpOptions = true,
    description =
        "Write files of growing size (1, 4, 16 GiB) with every process's resident memory after"
            + " each, then create many small files with the rate of the first and the last window"
            + " and the masters' heap per file, against the cluster GODFS_MASTER names and whose"
            + " pid files are in --servers. Prints LABEL, workload, figure, unit per line.")
final class GrowthBenchCommand extends BenchmarkCommand {
  @Option(
      names = "--servers",
      paramLabel = "DIR",
      required = true,
      description = "The cluster's directory (deployments/local/cluster.sh): its *.pid files.")
  Path servers;

  @Option(
      names = "--sizes",
      paramLabel = "GIB",
      split = ",",
      defaultValue = "1,4,16",
      description = "File sizes in GiB, written one after another; default 1,4,16.")
  List<Integer> sizes;

  @Option(
      names = "--files",
      paramLabel = "N",
      defaultValue = "1000000",
      description = "Small files to create (0: none); default 1000000.")
  int files;

  @Option(
      names = "--file-bytes",
      paramLabel = "BYTES",
      defaultValue = "1024",
      description = "Size of each small file (0: empty); default 1024.")
  int fileBytes;

  @Option(
      names = "--threads",
      paramLabel = "N",
      defaultValue = "16",
      description = "Threads of the one client that create at once; default 16.")
  int threads;

  @Option(
      names = "--window",
      paramLabel = "N",
      defaultValue = "50000",
      description = "Files per rate window (first against last); default 50000.")
  int window;

  @Override
  int run() throws Exception {
    require(Files.isDirectory(servers), "--servers " + servers + " is not a directory");
    require(sizes.stream().allMatch(s -> s >= 1), "--sizes " + sizes + " (expected: GiB >= 1)");
    require(files >= 0, "--files " + files + " (expected: >= 0)");
    require(
        files == 0 || (window >= 1 && window <= files),
        "--window " + window + " (expected: 1-" + files + ")");
    require(fileBytes >= 0, "--file-bytes " + fileBytes + " (expected: >= 0)");
    require(threads >= 1, "--threads " + threads + " (expected: >= 1)");
    ClientConfig config = new ConfigLoader(System.getenv()).client(Map.of());
    try (GodfsClient fs =
        GodfsClient.connect(
            config.masterAddress(), ClientSettings.DEFAULTS, config.apiKey(), config.tls())) {
      GrowthWorkload.run(
          fs,
          new ServerProcesses(servers),
          sizes,
          files,
          fileBytes,
          threads,
          window,
          out(),
          spec.commandLine().getErr());
    }
    return 0;
  }
}
