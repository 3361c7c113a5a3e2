package io.godfs.bootstrap;

import io.godfs.adapters.grpc.tls.TlsContexts;
import io.godfs.adapters.grpc.tls.TlsProvider;
import io.godfs.application.client.ClientSettings;
import io.godfs.bootstrap.cli.CliContext;
import io.godfs.bootstrap.cli.GodfsCli;
import io.godfs.bootstrap.cli.WiringNodeLauncher;
import io.godfs.bootstrap.config.ConfigException;
import io.godfs.bootstrap.config.ConfigLoader;
import io.godfs.bootstrap.config.Role;
import io.godfs.bootstrap.config.Setting;
import io.godfs.bootstrap.logging.Logging;
import io.godfs.client.GodfsClient;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code godfs} launcher: real nodes, the gRPC client, this process's streams and environment.
 */
public final class Main {
  private Main() {}

  /** Which TLS implementation encrypts gRPC in this process: auto (the default), jdk or openssl. */
  private static final String TLS_PROVIDER = Setting.TLS_PROVIDER.envNames().getFirst();

  /**
   * Sets this process's TLS provider from {@code GODFS_TLS_PROVIDER} in {@code env} (unset or
   * blank: {@code auto}); returns what is wrong with it, if anything.
   */
  static Optional<String> chooseTlsProvider(Map<String, String> env) {
    String raw = env.get(TLS_PROVIDER);
    if (raw == null || raw.isBlank()) {
      return Optional.empty();
    }
    try {
      TlsContexts.use(TlsProvider.parse(raw));
      return Optional.empty();
    } catch (IllegalArgumentException | IllegalStateException e) {
      return Optional.of(e.getMessage());
    }
  }

  /**
   * Formats and levels this process's logs from {@code GODFS_LOG_FORMAT} and {@code
   * GODFS_LOG_LEVEL} in {@code env} (ADR 0023, "Logs"); returns what is wrong with them, if
   * anything.
   */
  static Optional<String> configureLogging(Map<String, String> env) {
    try {
      Logging.configure(new ConfigLoader(env).logging(Role.CLIENT, Map.of()), Logging.node(env));
      return Optional.empty();
    } catch (ConfigException e) {
      return Optional.of(e.getMessage());
    }
  }

  public static void main(String[] args) {
    System.exit(run(List.of(), args));
  }

  /**
   * Runs {@code godfs args} in this process and returns its exit code; {@code moreCommands} are
   * top-level commands beyond the server's (the benchmarks module's launcher passes its own).
   */
  public static int run(List<Object> moreCommands, String... args) {
    Optional<String> logProblem = configureLogging(System.getenv());
    if (logProblem.isPresent()) {
      System.err.println("godfs: " + logProblem.get());
      return GodfsCli.USAGE;
    }
    Optional<String> tlsProblem = chooseTlsProvider(System.getenv());
    if (tlsProblem.isPresent()) {
      System.err.println("godfs: " + tlsProblem.get());
      return GodfsCli.USAGE;
    }
    CliContext ctx =
        CliContext.forProcess(
            new WiringNodeLauncher(),
            config ->
                GodfsClient.connect(
                    config.masterAddress(),
                    ClientSettings.DEFAULTS,
                    config.apiKey(),
                    config.tls(),
                    config.meter(),
                    config.io(),
                    config.tracing()));
    return GodfsCli.execute(
        ctx, new PrintWriter(System.out), new PrintWriter(System.err), moreCommands, args);
  }
}
