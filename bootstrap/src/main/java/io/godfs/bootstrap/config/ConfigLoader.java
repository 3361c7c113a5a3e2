package io.godfs.bootstrap.config;

import static io.godfs.bootstrap.config.SettingParsers.integer;

import io.godfs.adapters.grpc.tls.GrpcTls;
import io.godfs.adapters.telemetry.TraceExport;
import io.godfs.bootstrap.config.SettingValue.Source;
import io.godfs.bootstrap.logging.LogSettings;
import io.godfs.client.CredentialsFile;
import io.godfs.domain.authority.JoinTokenText;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.Namespace;
import io.godfs.domain.node.NodeId;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns the flags given on the command line, the environment and the optional YAML file into
 * validated config records, for every role. A flag overrides the environment, which overrides the
 * file, which overrides the default. Any bad value stops the start with a {@link ConfigException}
 * naming the setting, the value and what is allowed. It remembers every value it read and where
 * from, for {@code godfs config print}.
 */
public final class ConfigLoader {
  public static final String DEFAULT_MASTER = "127.0.0.1:9090";
  public static final String DEFAULT_CHUNK_DATA = "./chunkdata";
  public static final String DEFAULT_DEV_DATA = "./godfs-data";
  private static final String DEFAULT_CHUNK_SIZE = "64MiB";
  private static final String DEFAULT_REPLICATION = "3";
  private static final String DEV_HOST = "127.0.0.1";
  private static final int MAX_REPLICATION = 16;

  private final Map<String, String> env;
  private final ConfigFile file;
  private final Map<Setting, SettingValue> read = new LinkedHashMap<>();

  /** {@code env} is usually {@code System.getenv()}; blank variables count as unset. No file. */
  public ConfigLoader(Map<String, String> env) {
    this(env, ConfigFile.none());
  }

  public ConfigLoader(Map<String, String> env, ConfigFile file) {
    this.env = Map.copyOf(env);
    this.file = file;
  }

  /** {@code flags}: the values given on the command line; absent or {@code null} = not given. */
  public ClientConfig client(Map<Setting, String> flags) {
    return client(Role.CLIENT, flags);
  }

  /** The master a client of {@code role} talks to (the CLI, a mount, a gateway). */
  public ClientConfig client(Role role, Map<Setting, String> flags) {
    String master = raw(role, flags, Setting.MASTER, DEFAULT_MASTER).parse(SettingParsers::address);
    Optional<String> key = clientApiKey(role, flags);
    Optional<GrpcTls> tls = tls(role, flags);
    if (key.isEmpty()) {
      // The user's credentials file, looked up by this very master address (godfs dev writes its
      // admin credential there), so a credential goes only to the master it was written down for;
      // with it, the CA that master's certificate comes from, unless TLS is configured.
      Optional<CredentialsFile.Entry> found =
          CredentialsFile.find(CredentialsFile.location(env), master);
      key = found.map(CredentialsFile.Entry::credential);
      if (tls.isEmpty()) {
        tls = found.flatMap(CredentialsFile.Entry::ca).map(CredentialsFile::trusting);
      }
    }
    return new ClientConfig(master, key, tls);
  }

  /**
   * TLS on the gRPC connections of a process of {@code role} (the seed's {@code GODFS_TLS_*});
   * empty when off. Every file it names is read and checked here.
   */
  public Optional<GrpcTls> tls(Role role, Map<Setting, String> flags) {
    return new TlsSettingsReader(this, role, flags).read();
  }

