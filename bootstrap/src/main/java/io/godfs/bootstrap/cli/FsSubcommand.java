package io.godfs.bootstrap.cli;

import io.godfs.application.port.in.FileSystemUseCase;
import io.godfs.bootstrap.config.ClientConfig;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.file.DfsPath;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A {@code godfs fs} command: connects to the master, runs, and turns a refusal or a local file
 * problem into one line on stderr ({@code godfs: put /data/x: file /data/x already exists (use -f
 * to overwrite)}) and exit code 1.
 */
abstract class FsSubcommand implements Callable<Integer> {

  final CliContext ctx;

  @Spec
  CommandSpec spec;

  FsSubcommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Option(names = {"-m", "--master"}, paramLabel = "HOST:PORT",
      description = "Master address (env GODFS_MASTER, default 127.0.0.1:9090).")
  void master(String address) {
    ctx.masterFlag(address);
  }

  /** Does the work; text goes to {@link #out()}. */
  abstract void run(FileSystemUseCase fs) throws IOException;

  /** What the error line names, e.g. {@code put /data/x}. */
  abstract String operation();

  /** Flags to suggest per refusal, e.g. {@code ALREADY_EXISTS -> "use -f to overwrite"}. */
  Map<ErrorCode, String> hints() {
    return Map.of();
  }

  @Override
  public final Integer call() {
    ClientConfig config = ctx.clientConfig();
    try (FileSystemUseCase fs = ctx.connect(config)) {
      run(fs);
      return 0;
    } catch (DfsException | IOException | UncheckedIOException e) {
      out().flush();
      err().println("godfs: " + operation() + ": " + ErrorMessages.of(e, config.masterAddress(), hints()));
      if (ctx.debug()) {
        e.printStackTrace(err());
      }
      return GodfsCli.FAILED;
    } finally {
      out().flush();
      err().flush();
    }
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  static DfsPath path(String raw) {
    return DfsPath.parse(raw).orThrow();
  }

  /** Whether {@code path} is an existing directory; false when it does not exist. */
  static boolean isDirectory(FileSystemUseCase fs, DfsPath path) {
    try {
      return fs.stat(path).isDirectory();
    } catch (DfsException e) {
      if (e.code() == ErrorCode.NOT_FOUND) {
        return false;
      }
      throw e;
    }
  }
}
