package io.godfs.bootstrap.config;

import io.godfs.domain.file.Namespace;
import io.godfs.domain.chunk.ChunkLayout;
import io.godfs.domain.node.NodeAddress;
import io.godfs.domain.node.NodeId;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns the environment and the flags given on the command line into validated config records.
 * A flag overrides the environment, which overrides the default. Any bad value stops the start
 * with a {@link ConfigException} naming the setting, the value and what is allowed.
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

  /** {@code env} is usually {@code System.getenv()}; blank variables count as unset. */
  public ConfigLoader(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  /** {@code flags}: the values given on the command line; absent or {@code null} = not given. */
  public ClientConfig client(Map<Setting, String> flags) {
    return new ClientConfig(raw(flags, Setting.MASTER, DEFAULT_MASTER).parse(ConfigLoader::address));
  }

  public MasterConfig master(Map<Setting, String> flags) {
    ListenAddress listen = raw(flags, Setting.MASTER_LISTEN, ":9090").parse(ListenAddress::parse);
    long chunkSize = raw(flags, Setting.CHUNK_SIZE, DEFAULT_CHUNK_SIZE).parse(ConfigLoader::chunkSize);
    int replication = raw(flags, Setting.REPLICATION, DEFAULT_REPLICATION).parse(s -> integer(s, 1, MAX_REPLICATION));
    Duration heartbeat = raw(flags, Setting.HEARTBEAT_INTERVAL, "2s").parse(ConfigLoader::positive);
    Raw deadAfterRaw = raw(flags, Setting.DEAD_AFTER, "30s");
    Duration deadAfter = deadAfterRaw.parse(ConfigLoader::positive);
    if (deadAfter.compareTo(heartbeat) <= 0) {
      throw deadAfterRaw.invalid("a duration longer than the heartbeat interval " + Durations.format(heartbeat)
          + " (" + Setting.HEARTBEAT_INTERVAL.label(null) + ")");
    }
    Duration leaseTimeout = raw(flags, Setting.LEASE_TIMEOUT, "60s").parse(ConfigLoader::positive);
    int inlineMax = raw(flags, Setting.INLINE_MAX, String.valueOf(Namespace.MAX_INLINE_LENGTH))
        .parse(v -> integer(v, 0, Namespace.MAX_INLINE_LENGTH));
    Raw maxFileRaw = raw(flags, Setting.MAX_FILE_SIZE, "16TiB");
    long maxFile = maxFileRaw.parse(Sizes::parse);
    if (maxFile < chunkSize) {
      throw maxFileRaw.invalid("a size of at least the chunk size " + Sizes.format(chunkSize));
    }
    return new MasterConfig(listen.host(), listen.port(), chunkSize, replication, deadAfter, heartbeat, leaseTimeout)
        .withRaft(raft(flags, listen)).withInlineMaxBytes(inlineMax).withMaxFileBytes(maxFile);
  }

  private static final List<Setting> RAFT_SETTINGS = List.of(Setting.MASTER_NODE_ID, Setting.RAFT_LISTEN,
      Setting.RAFT_DIR, Setting.MASTER_PEERS, Setting.BOOTSTRAP);

  /**
   * The metadata backend: {@code GODFS_METADATA_BACKEND} when given; else, as in the seed, Raft as
   * soon as any Raft variable is set (then node id, Raft listen address and dir are required).
   */
  private RaftConfig raft(Map<Setting, String> flags, ListenAddress listen) {
    Raw backendRaw = raw(flags, Setting.METADATA_BACKEND, null);
    boolean anyRaft = RAFT_SETTINGS.stream().anyMatch(s -> raw(flags, s, null).value() != null);
    String backend = backendRaw.value() == null ? (anyRaft ? "ratis" : "memory")
        : backendRaw.parse(v -> switch (v.strip().toLowerCase(java.util.Locale.ROOT)) {
          case "memory", "ratis" -> v.strip().toLowerCase(java.util.Locale.ROOT);
          default -> throw new IllegalArgumentException("unknown backend " + v);
        });
    if (backend.equals("memory")) {
      return null;
    }
    String nodeId = required(flags, Setting.MASTER_NODE_ID).parse(s -> {
      if (!s.strip().matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")) {
        throw new IllegalArgumentException("bad id " + s);
      }
      return s.strip();
    });
    String raftAddress = required(flags, Setting.RAFT_LISTEN).parse(ConfigLoader::advertised);
    Path dir = required(flags, Setting.RAFT_DIR).parse(ConfigLoader::path);
    Raw peersRaw = raw(flags, Setting.MASTER_PEERS, "");
    List<String> peers = new java.util.ArrayList<>(peersRaw.parse(ConfigLoader::peers));
    String advertiseDefault = listen.port() == 0 ? "127.0.0.1:0"
        : (listen.host().isEmpty() || listen.host().equals("0.0.0.0") ? "127.0.0.1" : listen.host()) + ":" + listen.port();
    String clientAddress = raw(flags, Setting.MASTER_ADVERTISE, advertiseDefault).parse(ConfigLoader::advertised);
    if (peers.stream().noneMatch(p -> p.startsWith(nodeId + "@"))) {
      peers.add(nodeId + "@" + raftAddress + "@" + clientAddress); // the seed lets PEERS leave out this master
    }
    boolean bootstrap = raw(flags, Setting.BOOTSTRAP, "false").parse(ConfigLoader::bool);
    Duration election = raw(flags, Setting.ELECTION_TIMEOUT, RaftConfig.DEFAULT_ELECTION_TIMEOUT.toMillis() + "ms")
        .parse(ConfigLoader::electionTimeout);
    return new RaftConfig(nodeId, raftAddress, dir, peers, bootstrap, clientAddress, election);
  }

  private Raw required(Map<Setting, String> flags, Setting setting) {
    Raw r = raw(flags, setting, null);
    if (r.value() == null) {
      throw new ConfigException(setting.label(null) + " is required with replicated metadata (expected: "
          + setting.expected() + ")");
    }
    return r;
  }

  private static List<String> peers(String raw) {
    List<String> out = new java.util.ArrayList<>();
    for (String item : raw.split(",")) {
      String spec = item.strip();
      if (spec.isEmpty()) {
        continue;
      }
      String[] parts = spec.split("@", -1);
      if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty()) {
        throw new IllegalArgumentException("bad peer " + spec);
      }
      NodeAddress.parse(parts[1]);
      if (parts.length == 3) {
        NodeAddress.parse(parts[2]);
      }
      out.add(spec);
    }
    return out;
  }

  private static boolean bool(String raw) {
    return switch (raw.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "1", "true", "yes" -> true;
      case "0", "false", "no", "" -> false;
      default -> throw new IllegalArgumentException("not a boolean: " + raw);
    };
  }

  /** Where a master or chunkserver answers HTTP health checks; empty when not asked for. */
  public java.util.Optional<ListenAddress> healthListen(Map<Setting, String> flags) {
    Raw r = raw(flags, Setting.HEALTH_LISTEN, "");
    return r.value() == null || r.value().isBlank() ? java.util.Optional.empty()
        : java.util.Optional.of(r.parse(ListenAddress::parse));
  }

  public ChunkserverConfig chunkserver(Map<Setting, String> flags) {
    String master = raw(flags, Setting.MASTER, DEFAULT_MASTER).parse(ConfigLoader::address);
    ListenAddress listen = raw(flags, Setting.CHUNK_LISTEN, ":8000").parse(ListenAddress::parse);
    Path data = raw(flags, Setting.DATA, DEFAULT_CHUNK_DATA).parse(ConfigLoader::path);
    String nodeId = raw(flags, Setting.NODE_ID, "chunk-1").parse(s -> new NodeId(s.strip()).value());
    // With an ephemeral port the address is only known once the server is up: null lets the node fill it in.
    String advertiseDefault = listen.port() == 0 ? null : "127.0.0.1:" + listen.port();
    Raw advertiseRaw = raw(flags, Setting.ADVERTISE, advertiseDefault);
    String advertise = advertiseRaw.value() == null ? null : advertiseRaw.parse(ConfigLoader::advertised);
    long capacity = raw(flags, Setting.CAPACITY, "0").parse(Sizes::parse);
    Duration heartbeat = raw(flags, Setting.HEARTBEAT_INTERVAL, "2s").parse(ConfigLoader::positive);
    long scrubRate = raw(flags, Setting.SCRUB_RATE, "16MiB").parse(Sizes::parse);
    return new ChunkserverConfig(master, listen.host(), listen.port(), data, nodeId, advertise, capacity, heartbeat,
        scrubRate);
  }

  /**
   * The all-in-one cluster on 127.0.0.1. Replication defaults to 3, or to the number of
   * chunkservers when there are fewer; asking for more replicas than chunkservers is an error.
   */
  public DevConfig dev(Map<Setting, String> flags) {
    Path data = raw(flags, Setting.DATA, DEFAULT_DEV_DATA).parse(ConfigLoader::path);
    int masterPort = raw(flags, Setting.DEV_MASTER_PORT, "9090").parse(s -> integer(s, 0, 65535));
    Raw firstRaw = raw(flags, Setting.DEV_FIRST_CHUNK_PORT, "8000");
    int firstChunkPort = firstRaw.parse(s -> integer(s, 0, 65535));
    int chunkservers = raw(flags, Setting.DEV_CHUNKSERVERS, "3").parse(s -> integer(s, 1, MAX_REPLICATION));
    long chunkSize = raw(flags, Setting.CHUNK_SIZE, DEFAULT_CHUNK_SIZE).parse(ConfigLoader::chunkSize);
    Raw replicationRaw = raw(flags, Setting.REPLICATION, String.valueOf(Math.min(3, chunkservers)));
    int replication = replicationRaw.parse(s -> integer(s, 1, MAX_REPLICATION));
    if (replication > chunkservers) {
      throw replicationRaw.invalid("at most the number of dev chunkservers, " + chunkservers + " ("
          + Setting.DEV_CHUNKSERVERS.flag() + ")");
    }
    if (firstChunkPort != 0) {
      int last = firstChunkPort + chunkservers - 1;
      if (last > 65535) {
        throw firstRaw.invalid("a port low enough for " + chunkservers + " chunkservers (at most "
            + (65536 - chunkservers) + ")");
      }
      if (masterPort >= firstChunkPort && masterPort <= last) {
        throw firstRaw.invalid("chunkserver ports " + firstChunkPort + "-" + last + " that do not include the master port "
            + masterPort + " (" + Setting.DEV_MASTER_PORT.flag() + ")");
      }
    }
    return new DevConfig(data, DEV_HOST, masterPort, firstChunkPort, chunkservers, chunkSize, replication);
  }

  private Raw raw(Map<Setting, String> flags, Setting setting, String defaultValue) {
    String flag = flags.get(setting);
    if (flag != null) {
      return new Raw(setting, flag, null);
    }
    for (String name : setting.envNames()) {
      String value = env.get(name);
      if (value != null && !value.isBlank()) {
        return new Raw(setting, value, name);
      }
    }
    return new Raw(setting, defaultValue, null);
  }

  /** A setting's value as given, and where it came from ({@code envName} null = flag or default). */
  private record Raw(Setting setting, String value, String envName) {
    <T> T parse(Function<String, T> parser) {
      try {
        return parser.apply(value);
      } catch (IllegalArgumentException | ArithmeticException e) {
        throw invalid(setting.expected(), e);
      }
    }

    ConfigException invalid(String expected) {
      return invalid(expected, null);
    }

    private ConfigException invalid(String expected, Throwable cause) {
      String shown = value.isBlank() ? "'" + value + "'" : value;
      return new ConfigException(setting.label(envName) + " : " + shown + " (expected: " + expected + ")", cause);
    }
  }

  private static int integer(String raw, int min, int max) {
    int value = Integer.parseInt(raw.strip());
    if (value < min || value > max) {
      throw new IllegalArgumentException(value + " out of range");
    }
    return value;
  }

  private static long chunkSize(String raw) {
    long bytes = Sizes.parse(raw);
    String problem = ChunkLayout.chunkSizeProblem(bytes);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    return bytes;
  }

  private static Duration electionTimeout(String raw) {
    Duration d = Durations.parse(raw);
    if (d.compareTo(Duration.ofMillis(100)) < 0 || d.compareTo(Duration.ofSeconds(60)) > 0) {
      throw new IllegalArgumentException("out of range " + raw);
    }
    return d;
  }

  private static Duration positive(String raw) {
    Duration d = Durations.parse(raw);
    if (!d.isPositive()) {
      throw new IllegalArgumentException("not positive: " + raw);
    }
    return d;
  }

  private static Path path(String raw) {
    if (raw.isBlank()) {
      throw new IllegalArgumentException("blank path");
    }
    return Path.of(raw);
  }

  private static String address(String raw) {
    return MasterAddresses.parse(raw);
  }

  private static String advertised(String raw) {
    NodeAddress address = NodeAddress.parse(raw.strip());
    if (address.host().equals("0.0.0.0") || address.host().equals("::")) {
      throw new IllegalArgumentException("wildcard address " + raw + " cannot be reached");
    }
    return address.toString();
  }
}
