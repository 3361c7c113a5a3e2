package io.godfs.bootstrap.cli;

import io.godfs.adapters.grpc.ChannelPool;
import io.godfs.adapters.grpc.GrpcAdminClient;
import io.godfs.application.port.in.AdminUseCase;
import io.godfs.bootstrap.config.ClientConfig;
import io.godfs.domain.error.DfsException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A {@code godfs admin} command: asks the master's admin API and prints the answer; a refusal or
 * an unreachable master is one line on stderr and exit code 1 (as the fs commands).
 */
abstract class AdminSubcommand implements Callable<Integer> {
  private static final Duration DEADLINE = Duration.ofSeconds(30);

  final CliContext ctx;

  @Spec
  CommandSpec spec;

  AdminSubcommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Option(names = {"-m", "--master"}, paramLabel = "HOST:PORT",
      description = "Master address (env GODFS_MASTER, default 127.0.0.1:9090).")
  void master(String address) {
    ctx.masterFlag(address);
  }

  /** Does the work; returns the exit code. */
  abstract int run(AdminUseCase admin);

  abstract String operation();

  @Override
  public final Integer call() {
    ClientConfig config = ctx.clientConfig();
    try (ChannelPool channels = new ChannelPool()) {
      return run(new GrpcAdminClient(config.masterAddress(), channels, DEADLINE));
    } catch (DfsException e) {
      out().flush();
      err().println("godfs: admin " + operation() + ": " + ErrorMessages.of(e, config.masterAddress(), Map.of()));
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
