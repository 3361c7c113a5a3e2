package io.godfs.bootstrap.cli;

import io.godfs.adapters.fuse.MountException;
import io.godfs.adapters.telemetry.NodeMetrics;
import io.godfs.adapters.telemetry.NodeTracing;
import io.godfs.application.port.in.FileSystemUseCase;
import io.godfs.application.port.out.MountMeter;
import io.godfs.bootstrap.config.ClientConfig;
import io.godfs.bootstrap.config.ConfigException;
import io.godfs.bootstrap.config.ConfigFile;
import io.godfs.bootstrap.config.ConfigLoader;
import io.godfs.bootstrap.config.ListenAddress;
import io.godfs.bootstrap.config.MountConfig;
import io.godfs.bootstrap.config.Role;
import io.godfs.bootstrap.config.Setting;
import io.godfs.bootstrap.wiring.MountNode;
import io.godfs.bootstrap.wiring.NodeListener;
import io.godfs.domain.error.DfsException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code godfs mount}: serves a goDFS prefix as a local directory until SIGTERM or Ctrl-C. */
@Command(
    name = "mount",
    mixinStandardHelpOptions = true,
    description = "Mount a goDFS directory on Linux (FUSE), so ordinary programs use its files.",
    footer = {
      "",
      "Unmounts cleanly on Ctrl-C or SIGTERM (buffered writes are written out first).",
      "Needs /dev/fuse, libfuse 3 and fusermount3 (Debian: apt-get install fuse3)."
    })
final class MountCommand implements Callable<Integer>, RoleCommand {
  private final CliContext ctx;

  @Spec CommandSpec spec;

  @Option(
      names = "--mountpoint",
      paramLabel = "DIR",
      description =
          "An existing empty directory (required, here or in the mount: section of --config).")
  String mountpoint;

  @Option(
      names = "--prefix",
      paramLabel = "PATH",
      description = "The goDFS directory to mount; default /.")
  String prefix;

  @Option(names = "--read-only", description = "Refuse every change (EROFS).")
  Boolean readOnly;

  @Option(
      names = "--attr-ttl",
      paramLabel = "DURATION",
      description =
          "How long attributes are cached; default " + MountConfig.DEFAULT_ATTR_TTL + " (0 = off).")
  String attrTtl;

  @Option(
      names = "--dir-ttl",
      paramLabel = "DURATION",
      description =
          "How long directory listings are cached; default "
              + MountConfig.DEFAULT_DIR_TTL
              + " (0 = off).")
  String dirTtl;

  @Option(
      names = "--negative-ttl",
      paramLabel = "DURATION",
      description =
          "How long 'no such file' is cached; default "
              + MountConfig.DEFAULT_NEGATIVE_TTL
              + " (0 = off).")
  String negativeTtl;

  @Option(
      names = "--rpc-timeout",
      paramLabel = "DURATION",
      description =
          "Deadline of each namespace call (then ETIMEDOUT); default "
              + MountConfig.DEFAULT_RPC_TIMEOUT
              + " (0 = only the client's own deadlines).")
  String rpcTimeout;

  @Option(
      names = "--max-dirty",
      paramLabel = "SIZE",
      description =
          "Buffered bytes per open file before they are written out; default "
              + MountConfig.DEFAULT_MAX_DIRTY
              + ".")
  String maxDirty;

  @Option(
      names = "--direct-io",
      description = "Bypass the kernel page cache (every read and write reaches goDFS).")
  Boolean directIo;

  @Mixin ConfigFileOption configFile = new ConfigFileOption();

  @Mixin HealthOption healthOption = new HealthOption();

  private MountConfig config;
  private ClientConfig client;

  /** The mount's own HTTP listener (health and /metrics, ADR 0023), when one is asked for. */
  private Optional<ListenAddress> listen = Optional.empty();

  private boolean listenerRequiresCertificate;
  private Optional<Path> metricsTokenFile = Optional.empty();

  MountCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Option(
      names = {"-m", "--master"},
      paramLabel = "HOST:PORT",
      description = "Master address (env GODFS_MASTER, default 127.0.0.1:9090).")
  void master(String address) {
    ctx.masterFlag(address);
  }

  @Override
  public Role role() {
    return Role.MOUNT;
  }

  @Override
  public String configFile() {
    return configFile.path;
  }

