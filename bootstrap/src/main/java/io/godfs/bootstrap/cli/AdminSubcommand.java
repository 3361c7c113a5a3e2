package io.godfs.bootstrap.cli;

import io.godfs.adapters.grpc.ChannelPool;
import io.godfs.adapters.grpc.GrpcAdminClient;
import io.godfs.application.port.in.AdminClient;
import io.godfs.bootstrap.config.ClientConfig;
import java.time.Duration;

/**
 * A {@code godfs admin} command: asks the master's admin API and prints the answer; a failure is
 * one line on stderr, e.g. {@code godfs: admin fsck /: cannot reach the master ...}, and exit code
 * 1 (see {@link MasterClientCommand}).
 */
abstract class AdminSubcommand extends MasterClientCommand {
  /** Long enough for adding a master, which commits once the new master caught up. */
  private static final Duration DEADLINE = Duration.ofSeconds(90);

  AdminSubcommand(CliContext ctx) {
    super(ctx);
  }

  /** Does the work; returns the exit code. */
  abstract int run(AdminClient admin);

  @Override
  final int connectAndRun(ClientConfig config) {
    try (ChannelPool channels = new ChannelPool(config.apiKey(), config.tls())) {
      return run(new GrpcAdminClient(config.masterAddress(), channels, DEADLINE));
    }
  }

  @Override
  final String failedCommand() {
    return "admin " + operation();
  }
}
