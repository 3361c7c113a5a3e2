package io.godfs.bootstrap.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code godfs}: only dispatches; without a command it prints the usage and exits 2. */
@Command(
    name = "godfs",
    mixinStandardHelpOptions = true,
    version = "goDFS 0.1.0",
    description =
        "goDFS: a distributed file system with a master, chunkservers and 3-way replicated 64 MiB chunks.",
    footer = {
      "",
      "The fs commands also work without 'fs', as in the original goDFS client: godfs ls /",
      "Settings come from flags, then GODFS_* environment variables, then defaults (see each command's --help).",
      "Benchmarks (the benchmarks module, built on first use): godfs bench | bench-gateway | bench-metadata"
          + " | bench-repair | bench-security | bench-observability | bench-snapshots | bench-backup"
          + " | bench-peers-sdk | bench-growth"
    })
final class RootCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Spec CommandSpec spec;

  RootCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Option(
      names = {"-m", "--master"},
      paramLabel = "HOST:PORT",
      description =
          "Master address for the fs commands (env GODFS_MASTER, default 127.0.0.1:9090).")
  void master(String address) {
    ctx.masterFlag(address);
  }

  @Option(
      names = "--api-key-file",
      paramLabel = "FILE",
      description =
          "The API key or token to present, read from FILE (env GODFS_CLIENT_API_KEY=@FILE; without"
              + " either, ~/.godfs/credentials for this master).")
  void apiKeyFile(String path) {
    ctx.apiKeyFileFlag(path);
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return spec.exitCodeOnInvalidInput();
  }
}
