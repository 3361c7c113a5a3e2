package io.godfs.bootstrap.config;

import io.godfs.bootstrap.config.Role.SeedProgram;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A variable of the original goDFS that goDFS does not honour (yet). A process whose role does the
 * work of a program that read it refuses to start when the variable asks for something, so that,
 * for example, a deployment setting {@code GODFS_OTEL_EXPORTER_OTLP_ENDPOINT} is told instead of
 * running without metrics. A value that asks for nothing goDFS does not do (TLS off, a limit of 0 =
 * unlimited) is accepted, as is a variable the original only read together with one of these (a
 * certificate file without HTTPS). The variables goDFS honours are {@link Setting}s. The list is
 * the seed's reference (godfs-features.md, section 6).
 *
 * @param programs the original programs that read it; empty = every one
 * @param accepted the values that ask for nothing goDFS does not do
 * @param missing what goDFS lacks, for the message
 */
record SeedVariable(
    String name,
    Set<SeedProgram> programs,
    Predicate<String> accepted,
    String missing,
    String offHint) {
  private static final Predicate<String> NOTHING = v -> false;
  private static final Predicate<String> ANYTHING = v -> true;
  private static final Predicate<String> FALSE =
      v -> Set.of("0", "false", "no", "off").contains(norm(v));
  private static final Predicate<String> ZERO = v -> norm(v).matches("0+(\\.0*)?(ms|s|m|h)?");

  private static final String AUTH = "goDFS reads no such security setting";
  private static final String PRESIGN =
      "goDFS presigned URLs carry delegation tokens that the masters issue to the caller"
          + " (GODFS_GATEWAY_PRESIGN_KEYS signs them only for a cluster with security off)";
  private static final String TUNING =
      "goDFS has no such knob: it works differently here (see docs/adr)";
  private static final String LIMITS = "goDFS has no such limit yet";

  private static final Map<String, SeedVariable> ALL = table();

  /** The unsupported variable called {@code name}, if it is one. */
  static Optional<SeedVariable> named(String name) {
    return Optional.ofNullable(ALL.get(name));
  }

  static Set<String> names() {
    return ALL.keySet();
  }

  /** Whether a process of {@code role} must refuse {@code value}. */
  boolean refuses(Role role, String value) {
    boolean read = programs.isEmpty() || programs.stream().anyMatch(role::replaces);
    return read && !value.isBlank() && !accepted.test(value);
  }

  /** The one line that stops the start. */
  String message() {
    return name
        + " is not supported yet: "
        + missing
        + " (unset it"
        + (offHint.isEmpty() ? "" : " or set it to " + offHint)
        + ")";
  }

  private static String norm(String value) {
    return value.strip().toLowerCase(Locale.ROOT);
  }

  private static Map<String, SeedVariable> table() {
    Map<String, SeedVariable> t = new LinkedHashMap<>();
    Set<SeedProgram> every = EnumSet.noneOf(SeedProgram.class);
    Set<SeedProgram> master = EnumSet.of(SeedProgram.MASTER);
    Set<SeedProgram> chunk = EnumSet.of(SeedProgram.CHUNKSERVER);
    Set<SeedProgram> nodes = EnumSet.of(SeedProgram.MASTER, SeedProgram.CHUNKSERVER);
    Set<SeedProgram> gateway = EnumSet.of(SeedProgram.GATEWAY);
    Set<SeedProgram> client = EnumSet.of(SeedProgram.CLIENT);
    // The GODFS_TLS_* variables and the gateway's GODFS_REST_HTTPS_ENABLED and GODFS_REST_TLS_*
    // are Settings.
    // GODFS_API_KEYS, GODFS_RBAC_JSON, GODFS_CLUSTER_KEY, GODFS_CLIENT_API_KEY,
    // GODFS_JWT_HMAC_SECRET and GODFS_JWT_JWKS_URL are Settings.
    add(t, every, ANYTHING, AUTH, "", "GODFS_RBAC_RELOAD_INTERVAL", "GODFS_AUTH_RELOAD_INTERVAL");
    // GODFS_AUDIT_ENABLED, GODFS_AUDIT_LOG and GODFS_AUDIT_CHUNK are Settings.
    // GODFS_METRICS_LISTEN is a Setting (the health listener serves /metrics), and so are
    // GODFS_OTEL_EXPORTER_OTLP_ENDPOINT and GODFS_OTEL_SERVICE_NAME (tracing, ADR 0023).
    add(t, every, NOTHING, TUNING, "", "GODFS_GRPC_MAX_MSG_BYTES");
    add(
        t,
        nodes,
        ZERO,
        LIMITS,
        "0",
        "GODFS_GRPC_RATE_LIMIT_RPS",
        "GODFS_GRPC_RATE_LIMIT_BURST",
        "GODFS_GRPC_PEER_RATE_LIMIT_RPS",
        "GODFS_GRPC_PEER_RATE_LIMIT_BURST");
    add(t, chunk, ZERO, LIMITS, "0", "GODFS_GRPC_PEER_STREAM_MAX_CONCURRENT");
    add(
        t,
        master,
        NOTHING,
        TUNING,
        "",
        "GODFS_LEASE_SEC",
        "GODFS_REBALANCE_INTERVAL",
        "GODFS_REBALANCE_MAX_PER_TICK",
        "GODFS_REBALANCE_MAX_ATTEMPTS",
        "GODFS_REBALANCE_BACKOFF_BASE",
        "GODFS_REBALANCE_BACKOFF_MAX",
        "GODFS_GC_INTERVAL",
        "GODFS_GC_MAX_PER_TICK",
        "GODFS_GC_MAX_ATTEMPTS",
        "GODFS_GC_BACKOFF_BASE",
        "GODFS_GC_BACKOFF_MAX",
        "GODFS_ORPHAN_GC_INTERVAL",
        "GODFS_ORPHAN_GC_MIN_AGE",
        "GODFS_ORPHAN_GC_MAX_PER_NODE");
    // 0 is the original's "unlimited", "no jitter", "off": what goDFS does.
    add(
        t,
        master,
        ZERO,
        LIMITS,
        "0",
        "GODFS_MAINT_REBALANCE_INFLIGHT",
        "GODFS_MAINT_GC_INFLIGHT",
        "GODFS_MAINT_CHECKSUM_INFLIGHT",
        "GODFS_MAINT_PER_NODE_PULL_INFLIGHT",
        "GODFS_MAINT_PER_NODE_CHECKSUM_INFLIGHT",
        "GODFS_REBALANCE_BACKOFF_JITTER",
        "GODFS_GC_BACKOFF_JITTER",
        "GODFS_MAINT_CHECKSUM_MAX_QPS",
        "GODFS_MAINT_HEALTH_SCAN_INTERVAL",
        "GODFS_STALE_REPLICA_GAUGE_INTERVAL",
        "GODFS_GC_PENDING_DELETE_GRACE");
    add(t, master, ANYTHING, LIMITS, "", "GODFS_STALE_REPLICA_GAUGE_TIMEOUT");
    add(t, master, FALSE, TUNING, "0", "GODFS_GC_STRICT");
    add(t, chunk, ZERO, TUNING, "0", "GODFS_CHUNK_READ_CACHE_ENTRIES");
    add(t, chunk, ANYTHING, TUNING, "", "GODFS_CHUNK_READ_CACHE_MAX_BYTES");
    add(
        t,
        chunk,
        NOTHING,
        TUNING,
        "",
        "GODFS_CHUNK_READ_FRAME_BYTES",
        "GODFS_SYNC_CHUNK_PART_BYTES");
    add(t, client, NOTHING, TUNING, "", "GODFS_CLIENT_WRITE_PARALLELISM");
    add(
        t,
        gateway,
        NOTHING,
        TUNING,
        "",
        "GODFS_REST_GET_STREAM_BYTES",
        "GODFS_REST_CORS_ALLOW_METHODS",
        "GODFS_REST_CORS_ALLOW_HEADERS",
        "GODFS_REST_CORS_EXPOSE_HEADERS",
        "GODFS_REST_CORS_MAX_AGE",
        "GODFS_REST_RATE_LIMIT_TTL_SECONDS",
        "GODFS_REST_MULTIPART_DIR",
        "GODFS_REST_MULTIPART_MAX_PART_BYTES");
    // The original's whole-request deadlines; 0 (none) is what goDFS does, which cuts off stalled
    // bodies instead.
    add(t, gateway, ZERO, LIMITS, "0", "GODFS_REST_READ_TIMEOUT", "GODFS_REST_WRITE_TIMEOUT");
    add(t, gateway, FALSE, TUNING, "0", "GODFS_REST_CORS_ALLOW_CREDENTIALS");
    add(t, gateway, NOTHING, PRESIGN, "", "GODFS_REST_PRESIGN_HMAC_SECRET");
    add(t, gateway, ANYTHING, PRESIGN, "", "GODFS_REST_PRESIGN_UPSTREAM_BEARER");
    return Map.copyOf(t);
  }

  private static void add(
      Map<String, SeedVariable> table,
      Set<SeedProgram> programs,
      Predicate<String> accepted,
      String missing,
      String offHint,
      String... names) {
    for (String name : List.of(names)) {
      table.put(name, new SeedVariable(name, programs, accepted, missing, offHint));
    }
  }
}
