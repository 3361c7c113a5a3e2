package io.godfs.bootstrap.config;

import java.util.List;

/**
 * Every setting a goDFS process reads: its command-line flag, the environment variables that set it
 * (the original goDFS names; the first one set wins) and, for error messages, what is allowed.
 * A flag given on the command line overrides the environment.
 */
public enum Setting {
  MASTER("--master", "host:port of the master, or of every master comma-separated, like 127.0.0.1:9090",
      "GODFS_MASTER"),
  METADATA_BACKEND("--metadata", "memory or ratis", "GODFS_METADATA_BACKEND"),
  MASTER_NODE_ID("--master-id", "1-64 characters [A-Za-z0-9][A-Za-z0-9_.-]*, like m1", "GODFS_MASTER_NODE_ID"),
  RAFT_LISTEN("--raft-listen", "host:port the other masters reach this one's Raft at, like 10.0.0.5:9200",
      "GODFS_MASTER_RAFT_LISTEN"),
  RAFT_DIR("--raft-dir", "a directory path", "GODFS_MASTER_RAFT_DIR"),
  MASTER_PEERS("--peers", "comma-separated id@raftHost:port@clientHost:port, like m1@10.0.0.5:9200@10.0.0.5:9090",
      "GODFS_MASTER_PEERS"),
  BOOTSTRAP("--bootstrap", "1, true, 0 or false", "GODFS_MASTER_BOOTSTRAP"),
  ELECTION_TIMEOUT("--election-timeout", "a duration from 100ms to 60s like 500ms or 2s",
      "GODFS_MASTER_ELECTION_TIMEOUT"),
  MASTER_ADVERTISE("--advertise", "host:port clients reach this master at, like 10.0.0.5:9090",
      "GODFS_MASTER_ADVERTISE_ADDR"),
  MASTER_LISTEN("--listen", "[host]:port to listen on, like :9090 or 127.0.0.1:9090",
      "GODFS_MASTER_LISTEN", "GODFS_MASTER_GRPC_LISTEN"),
  CHUNK_LISTEN("--listen", "[host]:port to listen on, like :8000 or 127.0.0.1:8000", "GODFS_CHUNK_LISTEN"),
  CHUNK_SIZE("--chunk-size", "a multiple of 64KiB from 64KiB to 1GiB, like 64MiB or 67108864",
      "GODFS_CHUNK_SIZE_BYTES"),
  REPLICATION("--replication", "an integer 1-16", "GODFS_REPLICATION"),
  DATA("--data", "a directory path", "GODFS_CHUNK_DATA"),
  NODE_ID("--node-id", "1-128 characters [A-Za-z0-9][A-Za-z0-9._-]*, like chunk-1", "GODFS_NODE_ID"),
  ADVERTISE("--advertise", "host:port that clients and other chunkservers can reach, like 10.0.0.5:8000",
      "GODFS_ADVERTISE_ADDR"),
  SCRUB_RATE("--scrub-rate", "a size per second >= 0 like 16MiB (0 = no scrubbing)", "GODFS_SCRUB_RATE"),
  CAPACITY("--capacity", "a size >= 0 like 500GiB or 536870912000 (0 = measure the disk)",
      "GODFS_CHUNK_CAPACITY_BYTES"),
  HEALTH_LISTEN("--health-listen", "[host]:port for the HTTP health checks, like :9100 (empty = none)",
      "GODFS_HEALTH_LISTEN"),
  DEAD_AFTER("--dead-after", "a duration > 0 like 30s or 1m", "GODFS_NODE_DEAD_AFTER"),
  HEARTBEAT_INTERVAL("--heartbeat-interval", "a duration > 0 like 2s or 500ms", "GODFS_HEARTBEAT_INTERVAL"),
  LEASE_TIMEOUT("--lease-timeout", "a duration > 0 like 60s or 2m", "GODFS_LEASE_TIMEOUT"),
  MAX_FILE_SIZE("--max-file-size", "a size of at least the chunk size, like 16TiB", "GODFS_MASTER_MAX_FILE_SIZE"),
  INLINE_MAX("--inline-max", "an integer 0-4096 (bytes; 0 = keep no file's bytes in the master)",
      "GODFS_MASTER_INLINE_MAX_BYTES"),
  DEV_MASTER_PORT("--port", "a port 0-65535 (0 = any free port)"),
  DEV_FIRST_CHUNK_PORT("--first-chunk-port", "a port 0-65535 (0 = any free ports)"),
  DEV_CHUNKSERVERS("--chunkservers", "an integer 1-16");

  private final String flag;
  private final String expected;
  private final List<String> envNames;

  Setting(String flag, String expected, String... envNames) {
    this.flag = flag;
    this.expected = expected;
    this.envNames = List.of(envNames);
  }

  public String flag() {
    return flag;
  }

  /** What a valid value looks like, for error messages and help. */
  public String expected() {
    return expected;
  }

  /** The environment variables read, in order of preference; empty for flag-only settings. */
  public List<String> envNames() {
    return envNames;
  }

  /** {@code GODFS_REPLICATION (--replication)}, naming {@code envName} when the value came from it. */
  String label(String envName) {
    String env = envName != null ? envName : envNames.isEmpty() ? null : envNames.getFirst();
    return env == null ? flag : env + " (" + flag + ")";
  }
}