  public MasterConfig master(Map<Setting, String> flags) {
    Role role = Role.MASTER;
    ListenAddress listen =
        raw(role, flags, Setting.MASTER_LISTEN, ":9090").parse(ListenAddress::parse);
    long chunkSize =
        raw(role, flags, Setting.CHUNK_SIZE, DEFAULT_CHUNK_SIZE).parse(SettingParsers::chunkSize);
    int replication =
        raw(role, flags, Setting.REPLICATION, DEFAULT_REPLICATION)
            .parse(s -> integer(s, 1, MAX_REPLICATION));
    Duration heartbeat =
        raw(role, flags, Setting.HEARTBEAT_INTERVAL, "2s").parse(SettingParsers::positive);
    Raw deadAfterRaw = raw(role, flags, Setting.DEAD_AFTER, "30s");
    Duration deadAfter = deadAfterRaw.parse(SettingParsers::positive);
    if (deadAfter.compareTo(heartbeat) <= 0) {
      throw deadAfterRaw.invalid(
          "a duration longer than the heartbeat interval "
              + Durations.format(heartbeat)
              + " ("
              + Setting.HEARTBEAT_INTERVAL.label(null)
              + ")");
    }
    Duration leaseTimeout =
        raw(role, flags, Setting.LEASE_TIMEOUT, "60s").parse(SettingParsers::positive);
    int inlineMax =
        raw(role, flags, Setting.INLINE_MAX, String.valueOf(Namespace.MAX_INLINE_LENGTH))
            .parse(v -> integer(v, 0, Namespace.MAX_INLINE_LENGTH));
    Raw maxFileRaw = raw(role, flags, Setting.MAX_FILE_SIZE, "16TiB");
    long maxFile = maxFileRaw.parse(Sizes::parse);
    if (maxFile < chunkSize) {
      throw maxFileRaw.invalid("a size of at least the chunk size " + Sizes.format(chunkSize));
    }
    return new MasterConfig(
            listen.host(),
            listen.port(),
            chunkSize,
            replication,
            deadAfter,
            heartbeat,
            leaseTimeout)
        .withMetadata(metadata(flags, listen))
        .withInlineMaxBytes(inlineMax)
        .withMaxFileBytes(maxFile)
        .withTrashGrace(raw(role, flags, Setting.SOFT_DELETE_GRACE, "0").parse(Durations::grace))
        .withWirePort(
            raw(role, flags, Setting.MASTER_WIRE_PORT, "0").parse(ConfigLoader::wirePort));
  }

  private static int wirePort(String value) {
    return value.strip().equalsIgnoreCase("off") ? MasterConfig.WIRE_OFF : integer(value, 0, 65535);
  }

  /** Who may call the master (docs/adr/0022-security.md). */
  public MasterSecurity masterSecurity(Map<Setting, String> flags) {
    Role role = Role.MASTER;
    Raw keysFile = raw(role, flags, Setting.API_KEYS_FILE, null);
    Raw seedKeys = raw(role, flags, Setting.SEED_API_KEYS, null);
    Raw rbac = raw(role, flags, Setting.RBAC_JSON, null);
    Optional<Duration> authority = certificateAuthority(flags);
    if (authority.isPresent()
        && raw(role, flags, Setting.TLS_ENABLED, "false").parse(SettingParsers::bool)) {
      throw new ConfigException(
          Setting.CA_ENABLED.label(null)
              + " and "
              + Setting.TLS_ENABLED.label(null)
              + " are both on: a master with the embedded CA takes its certificate from it; turn"
              + " one off");
    }
    Optional<GrpcTls> tls = tls(role, flags);
    return new MasterSecurity(
        keysFile.value() == null
            ? Optional.empty()
            : Optional.of(keysFile.parse(SettingParsers::path)),
        seedKeys.value() == null ? Map.of() : seedKeys.parse(Secrets::apiKeys),
        rbac.value() == null ? Optional.empty() : Optional.of(rbac.parse(Secrets::fileOrValue)),
        clusterKey(role, flags),
        new JwtSettingsReader(this, flags).read(),
        audit(role, flags),
        tls,
        authority,
        new CertificateSourceReader(this, flags).read(authority.isPresent()));
  }

  /**
   * The certificate lifetime of the embedded CA when {@code GODFS_CA_ENABLED} is on (ADR 0022);
   * empty when off.
   */
  private Optional<Duration> certificateAuthority(Map<Setting, String> flags) {
    Role role = Role.MASTER;
    if (!raw(role, flags, Setting.CA_ENABLED, "false").parse(SettingParsers::bool)) {
      return Optional.empty();
    }
    Raw lifetime = raw(role, flags, Setting.CA_CERT_LIFETIME, "24h");
    Duration value = lifetime.parse(Durations::parse);
    if (value.compareTo(Duration.ofMinutes(1)) < 0 || value.compareTo(Duration.ofDays(365)) > 0) {
      throw lifetime.invalid(Setting.CA_CERT_LIFETIME.expected());
    }
    return Optional.of(value);
  }

  /**
   * The one-time join token a node (or user) of {@code role} presents to get its first certificate,
   * if one is set: {@code GODFS_JOIN_TOKEN}, a value or {@code @file}, never a flag.
   */
  public Optional<String> joinToken(Role role, Map<Setting, String> flags) {
    Raw token = raw(role, flags, Setting.JOIN_TOKEN, null);
    if (token.value() == null) {
      return Optional.empty();
    }
    String value = token.parse(Secrets::fileOrValue).strip();
    try {
      JoinTokenText.parse(value);
    } catch (IllegalArgumentException e) {
      throw token.invalid(Setting.JOIN_TOKEN.expected());
    }
    return Optional.of(value);
  }

