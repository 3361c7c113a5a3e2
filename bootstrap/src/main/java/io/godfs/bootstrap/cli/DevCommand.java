package io.godfs.bootstrap.cli;

import io.godfs.bootstrap.cli.NodeLauncher.RunningDev;
import io.godfs.bootstrap.config.ConfigLoader;
import io.godfs.bootstrap.config.DevConfig;
import io.godfs.bootstrap.config.Durations;
import io.godfs.bootstrap.config.Role;
import io.godfs.bootstrap.config.Setting;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "dev",
    mixinStandardHelpOptions = true,
    description = "Run a master and chunkservers in one process on 127.0.0.1, for development.")
final class DevCommand extends NodeCommand {
  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "Env GODFS_CHUNK_DATA; default ./godfs-data.")
  String data;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      description = "Master port; default 9090 (0 = any free port).")
  String port;

  @Option(
      names = "--first-chunk-port",
      paramLabel = "PORT",
      description = "First chunkserver port, the others follow; default 8000 (0 = any free ports).")
  String firstChunkPort;

  @Option(
      names = "--chunkservers",
      paramLabel = "N",
      description = "Number of chunkservers, 1-16; default 3.")
  String chunkservers;

  @Option(
      names = "--chunk-size",
      paramLabel = "SIZE",
      description = "Env GODFS_CHUNK_SIZE_BYTES; default 64MiB.")
  String chunkSize;

  @Option(
      names = "--replication",
      paramLabel = "N",
      description =
          "Env GODFS_REPLICATION; at most the chunkserver count; default 3 (or the count if lower).")
  String replication;

  @Option(
      names = "--gateway-port",
      paramLabel = "PORT",
      description = "REST gateway port; default 8080 (0 = any free port, off = no gateway).")
  String gatewayPort;

  @Option(
      names = "--masters",
      paramLabel = "N",
      description =
          "1 (default): one master, metadata in memory; 3 or 5: masters replicating the metadata with "
              + "Ratis on consecutive ports from --port (Raft on the ports 100 above), logs under DIR/master-<n>.")
  String masters;

  @Option(
      names = "--insecure",
      description =
          "Env GODFS_DEV_INSECURE; no authentication: anyone who reaches the ports may do"
              + " anything (for a laptop).")
  boolean insecure;

  @Option(
      names = "--metrics-port",
      paramLabel = "PORT",
      description =
          "Env GODFS_DEV_METRICS_PORT; each node's health and /metrics on its own port from PORT"
              + " (0 = any free ports), and DIR/prometheus.yml to scrape them; default off.")
  String metricsPort;

  @Option(
      names = "--dead-after",
      paramLabel = "DURATION",
      description =
          "Env GODFS_NODE_DEAD_AFTER; a chunkserver silent this long is dead and its chunks are"
              + " copied elsewhere; default 30s (more than the 2s heartbeat).")
  String deadAfter;

  @Option(
      names = "--soft-delete-grace",
      paramLabel = "DURATION",
      description =
          "Env GODFS_SOFT_DELETE_GRACE; deleted paths go to the trash and can be restored this long"
              + " (godfs fs trash ls, godfs fs restore), like 30s or 7d; default 0 = deletes are"
              + " immediate.")
  String softDeleteGrace;

  private DevConfig config;

  DevCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  public Role role() {
    return Role.DEV;
  }

  @Override
  public Map<Setting, String> flags() {
    Map<Setting, String> flags = new EnumMap<>(Setting.class);
    flags.put(Setting.DATA, data);
    flags.put(Setting.DEV_MASTER_PORT, port);
    flags.put(Setting.DEV_FIRST_CHUNK_PORT, firstChunkPort);
    flags.put(Setting.DEV_CHUNKSERVERS, chunkservers);
    flags.put(Setting.CHUNK_SIZE, chunkSize);
    flags.put(Setting.REPLICATION, replication);
    flags.put(Setting.DEV_GATEWAY_PORT, gatewayPort);
    flags.put(Setting.DEV_MASTERS, masters);
    flags.put(Setting.DEV_INSECURE, insecure ? "true" : null);
    flags.put(Setting.DEV_METRICS_PORT, metricsPort);
    flags.put(Setting.DEAD_AFTER, deadAfter);
    flags.put(Setting.SOFT_DELETE_GRACE, softDeleteGrace);
    return flags;
  }

  @Override
  public void configure(ConfigLoader loader) {
    config = loader.dev(flags());
  }

  @Override
  Started start() {
    RunningDev dev = ctx.launcher().startDev(config);
    String ports = dev.chunkPorts().stream().map(String::valueOf).collect(Collectors.joining(" "));
    String masterText =
        dev.masterAddresses().contains(",")
            ? "masters " + dev.masterAddresses() + " (metadata replicated by Ratis)"
            : "master " + config.listenHost() + ":" + dev.masterPort();
    return new Started(
        dev.handle(),
        name()
            + ": "
            + masterText
            + ", chunkservers "
            + ports
            + ", data "
            + config.dataDir()
            + ", replication "
            + config.replication()
            + (dev.masterAddresses().equals("127.0.0.1:9090")
                ? ""
                : System.lineSeparator()
                    + "Clients: godfs --master "
                    + dev.masterAddresses()
                    + " ... (or export GODFS_MASTER="
                    + dev.masterAddresses()
                    + ")")
            + gatewayText(dev)
            + trashText()
            + metricsText(dev)
            + securityText(dev));
  }

  /** How long deleted paths stay restorable, when the trash is on (ADR 0024). */
  private String trashText() {
    if (!config.trashGrace().isPositive()) {
      return "";
    }
    return System.lineSeparator()
        + "Trash: deleted paths can be restored for "
        + Durations.format(config.trashGrace())
        + " (godfs fs trash ls; godfs fs restore PATH)";
  }

  /** Where each node's metrics are, and the Prometheus configuration that scrapes them. */
  private static String metricsText(RunningDev dev) {
    if (dev.metricsUrls().isEmpty()) {
      return "";
    }
    return System.lineSeparator()
        + "Metrics: "
        + String.join(" ", dev.metricsUrls())
        + dev.scrapeConfig()
            .map(c -> " (Prometheus: prometheus --config.file=" + c + ")")
            .orElse("");
  }

  private String gatewayText(RunningDev dev) {
    if (dev.gatewayPort() < 0) {
      return "";
    }
    String scheme = dev.authorityFile().isPresent() ? "https://" : "http://";
    String base = scheme + config.listenHost() + ":" + dev.gatewayPort();
    String trust = dev.authorityFile().map(ca -> "--cacert " + ca + " ").orElse("");
    String auth =
        dev.adminKeyFile().map(f -> "-H \"Authorization: Bearer $(cat " + f + ")\" ").orElse("");
    return System.lineSeparator()
        + "REST gateway: "
        + base
        + "/v1 (try: curl "
        + trust
        + auth
        + base
        + "/v1/fs/list?path=/)";
  }

  /** Where the admin credential is, or a warning that there is none. */
  private static String securityText(RunningDev dev) {
    if (dev.adminKeyFile().isEmpty()) {
      return System.lineSeparator()
          + "WARNING: SECURITY IS OFF (--insecure): anyone who reaches these ports may read,"
          + " write and delete everything, and administer the cluster.";
    }
    Path key = dev.adminKeyFile().get();
    return System.lineSeparator()
        + "Security: on, TLS on every port"
        + dev.authorityFile().map(ca -> " (CA certificate: " + ca + ")").orElse("")
        + ". Admin API key: "
        + key
        + dev.credentialsFile()
            .map(
                f ->
                    " (the CLI and the SDK on this machine find it through "
                        + f
                        + "; elsewhere: export GODFS_CLIENT_API_KEY=@"
                        + key
                        + ")")
            .orElse("");
  }

  @Override
  String name() {
    return "goDFS dev cluster";
  }
}