  @Override
  public Map<Setting, String> flags() {
    Map<Setting, String> flags = new EnumMap<>(Setting.class);
    flags.put(Setting.MASTER, ctx.masterFlag());
    flags.put(Setting.CLIENT_API_KEY_FILE, ctx.apiKeyFileFlag());
    flags.put(Setting.MOUNT_POINT, mountpoint);
    flags.put(Setting.MOUNT_PREFIX, prefix);
    flags.put(Setting.MOUNT_READ_ONLY, readOnly == null ? null : readOnly.toString());
    flags.put(Setting.MOUNT_ATTR_TTL, attrTtl);
    flags.put(Setting.MOUNT_DIR_TTL, dirTtl);
    flags.put(Setting.MOUNT_NEGATIVE_TTL, negativeTtl);
    flags.put(Setting.MOUNT_RPC_TIMEOUT, rpcTimeout);
    flags.put(Setting.MOUNT_MAX_DIRTY, maxDirty);
    flags.put(Setting.MOUNT_DIRECT_IO, directIo == null ? null : directIo.toString());
    flags.put(Setting.HEALTH_LISTEN, healthOption.healthListen);
    return flags;
  }

  @Override
  public void configure(ConfigLoader loader) {
    client = loader.client(role(), flags());
    config = loader.mount(flags());
    listen = loader.healthListen(role(), flags());
    listenerRequiresCertificate = loader.healthRequiresClientCertificate(role(), flags());
    metricsTokenFile = loader.metricsTokenFile(role(), flags());
    if (listen.isPresent()
        && client.listenerTls().isEmpty()
        && !NodeListener.isLoopback(listen.get().host())) {
      // Without a certificate the listener is plain HTTP; its figures stay on this machine.
      throw new ConfigException(
          "GODFS_HEALTH_LISTEN : "
              + NodeCommand.listening(listen.get().host(), listen.get().port())
              + " (expected: a loopback address such as 127.0.0.1:9100, because the mount has no"
              + " certificate (GODFS_TLS_CERT_FILE) to serve HTTPS with)");
    }
  }

  /** The mount's name in its metrics: the mount point's directory name. */
  private String mountName() {
    Path name = config.mountpoint().toAbsolutePath().normalize().getFileName();
    return name == null ? "/" : name.toString();
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ConfigFile file = configFile.load();
    file.warnings().forEach(w -> err.println("godfs: warning: " + w));
    ConfigLoader loader = ctx.config(file);
    configure(loader);
    Optional<NodeMetrics> metrics =
        listen.map(l -> NodeMetrics.of(GodfsCli.VERSION, "mount", mountName()));
    NodeTracing tracing =
        loader
            .tracing(role(), flags(), "godfs-mount")
            .map(export -> NodeTracing.start(export, mountName()))
            .orElse(NodeTracing.OFF);
    ClientConfig traced = client.tracedBy(tracing.openTelemetry());
    FileSystemUseCase fs =
        ctx.connect(metrics.map(m -> traced.meteredBy(m.rpc(), m.clientIo())).orElse(traced));
    MountNode node;
    try {
      node =
          MountNode.start(
              fs,
              config,
              metrics.map(NodeMetrics::mount).orElse(MountMeter.NONE),
              tracing.openTelemetry());
    } catch (DfsException | MountException e) {
      fs.close();
      tracing.close();
      String why =
          e instanceof MountException
              ? e.getMessage()
              : ErrorMessages.of(e, client.masterAddress(), Map.of());
      err.println("godfs: mount: " + why);
      err.flush();
      return GodfsCli.FAILED;
    }
    String announcement =
        "goDFS "
            + config.prefix()
            + " of "
            + client.masterAddress()
            + " mounted at "
            + node.mountpoint()
            + (config.readOnly() ? " (read-only)" : "");
    AutoCloseable mounted =
        () -> {
          try (tracing;
              node) {
            // Unmounted first, so the last spans are exported.
          }
        };
    NodeCommand.Started started;
    try {
      started =
          NodeCommand.withListener(
              new NodeCommand.Started(mounted, announcement),
              listen,
              client.listenerTls(),
              listenerRequiresCertificate,
              metrics,
              metricsTokenFile);
    } catch (RuntimeException e) {
      // withListener has unmounted already.
      err.println("godfs: mount: cannot start its listener: " + e.getMessage());
      err.flush();
      return GodfsCli.FAILED;
    }
    out.println(started.announcement());
    out.println("Ctrl-C or SIGTERM unmounts it.");
    out.flush();
    ctx.shutdown().awaitThenClose("goDFS mount", started.handle(), err);
    return 0;
  }
}