  private AuditConfig audit(Role role, Map<Setting, String> flags) {
    boolean enabled = raw(role, flags, Setting.AUDIT_ENABLED, "0").parse(SettingParsers::bool);
    Raw file = raw(role, flags, Setting.AUDIT_LOG, null);
    Raw maxRaw = raw(role, flags, Setting.AUDIT_MAX_BYTES, "100MiB");
    long maxBytes = maxRaw.parse(Sizes::parse);
    if (maxBytes < 1024) {
      throw maxRaw.invalid(Setting.AUDIT_MAX_BYTES.expected());
    }
    int keep = raw(role, flags, Setting.AUDIT_KEEP, "10").parse(v -> integer(v, 1, 1000));
    return new AuditConfig(
        enabled,
        file.value() == null ? Optional.empty() : Optional.of(file.parse(SettingParsers::path)),
        maxBytes,
        keep);
  }

  /** The cluster key a master checks and a chunkserver presents, if one is set. */
  public Optional<String> clusterKey(Role role, Map<Setting, String> flags) {
    Raw key = raw(role, flags, Setting.CLUSTER_KEY, null);
    if (key.value() == null) {
      return Optional.empty();
    }
    String value = key.parse(Secrets::fileOrValue).strip();
    if (value.length() < Secrets.MIN_LENGTH) {
      throw key.invalid(key.given().setting().expected());
    }
    return Optional.of(value);
  }

  /** The API key a client of {@code role} presents to masters, if one is set. */
  public Optional<String> clientApiKey(Role role, Map<Setting, String> flags) {
    Raw file = raw(role, flags, Setting.CLIENT_API_KEY_FILE, null);
    if (file.value() != null) {
      // A flag names the file, never the secret: the command line is visible to everyone in ps.
      return Optional.of(file.parse(path -> Secrets.fileOrValue("@" + path.strip())).strip());
    }
    Raw key = raw(role, flags, Setting.CLIENT_API_KEY, null);
    return key.value() == null
        ? Optional.empty()
        : Optional.of(key.parse(Secrets::fileOrValue).strip());
  }

  private static final List<Setting> RAFT_SETTINGS =
      List.of(
          Setting.MASTER_NODE_ID,
          Setting.RAFT_LISTEN,
          Setting.RAFT_DIR,
          Setting.MASTER_PEERS,
          Setting.BOOTSTRAP);

  /** The backends {@code GODFS_METADATA_BACKEND} names. */
  private enum BackendName {
    MEMORY,
    RATIS
  }

  /**
   * The metadata backend: {@code GODFS_METADATA_BACKEND} when given; else, as in the seed, Raft as
   * soon as any Raft variable is set (then node id, Raft listen address and dir are required).
   */
  private MetadataBackend metadata(Map<Setting, String> flags, ListenAddress listen) {
    Raw backendRaw = raw(Role.MASTER, flags, Setting.METADATA_BACKEND, null);
    boolean anyRaft =
        RAFT_SETTINGS.stream().anyMatch(s -> raw(Role.MASTER, flags, s, null).value() != null);
    BackendName backend =
        backendRaw.value() == null
            ? (anyRaft ? BackendName.RATIS : BackendName.MEMORY)
            : backendRaw.parse(v -> BackendName.valueOf(v.strip().toUpperCase(Locale.ROOT)));
    return switch (backend) {
      case MEMORY -> new MetadataBackend.Memory();
      case RATIS -> new MetadataBackend.Ratis(raft(flags, listen));
    };
  }

