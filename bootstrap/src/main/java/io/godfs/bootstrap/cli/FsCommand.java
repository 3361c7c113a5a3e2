package io.godfs.bootstrap.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code godfs fs}: the file commands; without one it prints the usage and exits 2. */
@Command(
    name = "fs",
    mixinStandardHelpOptions = true,
    description = "Work with goDFS files: put, get, ls, mv, rm ...",
    footer = {
      "",
      "PATH is an absolute goDFS path like /data/file; LOCAL is a local file, - for stdin/stdout."
    })
final class FsCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Spec CommandSpec spec;

  FsCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Option(
      names = {"-m", "--master"},
      paramLabel = "HOST:PORT",
      description = "Master address (env GODFS_MASTER, default 127.0.0.1:9090).")
  void master(String address) {
    ctx.masterFlag(address);
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return spec.exitCodeOnInvalidInput();
  }
}
