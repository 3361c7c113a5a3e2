package io.godfs.bootstrap.cli;

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
 * A command that works as a client of the master (the fs and admin commands). A refusal, an
 * unreachable master or a local file problem becomes one line on stderr, {@code godfs: <what
 * failed>: <why>}, and exit code {@link GodfsCli#FAILED}; the stack trace only with GODFS_DEBUG.
 */
abstract class MasterClientCommand implements Callable<Integer> {
  final CliContext ctx;

  @Spec CommandSpec spec;

  MasterClientCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Option(
      names = {"-m", "--master"},
      paramLabel = "HOST:PORT",
      description = "Master address (env GODFS_MASTER, default 127.0.0.1:9090).")
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

  /**
   * Checks what the options and parameters say together before the master is asked anything; a
   * {@link picocli.CommandLine.ParameterException} here is a usage error (exit 2).
   */
  void checkUsage() {}

  /** Connects to the master {@code config} names, does the work and returns the exit code. */
  abstract int connectAndRun(ClientConfig config) throws IOException;

  /** What the error line names, e.g. {@code put /data/x}. */
  abstract String operation();

  /**
   * What the error line names after {@code godfs: }; the operation unless a group adds its name.
   */
  String failedCommand() {
    return operation();
  }

  /** Flags to suggest per refusal, e.g. {@code ALREADY_EXISTS -> "use -f to overwrite"}. */
  Map<ErrorCode, String> hints() {
    return Map.of();
  }

  @Override
  public final Integer call() {
    checkUsage();
    ClientConfig config = ctx.clientConfig();
    try {
      return connectAndRun(config);
    } catch (DfsException | IOException | UncheckedIOException e) {
      // What the command printed so far comes before the error line, as a shell user expects.
      out().flush();
      // The line may quote a user's argument or a stored name: it must not drive the terminal.
      err()
          .println(
              DfsPath.controlsEscaped(
                  "godfs: "
                      + failedCommand()
                      + ": "
                      + ErrorMessages.of(e, config.masterAddress(), hints())));
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
}