  private RaftConfig raft(Map<Setting, String> flags, ListenAddress listen) {
    Role role = Role.MASTER;
    String nodeId =
        required(flags, Setting.MASTER_NODE_ID)
            .parse(
                s -> {
                  if (!s.strip().matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")) {
                    throw new IllegalArgumentException("bad id " + s);
                  }
                  return s.strip();
                });
    String raftAddress = required(flags, Setting.RAFT_LISTEN).parse(SettingParsers::advertised);
    Path dir = required(flags, Setting.RAFT_DIR).parse(SettingParsers::path);
    Raw peersRaw = raw(role, flags, Setting.MASTER_PEERS, "");
    List<String> peers = new ArrayList<>(peersRaw.parse(SettingParsers::peers));
    String advertiseDefault =
        listen.port() == 0
            ? "127.0.0.1:0"
            : (listen.host().isEmpty() || listen.host().equals("0.0.0.0")
                    ? "127.0.0.1"
                    : listen.host())
                + ":"
                + listen.port();
    String clientAddress =
        raw(role, flags, Setting.MASTER_ADVERTISE, advertiseDefault)
            .parse(SettingParsers::advertised);
    if (peers.stream().noneMatch(p -> p.startsWith(nodeId + "@"))) {
      peers.add(
          nodeId
              + "@"
              + raftAddress
              + "@"
              + clientAddress); // the seed lets PEERS leave out this master
    }
    boolean bootstrap = raw(role, flags, Setting.BOOTSTRAP, "false").parse(SettingParsers::bool);
    Duration election =
        raw(
                role,
                flags,
                Setting.ELECTION_TIMEOUT,
                RaftConfig.DEFAULT_ELECTION_TIMEOUT.toMillis() + "ms")
            .parse(SettingParsers::electionTimeout);
    return new RaftConfig(nodeId, raftAddress, dir, peers, bootstrap, clientAddress, election);
  }

  private Raw required(Map<Setting, String> flags, Setting setting) {
    Raw r = raw(Role.MASTER, flags, setting, null);
    if (r.value() == null) {
      throw new ConfigException(
          setting.label(null)
              + " is required with replicated metadata (expected: "
              + setting.expected()
              + ")");
    }
    return r;
  }

  /**
   * Where a master or chunkserver answers HTTP health checks and {@code /metrics}; empty when not
   * asked for ({@link NodeListenerSettings#listen}).
   */
  public Optional<ListenAddress> healthListen(Role role, Map<Setting, String> flags) {
    return NodeListenerSettings.listen(
        raw(role, flags, Setting.HEALTH_LISTEN, ""), raw(role, flags, Setting.METRICS_LISTEN, ""));
  }

  /** GODFS_HEALTH_CLIENT_CERT: required, or optional (the default: probes present none). */
  public boolean healthRequiresClientCertificate(Role role, Map<Setting, String> flags) {
    return NodeListenerSettings.certificateRequired(
        raw(role, flags, Setting.HEALTH_CLIENT_CERT, "optional"));
  }

  /** GODFS_METRICS_TOKEN_FILE: the file holding the scrape token, when one is set. */
  public Optional<Path> metricsTokenFile(Role role, Map<Setting, String> flags) {
    return NodeListenerSettings.path(raw(role, flags, Setting.METRICS_TOKEN_FILE, ""));
  }

  /** Where {@code role}'s spans go, if tracing is on; named {@code serviceName} by default. */
  public Optional<TraceExport> tracing(Role role, Map<Setting, String> flags, String serviceName) {
    return TracingSettingsReader.read(this, role, flags, serviceName);
  }

  /** GODFS_LOG_LEVEL and GODFS_LOG_FORMAT, which every process reads (ADR 0023, "Logs"). */
  public LogSettings logging(Role role, Map<Setting, String> flags) {
    return LogSettingsReader.read(this, role, flags);
  }

  public ChunkserverConfig chunkserver(Map<Setting, String> flags) {
    Role role = Role.CHUNKSERVER;
    String master = raw(role, flags, Setting.MASTER, DEFAULT_MASTER).parse(SettingParsers::address);
    ListenAddress listen =
        raw(role, flags, Setting.CHUNK_LISTEN, ":8000").parse(ListenAddress::parse);
    Path data = raw(role, flags, Setting.DATA, DEFAULT_CHUNK_DATA).parse(SettingParsers::path);
    String nodeId =
        raw(role, flags, Setting.NODE_ID, "chunk-1").parse(s -> new NodeId(s.strip()).value());
    // With an ephemeral port the address is only known once the server is up: null lets the node
    // fill it in.
    String advertiseDefault = listen.port() == 0 ? null : "127.0.0.1:" + listen.port();
    Raw advertiseRaw = raw(role, flags, Setting.ADVERTISE, advertiseDefault);
    String advertise =
        advertiseRaw.value() == null ? null : advertiseRaw.parse(SettingParsers::advertised);
    long capacity = raw(role, flags, Setting.CAPACITY, "0").parse(Sizes::parse);
    Duration heartbeat =
        raw(role, flags, Setting.HEARTBEAT_INTERVAL, "2s").parse(SettingParsers::positive);
    long scrubRate = raw(role, flags, Setting.SCRUB_RATE, "16MiB").parse(Sizes::parse);
    return ChunkserverConfig.of(
            master, listen.host(), listen.port(), data, nodeId, advertise, capacity, heartbeat)
        .withScrubRate(scrubRate)
        .withDirectWrites(
            raw(role, flags, Setting.DIRECT_WRITES, "false").parse(SettingParsers::bool))
        .withAudit(
            AuditConfig.ofChunkCalls(
                audit(role, flags),
                raw(role, flags, Setting.AUDIT_CHUNK, "0").parse(SettingParsers::bool)));
  }

