package io.godfs.bootstrap.config;

import io.godfs.bootstrap.logging.LogFormat;
import io.godfs.bootstrap.logging.LogLevelSpec;
import java.util.List;
import java.util.Locale;

/**
 * Every setting a goDFS process reads: its command-line flag (none for the gateway's variables),
 * the environment variables that set it (goDFS's own name first, then the original goDFS names; the
 * first one set wins), its key in a role's section of the YAML file and, for error messages, what
 * is allowed. Precedence: flag, then environment, then file, then default
 * (docs/adr/0019-one-configuration.md).
 */
public enum Setting {
  MASTER(
      "--master",
      "host:port of the master, or of every master comma-separated, like 127.0.0.1:9090",
      "GODFS_MASTER"),
  METADATA_BACKEND("--metadata", "memory or ratis", "GODFS_METADATA_BACKEND"),
  MASTER_NODE_ID(
      "--master-id", "1-64 characters [A-Za-z0-9][A-Za-z0-9_.-]*, like m1", "GODFS_MASTER_NODE_ID"),
  RAFT_LISTEN(
      "--raft-listen",
      "host:port the other masters reach this one's Raft at, like 10.0.0.5:9200",
      "GODFS_MASTER_RAFT_LISTEN"),
  RAFT_DIR("--raft-dir", "a directory path", "GODFS_MASTER_RAFT_DIR"),
  MASTER_PEERS(
      "--peers",
      "comma-separated id@raftHost:port@clientHost:port, like m1@10.0.0.5:9200@10.0.0.5:9090",
      "GODFS_MASTER_PEERS"),
  BOOTSTRAP("--bootstrap", "1, true, 0 or false", "GODFS_MASTER_BOOTSTRAP"),
  ELECTION_TIMEOUT(
      "--election-timeout",
      "a duration from 100ms to 60s like 500ms or 2s",
      "GODFS_MASTER_ELECTION_TIMEOUT"),
  MASTER_ADVERTISE(
      "--advertise",
      "host:port clients reach this master at, like 10.0.0.5:9090",
      "GODFS_MASTER_ADVERTISE_ADDR"),
  MASTER_LISTEN(
      "--listen",
      "[host]:port to listen on, like :9090 or 127.0.0.1:9090",
      "GODFS_MASTER_LISTEN",
      "GODFS_MASTER_GRPC_LISTEN"),
  CHUNK_LISTEN(
      "--listen", "[host]:port to listen on, like :8000 or 127.0.0.1:8000", "GODFS_CHUNK_LISTEN"),
  CHUNK_SIZE(
      "--chunk-size",
      "a multiple of 64KiB from 64KiB to 1GiB, like 64MiB or 67108864",
      "GODFS_CHUNK_SIZE_BYTES"),
  REPLICATION("--replication", "an integer 1-16", "GODFS_REPLICATION"),
  DATA("--data", "a directory path", "GODFS_CHUNK_DATA"),
  NODE_ID(
      "--node-id", "1-128 characters [A-Za-z0-9][A-Za-z0-9._-]*, like chunk-1", "GODFS_NODE_ID"),
  ADVERTISE(
      "--advertise",
      "host:port that clients and other chunkservers can reach, like 10.0.0.5:8000",
      "GODFS_ADVERTISE_ADDR"),
  SCRUB_RATE(
      "--scrub-rate", "a size per second >= 0 like 16MiB (0 = no scrubbing)", "GODFS_SCRUB_RATE"),
  DIRECT_WRITES(
      "--direct-writes",
      "true or false (a chunkserver appends to its replicas around the page cache, ADR 0034)",
      "GODFS_CHUNK_DIRECT_WRITES"),
  CAPACITY(
      "--capacity",
      "a size >= 0 like 500GiB or 536870912000 (0 = measure the disk)",
      "GODFS_CHUNK_CAPACITY_BYTES"),
  HEALTH_LISTEN(
      "--health-listen",
      "[host]:port for the HTTP health checks, like :9100 (empty = none)",
      "GODFS_HEALTH_LISTEN"),
  HEALTH_CLIENT_CERT(
      null,
      "optional or required (a client certificate of the cluster CA for the health listener)",
      "GODFS_HEALTH_CLIENT_CERT"),
  METRICS_LISTEN(
      null,
      "[host]:port for /metrics: the health listener's address, so GODFS_HEALTH_LISTEN's value"
          + " or empty",
      "GODFS_METRICS_LISTEN"),
  METRICS_TOKEN_FILE(
      null,
      "a path to a file holding the scrape token (32 characters or more) that /metrics accepts"
          + " as a bearer",
      "GODFS_METRICS_TOKEN_FILE"),
  // Every process logs (ADR 0023, "Logs"); read from the environment before the command runs.
  OTEL_ENDPOINT(
      null,
      "the http:// or https:// address of an OTLP/HTTP collector, like http://127.0.0.1:4318"
          + " (empty = tracing off)",
      "GODFS_OTEL_EXPORTER_OTLP_ENDPOINT",
      "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
      "OTEL_EXPORTER_OTLP_ENDPOINT"),
  OTEL_SERVICE_NAME(
      null,
      "a name for the traces' service.name, like godfs-master",
      "GODFS_OTEL_SERVICE_NAME",
      "OTEL_SERVICE_NAME"),
  OTEL_PROTOCOL(null, "http/protobuf", "OTEL_EXPORTER_OTLP_PROTOCOL"),
  OTEL_SAMPLER(
      null,
      "parentbased_always_on, parentbased_traceidratio, parentbased_always_off, always_on,"
          + " always_off or traceidratio",
      "OTEL_TRACES_SAMPLER"),
  OTEL_SAMPLER_ARG(null, "a fraction from 0 to 1 like 0.01", "OTEL_TRACES_SAMPLER_ARG"),
  OTEL_HEADERS(
      null, "comma-separated key=value pairs sent to the collector", "OTEL_EXPORTER_OTLP_HEADERS"),
  OTEL_CERTIFICATE(null, "a PEM file of the collector's CA", "OTEL_EXPORTER_OTLP_CERTIFICATE"),
  OTEL_CLIENT_CERTIFICATE(
      null, "a PEM certificate for the collector", "OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE"),
  OTEL_CLIENT_KEY(null, "its PEM private key", "OTEL_EXPORTER_OTLP_CLIENT_KEY"),
  OTEL_RESOURCE_ATTRIBUTES(
      null,
      "comma-separated key=value pairs, like deployment.environment=prod",
      "OTEL_RESOURCE_ATTRIBUTES"),
  OTEL_SDK_DISABLED(null, "true or false", "OTEL_SDK_DISABLED"),
  OTEL_BSP_SCHEDULE_DELAY(
      null, "milliseconds from 1 to 60000 like 5000", "OTEL_BSP_SCHEDULE_DELAY"),
  LOG_LEVEL(null, LogLevelSpec.EXPECTED, "GODFS_LOG_LEVEL"),
  LOG_FORMAT(null, LogFormat.EXPECTED, "GODFS_LOG_FORMAT"),
  DEAD_AFTER("--dead-after", "a duration > 0 like 30s or 1m", "GODFS_NODE_DEAD_AFTER"),
  HEARTBEAT_INTERVAL(
      "--heartbeat-interval", "a duration > 0 like 2s or 500ms", "GODFS_HEARTBEAT_INTERVAL"),
  LEASE_TIMEOUT("--lease-timeout", "a duration > 0 like 60s or 2m", "GODFS_LEASE_TIMEOUT"),
  MAX_FILE_SIZE(
      "--max-file-size",
      "a size of at least the chunk size, like 16TiB",
      "GODFS_MASTER_MAX_FILE_SIZE"),
  MASTER_WIRE_PORT(
      "--wire-port", "a port 1-65535, 0 for a free one, or off", "GODFS_MASTER_WIRE_PORT"),
  SOFT_DELETE_GRACE(
      "--soft-delete-grace",
      "a duration from 0 (off: deletes are immediate) to 365d, like 30s, 1h or 7d",
      "GODFS_SOFT_DELETE_GRACE"),
  INLINE_MAX(
      "--inline-max",
      "an integer 0-4096 (bytes; 0 = keep no file's bytes in the master)",
      "GODFS_MASTER_INLINE_MAX_BYTES"),
  API_KEYS_FILE(
      "--api-keys-file",
      "a path to a file of API keys (godfs admin key create writes it)",
      "GODFS_API_KEYS_FILE"),
  // The seed's variables: secrets and rules come from the environment or a file, never a flag.
  SEED_API_KEYS(
      null,
      "name:key pairs like alice:<key>,bob:<key>, or @/path/to/file; keys of at least "
          + Secrets.MIN_LENGTH
          + " characters",
      "GODFS_API_KEYS"),
  RBAC_JSON(
      null,
      "a JSON array of rules like [{\"principal\": \"alice\", \"path_prefix\": \"/data/alice\","
          + " \"permissions\": [\"read\", \"write\"]}], or @/path/to/file",
      "GODFS_RBAC_JSON"),
  CLUSTER_KEY(
      null,
      "a secret of at least 16 characters that masters and chunkservers share, or @/path/to/file",
      "GODFS_CLUSTER_KEY"),
  CLIENT_API_KEY_FILE(
      "--api-key-file",
      "a file holding the API key or token (a secret never goes on the command line, where ps"
          + " shows it)"),
  CLIENT_API_KEY(
      null,
      "an API key (godfs admin key create prints one), or @/path/to/file holding it",
      "GODFS_CLIENT_API_KEY"),
  AUDIT_ENABLED(null, "1, true, yes, 0, false or no", "GODFS_AUDIT_ENABLED"),
  AUDIT_LOG(null, "a file path (default: standard output)", "GODFS_AUDIT_LOG"),
  AUDIT_MAX_BYTES(
      null, "a size >= 1KiB like 100MiB (then the file is rotated)", "GODFS_AUDIT_MAX_BYTES"),
  AUDIT_KEEP(null, "an integer 1-1000 (rotated files kept)", "GODFS_AUDIT_KEEP"),
  AUDIT_CHUNK(
      null,
      "1, true, yes, 0, false or no (a chunkserver records its calls; needs GODFS_AUDIT_ENABLED)",
      "GODFS_AUDIT_CHUNK"),
  // JSON Web Tokens (docs/adr/0022-security.md): the seed's two key sources, then goDFS's checks.
  JWT_HMAC_SECRET(
      null,
      "an HS256 secret of at least 32 bytes (e.g. openssl rand -hex 32), or @/path/to/file",
      "GODFS_JWT_HMAC_SECRET"),
  JWT_JWKS_URL(
      null,
      "an https:// or http:// URL of a JWK set, or a file path (or file: URL) holding one",
      "GODFS_JWT_JWKS_URL"),
  JWT_ISSUER(
      null, "the issuer tokens must name ('iss'), like https://idp.example", "GODFS_JWT_ISSUER"),
  JWT_AUDIENCE(null, "an audience tokens must include ('aud'), like godfs", "GODFS_JWT_AUDIENCE"),
  JWT_USER_CLAIM(
      null,
      "a claim name like sub or preferred_username (a.b = b inside a)",
      "GODFS_JWT_USER_CLAIM"),
  JWT_GROUPS_CLAIM(null, "a claim name like groups (a.b = b inside a)", "GODFS_JWT_GROUPS_CLAIM"),
  JWT_ROLES_CLAIM(
      null,
      "a claim name like roles or realm_access.roles (a.b = b inside a)",
      "GODFS_JWT_ROLES_CLAIM"),
  JWT_JWKS_REFRESH(null, "a duration from 30s to 24h like 5m", "GODFS_JWT_JWKS_REFRESH"),
  // The seed's TLS variables (docs/adr/0022-security.md, "Transport"): files, never inline keys.
  TLS_ENABLED(null, "1, true, yes, 0, false or no", "GODFS_TLS_ENABLED"),
  TLS_CERT_FILE(
      null,
      "a PEM file of this node's certificate chain, leaf first",
      "GODFS_TLS_CERT_FILE",
      "GODFS_TLS_SERVER_CERT"),
  TLS_KEY_FILE(
      null,
      "a PEM file of the certificate's PKCS#8 private key (RSA, EC or EdDSA)",
      "GODFS_TLS_KEY_FILE",
      "GODFS_TLS_SERVER_KEY"),
  TLS_CA_FILE(
      null,
      "a PEM file of the CA certificates trusted (set on a server, clients must present a"
          + " certificate they signed)",
      "GODFS_TLS_CA_FILE",
      "GODFS_TLS_CA"),
  TLS_EXTRA_CA_FILE(
      null,
      "a PEM file of more trusted CA certificates (a CA rotation)",
      "GODFS_TLS_EXTRA_CA_FILE"),
  TLS_CLIENT_CERT_FILE(
      null,
      "a PEM file of the certificate chain presented to servers (mutual TLS)",
      "GODFS_TLS_CLIENT_CERT_FILE",
      "GODFS_TLS_CLIENT_CERT"),
  TLS_CLIENT_KEY_FILE(
      null,
      "a PEM file of the client certificate's PKCS#8 private key",
      "GODFS_TLS_CLIENT_KEY_FILE",
      "GODFS_TLS_CLIENT_KEY"),
  TLS_RELOAD(null, "1, true, yes, 0, false or no", "GODFS_TLS_RELOAD"),
  TLS_RELOAD_INTERVAL(
      null, "a duration of at least 500ms like 5s or 1m", "GODFS_TLS_RELOAD_INTERVAL"),
  // Which TLS implementation encrypts gRPC in this process (TlsProvider; ADR 0022, "TLS provider").
  TLS_PROVIDER(
      null,
      "auto, jdk or openssl (auto: BoringSSL where it loads, else the JDK's TLS)",
      "GODFS_TLS_PROVIDER"),
  // The embedded certificate authority (docs/adr/0022-security.md): masters hold it, nodes join.
  CA_ENABLED(null, "1, true, yes, 0, false or no", "GODFS_CA_ENABLED"),
  CA_CERT_LIFETIME(
      null,
      "a duration from 1m to 365d like 24h (certificates the CA signs)",
      "GODFS_CA_CERT_LIFETIME"),
  // A CA made before the masters' first start (godfs admin certs create): they sign their Raft
  // certificates from it before Raft starts, and the first leader installs it as the embedded CA.
  CA_KEY_FILE(
      null,
      "a PEM file of the CA's PKCS#8 private key (godfs admin certs create makes ca/ca.key)",
      "GODFS_CA_KEY_FILE"),
  CA_CERT_FILE(
      null,
      "a PEM file of the CA's certificate (godfs admin certs create makes ca/ca.crt)",
      "GODFS_CA_CERT_FILE"),
  JOIN_TOKEN(
      null,
      "a join token (godfs admin token create prints one), or @/path/to/file holding it",
      "GODFS_JOIN_TOKEN"),
  DEV_MASTER_PORT("--port", "a port 0-65535 (0 = any free port)"),
  DEV_FIRST_CHUNK_PORT("--first-chunk-port", "a port 0-65535 (0 = any free ports)"),
  DEV_CHUNKSERVERS("--chunkservers", "an integer 1-16"),
  DEV_GATEWAY_PORT("--gateway-port", "a port 0-65535 or off"),
  DEV_MASTERS("--masters", "1, 3 or 5"),
  DEV_METRICS_PORT(
      "--metrics-port",
      "a port 0-65535 (0 = any free ports): each node's /metrics from there, or off"),
  DEV_INSECURE(
      "--insecure",
      "1, true, yes, 0, false or no (1: no authentication, for a laptop)",
      "GODFS_DEV_INSECURE"),
  GATEWAY_LISTEN(
      "--listen",
      "[host]:port like :8080 or 127.0.0.1:8080",
      "GODFS_GATEWAY_LISTEN",
      "GODFS_REST_LISTEN"),
  // HTTPS on the gateway (docs/adr/0022-security.md, "Transport"), the seed's GODFS_REST_* names.
  GATEWAY_HTTPS_ENABLED(
      null,
      "1, true, yes, 0, false or no",
      "GODFS_GATEWAY_HTTPS_ENABLED",
      "GODFS_REST_HTTPS_ENABLED"),
  GATEWAY_HTTPS_CERT_FILE(
      null,
      "a PEM file of the gateway's certificate chain, leaf first (default: GODFS_TLS_CERT_FILE)",
      "GODFS_GATEWAY_HTTPS_CERT_FILE",
      "GODFS_REST_TLS_CERT_FILE"),
  GATEWAY_HTTPS_KEY_FILE(
      null,
      "a PEM file of its PKCS#8 private key (default: GODFS_TLS_KEY_FILE)",
      "GODFS_GATEWAY_HTTPS_KEY_FILE",
      "GODFS_REST_TLS_KEY_FILE"),
  GATEWAY_HTTPS_CLIENT_CA_FILE(
      null,
      "a PEM file of CA certificates; HTTPS clients must then present a certificate they signed",
      "GODFS_GATEWAY_HTTPS_CLIENT_CA_FILE",
      "GODFS_REST_TLS_CA_FILE"),
  // The seed's cap on a PUT body falls back to its general body cap, as here.
  GATEWAY_MAX_UPLOAD(
      null,
      "a size >= 1 like 5GiB",
      "GODFS_GATEWAY_MAX_UPLOAD_BYTES",
      "GODFS_REST_MAX_UPLOAD_BYTES",
      "GODFS_REST_MAX_BODY_BYTES"),
  GATEWAY_MAX_JSON(
      null,
      "a size >= 1 like 1MiB",
      "GODFS_GATEWAY_MAX_JSON_BODY_BYTES",
      "GODFS_REST_MAX_JSON_BODY_BYTES"),
  GATEWAY_MAX_HEADER(null, "a size 1KiB-1MiB like 16KiB", "GODFS_GATEWAY_MAX_HEADER_BYTES"),
  GATEWAY_API_KEYS(
      null,
      "name:key pairs like alice:<key>,bob:<key>, or @/path/to/file; keys of at least "
          + Secrets.MIN_LENGTH
          + " characters",
      "GODFS_GATEWAY_API_KEYS",
      "GODFS_API_KEYS"),
  GATEWAY_CORS_ORIGINS(
      null,
      "origins like https://app.example.com,https://b.example or *",
      "GODFS_GATEWAY_CORS_ALLOW_ORIGINS",
      "GODFS_REST_CORS_ALLOW_ORIGINS"),
  GATEWAY_RATE_LIMIT_RPS(
      null,
      "requests per second >= 0 (0 = off), like 100",
      "GODFS_GATEWAY_RATE_LIMIT_RPS",
      "GODFS_REST_RATE_LIMIT_RPS"),
  GATEWAY_RATE_LIMIT_BURST(
      null, "an integer >= 1", "GODFS_GATEWAY_RATE_LIMIT_BURST", "GODFS_REST_RATE_LIMIT_BURST"),
  GATEWAY_SOURCE_RATE_LIMIT_RPS(
      null, "requests per second >= 0 (0 = off), like 100", "GODFS_GATEWAY_SOURCE_RATE_LIMIT_RPS"),
  GATEWAY_SOURCE_RATE_LIMIT_BURST(null, "an integer >= 1", "GODFS_GATEWAY_SOURCE_RATE_LIMIT_BURST"),
  GATEWAY_PRESIGN_KEYS(
      null,
      "keyid:secret pairs (secrets of at least "
          + Secrets.MIN_LENGTH
          + " characters; the first signs), used only for a cluster with security off",
      "GODFS_GATEWAY_PRESIGN_KEYS"),
  GATEWAY_MULTIPART_MAX_PARTS(
      null,
      "an integer 1-99999",
      "GODFS_GATEWAY_MULTIPART_MAX_PARTS",
      "GODFS_REST_MULTIPART_MAX_PARTS"),
  GATEWAY_UPLOAD_EXPIRY(null, "a duration > 0 like 24h or 30m", "GODFS_GATEWAY_UPLOAD_EXPIRY"),
  // The seed's http.Server ReadHeaderTimeout and IdleTimeout mean what these do.
  GATEWAY_HEADER_TIMEOUT(
      null,
      "a duration > 0 like 10s",
      "GODFS_GATEWAY_HEADER_TIMEOUT",
      "GODFS_REST_READ_HEADER_TIMEOUT"),
  GATEWAY_BODY_TIMEOUT(null, "a duration > 0 like 30s", "GODFS_GATEWAY_BODY_TIMEOUT"),
  GATEWAY_IDLE_TIMEOUT(
      null, "a duration > 0 like 30s", "GODFS_GATEWAY_IDLE_TIMEOUT", "GODFS_REST_IDLE_TIMEOUT"),
  GATEWAY_MAX_CONNECTIONS(null, "an integer 1-1000000", "GODFS_GATEWAY_MAX_CONNECTIONS"),
  GATEWAY_MAX_CONCURRENT_REQUESTS(
      null, "an integer 1-100000", "GODFS_GATEWAY_MAX_CONCURRENT_REQUESTS"),
  GATEWAY_PUBLIC_URL(
      null,
      "http(s)://host[:port][/prefix], where clients reach this gateway",
      "GODFS_GATEWAY_PUBLIC_URL"),
  MOUNT_POINT("--mountpoint", "an existing empty directory"),
  MOUNT_PREFIX("--prefix", "an absolute goDFS path like /data"),
  MOUNT_READ_ONLY("--read-only", "true or false"),
  MOUNT_ATTR_TTL("--attr-ttl", "a duration like 1s or 500ms, 0 = off"),
  MOUNT_DIR_TTL("--dir-ttl", "a duration like 1s or 500ms, 0 = off"),
  MOUNT_NEGATIVE_TTL("--negative-ttl", "a duration like 1s or 500ms, 0 = off"),
  MOUNT_RPC_TIMEOUT("--rpc-timeout", "a duration like 1s or 500ms, 0 = off"),
  MOUNT_MAX_DIRTY("--max-dirty", "a size from 1MiB to 1GiB like 64MiB"),
  MOUNT_DIRECT_IO("--direct-io", "true or false");

