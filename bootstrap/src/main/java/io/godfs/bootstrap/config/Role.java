package io.godfs.bootstrap.config;

import static io.godfs.bootstrap.config.Setting.ADVERTISE;
import static io.godfs.bootstrap.config.Setting.BOOTSTRAP;
import static io.godfs.bootstrap.config.Setting.CAPACITY;
import static io.godfs.bootstrap.config.Setting.CHUNK_LISTEN;
import static io.godfs.bootstrap.config.Setting.CHUNK_SIZE;
import static io.godfs.bootstrap.config.Setting.DATA;
import static io.godfs.bootstrap.config.Setting.DEAD_AFTER;
import static io.godfs.bootstrap.config.Setting.DEV_CHUNKSERVERS;
import static io.godfs.bootstrap.config.Setting.DEV_FIRST_CHUNK_PORT;
import static io.godfs.bootstrap.config.Setting.DEV_GATEWAY_PORT;
import static io.godfs.bootstrap.config.Setting.DEV_MASTERS;
import static io.godfs.bootstrap.config.Setting.DEV_MASTER_PORT;
import static io.godfs.bootstrap.config.Setting.DIRECT_WRITES;
import static io.godfs.bootstrap.config.Setting.ELECTION_TIMEOUT;
import static io.godfs.bootstrap.config.Setting.HEALTH_CLIENT_CERT;
import static io.godfs.bootstrap.config.Setting.HEALTH_LISTEN;
import static io.godfs.bootstrap.config.Setting.HEARTBEAT_INTERVAL;
import static io.godfs.bootstrap.config.Setting.INLINE_MAX;
import static io.godfs.bootstrap.config.Setting.LEASE_TIMEOUT;
import static io.godfs.bootstrap.config.Setting.MASTER_ADVERTISE;
import static io.godfs.bootstrap.config.Setting.MASTER_LISTEN;
import static io.godfs.bootstrap.config.Setting.MASTER_NODE_ID;
import static io.godfs.bootstrap.config.Setting.MASTER_PEERS;
import static io.godfs.bootstrap.config.Setting.MAX_FILE_SIZE;
import static io.godfs.bootstrap.config.Setting.METADATA_BACKEND;
import static io.godfs.bootstrap.config.Setting.METRICS_LISTEN;
import static io.godfs.bootstrap.config.Setting.METRICS_TOKEN_FILE;
import static io.godfs.bootstrap.config.Setting.NODE_ID;
import static io.godfs.bootstrap.config.Setting.RAFT_DIR;
import static io.godfs.bootstrap.config.Setting.RAFT_LISTEN;
import static io.godfs.bootstrap.config.Setting.REPLICATION;
import static io.godfs.bootstrap.config.Setting.SCRUB_RATE;
import static io.godfs.bootstrap.config.Setting.SOFT_DELETE_GRACE;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a goDFS process is: each role reads its own settings, from its own section of the YAML file,
 * and is concerned by the original goDFS variables of the programs it replaces ({@link
 * SeedProgram}).
 */
public enum Role {
  MASTER(
      List.of(
          MASTER_LISTEN,
          CHUNK_SIZE,
          REPLICATION,
          DEAD_AFTER,
          HEARTBEAT_INTERVAL,
          LEASE_TIMEOUT,
          INLINE_MAX,
          MAX_FILE_SIZE,
          SOFT_DELETE_GRACE,
          Setting.MASTER_WIRE_PORT,
          METADATA_BACKEND,
          MASTER_NODE_ID,
          RAFT_LISTEN,
          RAFT_DIR,
          MASTER_PEERS,
          BOOTSTRAP,
          MASTER_ADVERTISE,
          ELECTION_TIMEOUT,
          HEALTH_LISTEN,
          HEALTH_CLIENT_CERT,
          METRICS_LISTEN,
          METRICS_TOKEN_FILE),
      EnumSet.of(SeedProgram.MASTER)),
  CHUNKSERVER(
      List.of(
          Setting.MASTER,
          CHUNK_LISTEN,
          DATA,
          NODE_ID,
          ADVERTISE,
          CAPACITY,
          HEARTBEAT_INTERVAL,
          SCRUB_RATE,
          DIRECT_WRITES,
          HEALTH_LISTEN,
          HEALTH_CLIENT_CERT,
          METRICS_LISTEN,
          METRICS_TOKEN_FILE),
      EnumSet.of(SeedProgram.CHUNKSERVER)),
  GATEWAY(gatewaySettings(), EnumSet.of(SeedProgram.GATEWAY)),
  DEV(
      List.of(
          DATA,
          DEV_MASTER_PORT,
          DEV_FIRST_CHUNK_PORT,
          DEV_CHUNKSERVERS,
          CHUNK_SIZE,
          REPLICATION,
          DEV_GATEWAY_PORT,
          DEV_MASTERS,
          Setting.DEV_INSECURE,
          Setting.DEV_METRICS_PORT,
          DEAD_AFTER,
          SOFT_DELETE_GRACE),
      EnumSet.of(SeedProgram.MASTER, SeedProgram.CHUNKSERVER, SeedProgram.GATEWAY)),
  MOUNT(mountSettings(), EnumSet.of(SeedProgram.CLIENT)),
  CLIENT(List.of(Setting.MASTER), EnumSet.of(SeedProgram.CLIENT));

  /**
   * The original goDFS programs, by which its variables are grouped; every one reads the shared
   * ones.
   */
  public enum SeedProgram {
    MASTER,
    CHUNKSERVER,
    GATEWAY,
    CLIENT
  }

  private final List<Setting> settings;
  private final Set<SeedProgram> replaces;

  Role(List<Setting> settings, Set<SeedProgram> replaces) {
    this.settings = settings;
    this.replaces = replaces;
  }

  /** Its name on the command line and its section in the YAML file: {@code master}. */
  public String section() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The settings it reads, in the order {@code godfs config print} shows them. */
  public List<Setting> settings() {
    return settings;
  }

  /** Whether it does the work of the original's {@code program}. */
  public boolean replaces(SeedProgram program) {
    return replaces.contains(program);
  }

  public static Optional<Role> of(String section) {
    return Arrays.stream(values()).filter(r -> r.section().equals(section)).findFirst();
  }

  /**
   * The settings of a node's HTTP listener, which every long-running process has (ADR 0023). A
   * method, not a constant: the constants above are built before this class's static fields.
   */
  private static boolean nodeListener(Setting s) {
    return s == HEALTH_LISTEN
        || s == HEALTH_CLIENT_CERT
        || s == METRICS_LISTEN
        || s == METRICS_TOKEN_FILE;
  }

  private static List<Setting> gatewaySettings() {
    return Arrays.stream(Setting.values())
        .filter(s -> s == Setting.MASTER || s.name().startsWith("GATEWAY_") || nodeListener(s))
        .toList();
  }

  private static List<Setting> mountSettings() {
    return Arrays.stream(Setting.values())
        .filter(s -> s == Setting.MASTER || s.name().startsWith("MOUNT_") || nodeListener(s))
        .toList();
  }
}
