package io.godfs.bootstrap.cli;

import io.godfs.adapters.grpc.tls.GrpcTls;
import io.godfs.bootstrap.cli.NodeLauncher.RunningNode;
import io.godfs.bootstrap.config.ChunkserverConfig;
import io.godfs.bootstrap.config.ConfigLoader;
import io.godfs.bootstrap.config.Role;
import io.godfs.bootstrap.config.Setting;
import io.godfs.bootstrap.config.Sizes;
import io.godfs.bootstrap.wiring.ca.CertificateFiles;
import io.godfs.bootstrap.wiring.ca.Enrolment;
import io.godfs.domain.authority.NodeRole;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "chunkserver",
    mixinStandardHelpOptions = true,
    description = "Run a chunkserver (stores chunk replicas, registers with the master).")
final class ChunkserverCommand extends NodeCommand {
  @Option(
      names = {"-m", "--master"},
      paramLabel = "HOST:PORT",
      description = "Env GODFS_MASTER; default 127.0.0.1:9090.")
  String master;

  @Option(
      names = "--listen",
      paramLabel = "[HOST]:PORT",
      description = "Env GODFS_CHUNK_LISTEN; default :8000.")
  String listen;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "Env GODFS_CHUNK_DATA; default ./chunkdata.")
  String data;

  @Option(
      names = "--node-id",
      paramLabel = "ID",
      description = "Env GODFS_NODE_ID; stable name, default chunk-1.")
  String nodeId;

  @Option(
      names = "--advertise",
      paramLabel = "HOST:PORT",
      description =
          "Env GODFS_ADVERTISE_ADDR; address clients and peers use; default 127.0.0.1:<listen port>.")
  String advertise;

  @Option(
      names = "--scrub-rate",
      paramLabel = "SIZE",
      description =
          "Env GODFS_SCRUB_RATE; bytes per second the scrubber re-reads and verifies; 0 = off; default 16MiB.")
  String scrubRate;

  @Option(
      names = "--direct-writes",
      paramLabel = "BOOL",
      description =
          "Env GODFS_CHUNK_DIRECT_WRITES; append to replicas around the page cache (O_DIRECT): less"
              + " CPU per byte written, but a replica just written is read from the disk; default"
              + " false.")
  String directWrites;

  @Option(
      names = "--capacity",
      paramLabel = "SIZE",
      description = "Env GODFS_CHUNK_CAPACITY_BYTES; space offered; default 0 = measure the disk.")
  String capacity;

  @Option(
      names = "--heartbeat-interval",
      paramLabel = "DURATION",
      description = "Env GODFS_HEARTBEAT_INTERVAL; default 2s.")
  String heartbeatInterval;

  private ChunkserverConfig config;
  private Optional<String> clusterKey = Optional.empty();
  private Optional<GrpcTls> tls = Optional.empty();
  private Optional<String> joinToken = Optional.empty();

  ChunkserverCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  public Role role() {
    return Role.CHUNKSERVER;
  }

  @Override
  public Map<Setting, String> flags() {
    Map<Setting, String> flags = new EnumMap<>(Setting.class);
    flags.put(Setting.MASTER, master);
    flags.put(Setting.CHUNK_LISTEN, listen);
    flags.put(Setting.DATA, data);
    flags.put(Setting.NODE_ID, nodeId);
    flags.put(Setting.ADVERTISE, advertise);
    flags.put(Setting.CAPACITY, capacity);
    flags.put(Setting.SCRUB_RATE, scrubRate);
    flags.put(Setting.DIRECT_WRITES, directWrites);
    flags.put(Setting.HEARTBEAT_INTERVAL, heartbeatInterval);
    flags.put(Setting.HEALTH_LISTEN, healthOption.healthListen);
    return flags;
  }

  @Override
  public void configure(ConfigLoader loader) {
    config = loader.chunkserver(flags());
    clusterKey = loader.clusterKey(role(), flags());
    tls = loader.tls(role(), flags());
    joinToken = loader.joinToken(role(), flags());
    health = loader.healthListen(role(), flags());
    healthTls = tls;
    healthRequiresCertificate = loader.healthRequiresClientCertificate(role(), flags());
    metricsTokenFile = loader.metricsTokenFile(role(), flags());
    nodeName = config.nodeId();
  }

  @Mixin HealthOption healthOption = new HealthOption();

  @Override
  Started start() {
    CertificateFiles joined = new CertificateFiles(config.dataDir().resolve("tls"));
    if (tls.isEmpty() && (joinToken.isPresent() || joined.current().isPresent())) {
      // The embedded CA: joins with the token once, then renews by itself (ADR 0022).
      tls =
          Optional.of(
              Enrolment.enrol(
                      joined,
                      config.masterAddress(),
                      joinToken,
                      NodeRole.CHUNKSERVER,
                      config.nodeId(),
                      altNames(),
                      true)
                  .tls());
    }
    RunningNode node =
        ctx.launcher().startChunkserver(config, clusterKey, tls, metrics(), tracing());
    String advertised =
        config.advertiseAddress() != null ? config.advertiseAddress() : "127.0.0.1:" + node.port();
    String capacityText =
        config.capacityBytes() == 0
            ? "measured from the disk"
            : Sizes.format(config.capacityBytes());
    return new Started(
        node.handle(),
        name()
            + ": listening on "
            + listening(config.listenHost(), node.port())
            + ", advertised as "
            + advertised
            + ", data "
            + config.dataDir()
            + ", capacity "
            + capacityText
            + ", master "
            + config.masterAddress(),
        node.readiness());
  }

  /** The names other nodes and clients may reach this chunkserver by. */
  private List<String> altNames() {
    Set<String> names = new LinkedHashSet<>(List.of("localhost", "127.0.0.1"));
    if (config.advertiseAddress() != null) {
      int colon = config.advertiseAddress().lastIndexOf(':');
      if (colon > 0) {
        names.add(config.advertiseAddress().substring(0, colon));
      }
    }
    String host = config.listenHost();
    if (host != null && !host.isBlank() && !host.equals("0.0.0.0") && !host.equals("::")) {
      names.add(host);
    }
    return List.copyOf(names);
  }

  @Override
  String name() {
    return "goDFS chunkserver " + config.nodeId();
  }
}
