package io.godfs.bootstrap.wiring;

import io.godfs.adapters.grpc.tls.GrpcTls;
import io.godfs.adapters.telemetry.NodeMetrics;
import io.godfs.bootstrap.config.Build;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dev cluster's metrics (ADR 0023), for {@code godfs dev --metrics-port}: each node gets its
 * own registry and its own listener (health and {@code /metrics}), on consecutive ports from the
 * one given, as separate processes would have, and a Prometheus scrape configuration for all of
 * them is written to {@code <data>/prometheus.yml}. With security on the listeners serve HTTPS with
 * a certificate of the dev CA and let Prometheus in with a scrape token kept in {@code
 * <data>/security/metrics-token}; with {@code --insecure} they are open, like every other port.
 */
final class DevMetrics implements AutoCloseable {
  private final Path dataDir;
  private final String host;
  private final int basePort;
  private final Optional<Path> tokenFile;
  private final List<NodeListener> listeners = new ArrayList<>();
  private final Map<String, List<String>> targetsByJob = new LinkedHashMap<>();

  private DevMetrics(Path dataDir, String host, int basePort, Optional<Path> tokenFile) {
    this.dataDir = dataDir;
    this.host = host;
    this.basePort = basePort;
    this.tokenFile = tokenFile;
  }

  /** Ready to serve nodes' metrics from {@code basePort} (0: free ports); a token if secured. */
  static DevMetrics prepare(Path dataDir, String host, int basePort, Optional<Path> securityDir) {
    return new DevMetrics(dataDir, host, basePort, securityDir.map(DevMetrics::writeToken));
  }

  /** A new node's registry: {@code role} master, chunkserver or gateway, named {@code node}. */
  static NodeMetrics registry(String role, String node) {
    return NodeMetrics.of(Build.VERSION, role, node);
  }

  /**
   * Serves {@code metrics} and {@code readiness} on the next port, over HTTPS with {@code tls} when
   * given, as a target of Prometheus job {@code godfs-<role>}.
   */
  void serve(String role, NodeMetrics metrics, Readiness readiness, Optional<GrpcTls> tls) {
    int port = basePort == 0 ? 0 : basePort + listeners.size();
    NodeListener listener =
        NodeListener.start(
            host,
            port,
            readiness,
            tls,
            false,
            Optional.of(new NodeListener.Metrics(metrics.handler(), tokenFile)));
    listeners.add(listener);
    targetsByJob
        .computeIfAbsent("godfs-" + role, j -> new ArrayList<>())
        .add("127.0.0.1:" + listener.port());
  }

  /** Every listener's {@code /metrics} address, in start order. */
  List<String> urls(boolean https) {
    List<String> urls = new ArrayList<>();
    targetsByJob.values().forEach(t -> t.forEach(a -> urls.add(scheme(https) + a + "/metrics")));
    return urls;
  }

  /**
   * Writes {@code <data>/prometheus.yml}: a job per role, scraping every second over HTTPS trusting
   * {@code authority} with the token as bearer, or plain HTTP without security.
   */
  Path writeScrapeConfig(Optional<Path> authority) {
    StringBuilder yaml = new StringBuilder();
    yaml.append("# Written by godfs dev: prometheus --config.file=this file\n");
    yaml.append("global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n");
    yaml.append("scrape_configs:\n");
    targetsByJob.forEach(
        (job, targets) -> {
          yaml.append("  - job_name: ").append(job).append('\n');
          yaml.append("    scheme: ").append(authority.isPresent() ? "https" : "http").append('\n');
          authority.ifPresent(
              ca ->
                  yaml.append("    tls_config:\n      ca_file: ").append(quoted(ca)).append('\n'));
          tokenFile.ifPresent(
              t ->
                  yaml.append("    authorization:\n      credentials_file: ")
                      .append(quoted(t))
                      .append('\n'));
          yaml.append("    static_configs:\n      - targets: [");
          yaml.append(String.join(", ", targets.stream().map(a -> "'" + a + "'").toList()));
          yaml.append("]\n");
        });
    Path file = dataDir.resolve("prometheus.yml");
    try {
      Files.writeString(file, yaml);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
    return file;
  }

  private static String scheme(boolean https) {
    return https ? "https://" : "http://";
  }

  private static String quoted(Path path) {
    return "'" + path.toAbsolutePath().toString().replace("'", "''") + "'";
  }

  /** A fresh random scrape token, readable by the owner only. */
  private static Path writeToken(Path securityDir) {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    Path file = securityDir.resolve("metrics-token");
    try {
      Files.deleteIfExists(file);
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, HexFormat.of().formatHex(bytes));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the scrape token " + file, e);
    }
    return file;
  }

  @Override
  public void close() {
    listeners.forEach(NodeListener::close);
  }
}