  /**
   * The all-in-one cluster on 127.0.0.1. Replication defaults to 3, or to the number of
   * chunkservers when there are fewer; asking for more replicas than chunkservers is an error.
   */
  public DevConfig dev(Map<Setting, String> flags) {
    Role role = Role.DEV;
    // The dev cluster wires its nodes in one process without TLS: refused, never run in plaintext
    // silently.
    Raw tls = raw(role, flags, Setting.TLS_ENABLED, "false");
    if (tls.parse(SettingParsers::bool)) {
      throw tls.invalid(
          "0 or unset: godfs dev runs in plaintext on 127.0.0.1; for TLS start a master"
              + " and chunkservers");
    }
    Path data = raw(role, flags, Setting.DATA, DEFAULT_DEV_DATA).parse(SettingParsers::path);
    int masterPort =
        raw(role, flags, Setting.DEV_MASTER_PORT, "9090").parse(s -> integer(s, 0, 65535));
    Raw firstRaw = raw(role, flags, Setting.DEV_FIRST_CHUNK_PORT, "8000");
    int firstChunkPort = firstRaw.parse(s -> integer(s, 0, 65535));
    int chunkservers =
        raw(role, flags, Setting.DEV_CHUNKSERVERS, "3").parse(s -> integer(s, 1, MAX_REPLICATION));
    long chunkSize =
        raw(role, flags, Setting.CHUNK_SIZE, DEFAULT_CHUNK_SIZE).parse(SettingParsers::chunkSize);
    Raw replicationRaw =
        raw(role, flags, Setting.REPLICATION, String.valueOf(Math.min(3, chunkservers)));
    int replication = replicationRaw.parse(s -> integer(s, 1, MAX_REPLICATION));
    if (replication > chunkservers) {
      throw replicationRaw.invalid(
          "at most the number of dev chunkservers, "
              + chunkservers
              + " ("
              + Setting.DEV_CHUNKSERVERS.flag()
              + ")");
    }
    if (firstChunkPort != 0) {
      int last = firstChunkPort + chunkservers - 1;
      if (last > 65535) {
        throw firstRaw.invalid(
            "a port low enough for "
                + chunkservers
                + " chunkservers (at most "
                + (65536 - chunkservers)
                + ")");
      }
      if (masterPort >= firstChunkPort && masterPort <= last) {
        throw firstRaw.invalid(
            "chunkserver ports "
                + firstChunkPort
                + "-"
                + last
                + " that do not include the master port "
                + masterPort
                + " ("
                + Setting.DEV_MASTER_PORT.flag()
                + ")");
      }
    }
    int gatewayPort =
        raw(role, flags, Setting.DEV_GATEWAY_PORT, String.valueOf(DevConfig.DEFAULT_GATEWAY_PORT))
            .parse(
                s ->
                    s.strip().equalsIgnoreCase("off")
                        ? DevConfig.NO_GATEWAY
                        : integer(s, 0, 65535));
    int masters =
        raw(role, flags, Setting.DEV_MASTERS, "1")
            .parse(
                s ->
                    switch (s.strip()) {
                      case "1", "3", "5" -> Integer.parseInt(s.strip());
                      default -> throw new IllegalArgumentException("not 1, 3 or 5: " + s);
                    });
    boolean insecure = raw(role, flags, Setting.DEV_INSECURE, "false").parse(SettingParsers::bool);
    DevConfig.Security security = new DevConfig.Security(!insecure, CredentialsFile.location(env));
    return new DevConfig(
        data,
        DEV_HOST,
        masterPort,
        firstChunkPort,
        chunkservers,
        chunkSize,
        replication,
        gatewayPort,
        masters,
        security,
        DevWatchReader.read(this, role, flags),
        raw(role, flags, Setting.SOFT_DELETE_GRACE, "0").parse(Durations::grace));
  }

  /** {@code godfs gateway}: the master to talk to and how the HTTP side runs (docs/adr/0007). */
  public GatewayConfig gateway(Map<Setting, String> flags) {
    return new GatewaySettingsReader(this, flags).read();
  }

