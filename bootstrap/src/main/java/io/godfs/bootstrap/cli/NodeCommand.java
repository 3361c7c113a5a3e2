package io.godfs.bootstrap.cli;

import io.godfs.adapters.grpc.tls.GrpcTls;
import io.godfs.adapters.telemetry.NodeMetrics;
import io.godfs.adapters.telemetry.NodeTracing;
import io.godfs.bootstrap.config.ConfigFile;
import io.godfs.bootstrap.config.ConfigLoader;
import io.godfs.bootstrap.config.ListenAddress;
import io.godfs.bootstrap.config.Role;
import io.godfs.bootstrap.wiring.NodeListener;
import io.godfs.bootstrap.wiring.Readiness;
import io.opentelemetry.api.OpenTelemetry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A server command ({@code master}, {@code chunkserver}, {@code dev}): validate the config, start,
 * say where it listens, then serve until SIGTERM or Ctrl-C. A bad setting throws {@link
 * io.godfs.bootstrap.config.ConfigException} (exit 2); a start failure is one line on stderr and
 * exit 1.
 */
abstract class NodeCommand implements Callable<Integer>, RoleCommand {
  final CliContext ctx;

  @Spec CommandSpec spec;

  @Mixin ConfigFileOption configFile = new ConfigFileOption();

  /**
   * Where to answer HTTP health checks; set by {@link #configure} of the commands that have the
   * option.
   */
  Optional<ListenAddress> health = Optional.empty();

  /** The node's TLS, which its health listener serves HTTPS with; empty = plain HTTP. */
  Optional<GrpcTls> healthTls = Optional.empty();

  /** {@code GODFS_HEALTH_CLIENT_CERT=required}: the health listener refuses clients without one. */
  boolean healthRequiresCertificate;

  /** {@code GODFS_METRICS_TOKEN_FILE}: the scrape token {@code /metrics} also accepts. */
  Optional<Path> metricsTokenFile = Optional.empty();

  /** The node's name in its metrics ({@code godfs_build_info{node}}): its id. */
  String nodeName = "";

  /** The node's metrics, kept when it has a listener to serve them on. */
  private Optional<NodeMetrics> metrics = Optional.empty();

  /** The node's tracing: off unless an OTLP endpoint is set (ADR 0023). */
  private NodeTracing tracing = NodeTracing.OFF;

  /** What the node traces with: the no-op API when tracing is off. */
  OpenTelemetry tracing() {
    return tracing.openTelemetry();
  }

  /** The node's metrics, when a listener serves them. */
  Optional<NodeMetrics> metrics() {
    return metrics;
  }

  NodeCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public String configFile() {
    return configFile.path;
  }

  /** Starts the configured node. */
  abstract Started start();

  /** The name in messages, e.g. {@code goDFS master}. */
  abstract String name();

  /** A running node, the line announcing where it listens, and whether it is ready for traffic. */
  record Started(AutoCloseable handle, String announcement, Readiness readiness) {
    Started(AutoCloseable handle, String announcement) {
      this(handle, announcement, Readiness.ALWAYS);
    }
  }

  @Override
  public final Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ConfigFile file = configFile.load();
    file.warnings().forEach(w -> err.println("godfs: warning: " + w));
    ConfigLoader loader = ctx.config(file);
    configure(loader);
    String role = role().name().toLowerCase(Locale.ROOT);
    if (role() != Role.DEV) { // a dev cluster traces each of its nodes itself
      tracing =
          loader
              .tracing(role(), flags(), "godfs-" + role)
              .map(export -> NodeTracing.start(export, nodeName.isEmpty() ? role : nodeName))
              .orElse(NodeTracing.OFF);
    }
    // Kept only where a listener serves them: a node without one pays nothing for metrics.
    metrics =
        health.map(
            h -> NodeMetrics.of(GodfsCli.VERSION, role, nodeName.isEmpty() ? role : nodeName));
    Started started;
    try {
      started = traced(withListener(start()));
    } catch (RuntimeException e) {
      tracing.close();
      String message =
          e.getMessage() == null || e.getMessage().isBlank() ? e.toString() : e.getMessage();
      err.println("godfs: " + spec.name() + ": cannot start: " + message);
      if (ctx.debug()) {
        e.printStackTrace(err);
      }
      err.flush();
      return GodfsCli.FAILED;
    }
    out.println(started.announcement());
    out.println("Ctrl-C or SIGTERM stops it.");
    out.flush();
    ctx.shutdown().awaitThenClose(name(), started.handle(), err);
    return 0;
  }

  /** The node, then its tracing (which exports the spans left) closed in that order. */
  private Started traced(Started node) {
    if (!tracing.on()) {
      return node;
    }
    NodeTracing spans = tracing;
    AutoCloseable both =
        () -> {
          try (spans;
              AutoCloseable n = node.handle()) {
            // The node first, so its last spans are exported.
          }
        };
    return new Started(both, node.announcement(), node.readiness());
  }

  /**
   * The node plus its listener (health and metrics) when one is asked for; closing it stops the
   * listener, then the node.
   */
  private Started withListener(Started node) {
    return withListener(
        node, health, healthTls, healthRequiresCertificate, metrics, metricsTokenFile);
  }

  /**
   * {@code node} plus a listener on {@code listen}, if given, serving its health and its {@code
   * metrics} (readable as {@link NodeListener} rules, with {@code tokenFile}'s token too).
   */
  static Started withListener(
      Started node,
      Optional<ListenAddress> listen,
      Optional<GrpcTls> tls,
      boolean healthRequiresCertificate,
      Optional<NodeMetrics> metrics,
      Optional<Path> metricsTokenFile) {
    if (listen.isEmpty()) {
      return node;
    }
    NodeListener endpoint;
    try {
      endpoint =
          NodeListener.start(
              listen.get().host(),
              listen.get().port(),
              node.readiness(),
              tls,
              healthRequiresCertificate,
              metrics.map(m -> new NodeListener.Metrics(m.handler(), metricsTokenFile)));
    } catch (RuntimeException e) {
      closeQuietly(node.handle());
      throw e;
    }
    AutoCloseable both =
        () -> {
          try (AutoCloseable n = node.handle();
              endpoint) {
            // Both are closed, the endpoint first: an orchestrator sees the node go before it
            // stops.
          }
        };
    return new Started(
        both,
        node.announcement()
            + ", health and metrics on "
            + (tls.isPresent() ? "https://" : "")
            + listening(listen.get().host(), endpoint.port()),
        node.readiness());
  }

  private static void closeQuietly(AutoCloseable handle) {
    try {
      handle.close();
    } catch (Exception e) {
      // Already failing to start: the start error is the one to report.
    }
  }

  /** {@code 0.0.0.0:9090} for an every-interface listen host. */
  static String listening(String host, int port) {
    String shown = host.isEmpty() ? "0.0.0.0" : host.contains(":") ? "[" + host + "]" : host;
    return shown + ":" + port;
  }
}