  private final String flag;
  private final String expected;
  private final List<String> envNames;

  Setting(String flag, String expected, String... envNames) {
    this.flag = flag;
    this.expected = expected;
    this.envNames = List.of(envNames);
  }

  /**
   * The command-line flag, like {@code --replication}; null for a setting only the environment
   * sets.
   */
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

  /**
   * The key in the role's section of the YAML file: the flag without its dashes ({@code
   * replication}), or for a variable-only setting its name without {@code GODFS_GATEWAY_}, in kebab
   * case ({@code GODFS_GATEWAY_API_KEYS} is {@code api-keys}).
   */
  public String key() {
    if (flag != null) {
      return flag.substring(2);
    }
    return envNames
        .getFirst()
        .replaceFirst("^GODFS_(GATEWAY_)?", "")
        .toLowerCase(Locale.ROOT)
        .replace('_', '-');
  }

  /** Whether the value is a credential: never printed, only masked. */
  public boolean secret() {
    String name = key().toUpperCase(Locale.ROOT);
    if (name.startsWith("TLS-") || name.startsWith("HTTPS-")) {
      return false; // paths of files; the files themselves are never printed
    }
    return name.contains("KEY")
        || name.contains("SECRET")
        || name.contains("TOKEN")
        || name.contains("PASSWORD")
        || name.endsWith("HEADERS"); // a collector's credential, often
  }

  /**
   * {@code GODFS_REPLICATION (--replication)}, naming {@code envName} when the value came from it.
   */
  String label(String envName) {
    String env = envName != null ? envName : envNames.isEmpty() ? null : envNames.getFirst();
    if (env == null) {
      return flag;
    }
    return flag == null ? env : env + " (" + flag + ")";
  }
}