  /**
   * {@code godfs mount}'s own knobs; its master is {@link #client(Role, Map)} of {@link
   * Role#MOUNT}.
   */
  public MountConfig mount(Map<Setting, String> flags) {
    Role role = Role.MOUNT;
    Raw mountpoint = raw(role, flags, Setting.MOUNT_POINT, null);
    if (mountpoint.value() == null || mountpoint.value().isBlank()) {
      throw new ConfigException(
          mountpoint.given().label()
              + " : missing (expected: "
              + Setting.MOUNT_POINT.expected()
              + ")");
    }
    DfsPath prefix = raw(role, flags, Setting.MOUNT_PREFIX, "/").parse(SettingParsers::dfsPath);
    long maxDirty =
        raw(role, flags, Setting.MOUNT_MAX_DIRTY, MountConfig.DEFAULT_MAX_DIRTY)
            .parse(s -> SettingParsers.ranged(Sizes.parse(s), 1L << 20, 1L << 30));
    return new MountConfig(
        mountpoint.parse(Path::of),
        prefix,
        raw(role, flags, Setting.MOUNT_ATTR_TTL, MountConfig.DEFAULT_ATTR_TTL)
            .parse(Durations::parse),
        raw(role, flags, Setting.MOUNT_DIR_TTL, MountConfig.DEFAULT_DIR_TTL)
            .parse(Durations::parse),
        raw(role, flags, Setting.MOUNT_NEGATIVE_TTL, MountConfig.DEFAULT_NEGATIVE_TTL)
            .parse(Durations::parse),
        raw(role, flags, Setting.MOUNT_RPC_TIMEOUT, MountConfig.DEFAULT_RPC_TIMEOUT)
            .parse(Durations::parse),
        raw(role, flags, Setting.MOUNT_READ_ONLY, "false").parse(SettingParsers::bool),
        maxDirty,
        raw(role, flags, Setting.MOUNT_DIRECT_IO, "false").parse(SettingParsers::bool));
  }

  /** Every value read so far, in the order read, with where it came from. */
  public List<SettingValue> read() {
    return List.copyOf(read.values());
  }

  /**
   * What {@code setting} would be for {@code role}, unchecked and not remembered ({@code config
   * print}).
   */
  public SettingValue peek(Role role, Map<Setting, String> flags, Setting setting) {
    return resolve(role, flags, setting, null);
  }

  /** The file this loader reads, if any. */
  public ConfigFile file() {
    return file;
  }

  Raw raw(Role role, Map<Setting, String> flags, Setting setting, String defaultValue) {
    SettingValue value = resolve(role, flags, setting, defaultValue);
    read.put(setting, value);
    return new Raw(value);
  }

  private SettingValue resolve(
      Role role, Map<Setting, String> flags, Setting setting, String defaultValue) {
    String flag = flags.get(setting);
    if (flag != null) {
      return new SettingValue(
          setting, flag, Source.FLAG, setting.flag() == null ? "" : setting.flag());
    }
    for (String name : setting.envNames()) {
      String value = env.get(name);
      if (value != null && !value.isBlank()) {
        return new SettingValue(setting, value, Source.ENV, name);
      }
    }
    Optional<String> fromFile = file.value(role.section(), setting.key());
    if (fromFile.isPresent()) {
      String where =
          file.path().map(Path::toString).orElse("") + " " + role.section() + "." + setting.key();
      return new SettingValue(setting, fromFile.get(), Source.FILE, where);
    }
    return new SettingValue(setting, defaultValue, Source.DEFAULT, "");
  }

  /**
   * A setting's value as given, and the checks that turn it into a value or a {@link
   * ConfigException}.
   */
  record Raw(SettingValue given) {
    String value() {
      return given.value();
    }

    <T> T parse(Function<String, T> parser) {
      try {
        return parser.apply(value());
      } catch (IllegalArgumentException | ArithmeticException e) {
        throw invalid(given.setting().expected(), e);
      }
    }

    ConfigException invalid(String expected) {
      return invalid(expected, null);
    }

    private ConfigException invalid(String expected, Throwable cause) {
      String value = value();
      // A credential is never printed; a problem found in one says whose it is instead.
      String shown =
          given.setting().secret() ? "(hidden)" : value.isBlank() ? "'" + value + "'" : value;
      String detail = cause instanceof Secrets.Problem ? "; " + cause.getMessage() : "";
      return new ConfigException(
          given.label() + " : " + shown + " (expected: " + expected + ")" + detail, cause);
    }
  }
}
