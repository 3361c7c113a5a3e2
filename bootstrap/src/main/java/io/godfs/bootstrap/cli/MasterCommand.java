package io.godfs.bootstrap.cli;

import io.godfs.bootstrap.cli.NodeLauncher.RunningNode;
import io.godfs.bootstrap.config.ConfigLoader;
import io.godfs.bootstrap.config.Durations;
import io.godfs.bootstrap.config.MasterConfig;
import io.godfs.bootstrap.config.MasterSecurity;
import io.godfs.bootstrap.config.MetadataBackend;
import io.godfs.bootstrap.config.Role;
import io.godfs.bootstrap.config.Setting;
import io.godfs.bootstrap.config.Sizes;
import java.util.EnumMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "master",
    mixinStandardHelpOptions = true,
    description =
        "Run a master (namespace and chunk placement; in memory, or replicated with Ratis by the GODFS_MASTER_* Raft settings).")
final class MasterCommand extends NodeCommand {
  @Option(
      names = "--listen",
      paramLabel = "[HOST]:PORT",
      description = "Env GODFS_MASTER_LISTEN; default :9090.")
  String listen;

  @Option(
      names = "--chunk-size",
      paramLabel = "SIZE",
      description = "Env GODFS_CHUNK_SIZE_BYTES; default 64MiB.")
  String chunkSize;

  @Option(
      names = "--replication",
      paramLabel = "N",
      description = "Env GODFS_REPLICATION; 1-16, default 3.")
  String replication;

  @Option(
      names = "--dead-after",
      paramLabel = "DURATION",
      description =
          "Env GODFS_NODE_DEAD_AFTER; a silent chunkserver is dead after this; default 30s.")
  String deadAfter;

  @Option(
      names = "--heartbeat-interval",
      paramLabel = "DURATION",
      description = "Env GODFS_HEARTBEAT_INTERVAL; default 2s.")
  String heartbeatInterval;

  @Option(
      names = "--lease-timeout",
      paramLabel = "DURATION",
      description =
          "Env GODFS_LEASE_TIMEOUT; a writer silent this long loses its files' leases; default 60s.")
  String leaseTimeout;

  @Option(
      names = "--inline-max",
      paramLabel = "BYTES",
      description =
          "Env GODFS_MASTER_INLINE_MAX_BYTES; files up to this size keep their bytes in the master"
              + " (one call per small file); 0 = none; default 4096.")
  String inlineMax;

  @Option(
      names = "--max-file-size",
      paramLabel = "SIZE",
      description =
          "Env GODFS_MASTER_MAX_FILE_SIZE; a write or truncate past this size is refused; default 16TiB.")
  String maxFileSize;

  @Option(
      names = "--soft-delete-grace",
      paramLabel = "DURATION",
      description =
          "Env GODFS_SOFT_DELETE_GRACE; deleted paths go to the trash and can be restored this long,"
              + " like 30s or 7d; default 0 = deletes are immediate.")
  String softDeleteGrace;

  @Option(
      names = "--wire-port",
      paramLabel = "PORT|off",
      description =
          "Env GODFS_MASTER_WIRE_PORT; the metadata wire's port on the listen host, where clients"
              + " make their unary calls after the first (ADR 0031); default 0 = a free port, off ="
              + " none.")
  String wirePort;

  @Option(
      names = "--election-timeout",
      paramLabel = "DURATION",
      description =
          "Env GODFS_MASTER_ELECTION_TIMEOUT; with Ratis, a follower that hears nothing from the leader"
              + " for this long (randomised up to twice it) stands for election; 100ms-60s, default 500ms.")
  String electionTimeout;

  @Option(
      names = "--api-keys-file",
      paramLabel = "PATH",
      description =
          "Env GODFS_API_KEYS_FILE; the API keys callers present (godfs admin key create writes"
              + " it); set, callers must authenticate.")
  String apiKeysFile;

  private MasterConfig config;
  private MasterSecurity security;

  MasterCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  public Role role() {
    return Role.MASTER;
  }

  @Override
  public Map<Setting, String> flags() {
    Map<Setting, String> flags = new EnumMap<>(Setting.class);
    flags.put(Setting.MASTER_LISTEN, listen);
    flags.put(Setting.CHUNK_SIZE, chunkSize);
    flags.put(Setting.REPLICATION, replication);
    flags.put(Setting.DEAD_AFTER, deadAfter);
    flags.put(Setting.HEARTBEAT_INTERVAL, heartbeatInterval);
    flags.put(Setting.LEASE_TIMEOUT, leaseTimeout);
    flags.put(Setting.INLINE_MAX, inlineMax);
    flags.put(Setting.MAX_FILE_SIZE, maxFileSize);
    flags.put(Setting.SOFT_DELETE_GRACE, softDeleteGrace);
    flags.put(Setting.MASTER_WIRE_PORT, wirePort);
    flags.put(Setting.ELECTION_TIMEOUT, electionTimeout);
    flags.put(Setting.HEALTH_LISTEN, healthOption.healthListen);
    flags.put(Setting.API_KEYS_FILE, apiKeysFile);
    return flags;
  }

  @Override
  public void configure(ConfigLoader loader) {
    config = loader.master(flags());
    security = loader.masterSecurity(flags());
    health = loader.healthListen(role(), flags());
    healthTls = security.transport();
    healthRequiresCertificate = loader.healthRequiresClientCertificate(role(), flags());
    metricsTokenFile = loader.metricsTokenFile(role(), flags());
    nodeName =
        config.metadata() instanceof MetadataBackend.Ratis ratis ? ratis.raft().nodeId() : "master";
  }

  @Mixin HealthOption healthOption = new HealthOption();

  @Override
  Started start() {
    RunningNode node = ctx.launcher().startMaster(config, security, metrics(), tracing());
    return new Started(
        node.handle(),
        name()
            + ": listening on "
            + listening(config.listenHost(), node.port())
            + ", chunk size "
            + Sizes.format(config.chunkSize())
            + ", replication "
            + config.replication()
            + ", chunkservers dead after "
            + Durations.format(config.deadAfter())
            + " of silence",
        node.readiness());
  }

  @Override
  String name() {
    return "goDFS master";
  }
}
