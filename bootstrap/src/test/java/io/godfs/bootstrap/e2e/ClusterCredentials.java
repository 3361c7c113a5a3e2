package io.godfs.bootstrap.e2e;

import static io.godfs.domain.access.Role.ADMIN;

import io.godfs.adapters.grpc.ChannelPool;
import io.godfs.adapters.grpc.tls.GrpcTls;
import io.godfs.adapters.grpc.tls.TestCertificates;
import io.godfs.adapters.grpc.tls.TestCertificates.Ca;
import io.godfs.adapters.grpc.tls.TestCertificates.Issued;
import io.godfs.adapters.identity.ApiKeyFile;
import io.godfs.application.client.ClientSettings;
import io.godfs.bootstrap.config.AuditConfig;
import io.godfs.bootstrap.config.MasterSecurity;
import io.godfs.client.GodfsClient;
import io.godfs.domain.access.Principal;
import io.godfs.domain.error.DfsException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * What a test cluster is secured with, as an operator secures one (ADR 0022): TLS 1.3 on every gRPC
 * connection, nodes named by certificates of the cluster's CA (mutual TLS between them, so
 * chunkservers enforce chunk access tokens), an API key file on the masters with an admin key the
 * tests' clients present, and the audit trail in a file. The whole end-to-end suite runs on it
 * unless a test is about security being off.
 *
 * <p>One CA serves the whole test JVM and each certificate is made once per subject: making them
 * takes keytool a second each, and a cluster per test would otherwise spend more on certificates
 * than on its test.
 */
public final class ClusterCredentials {
  private static final Map<String, Issued> ISSUED = new ConcurrentHashMap<>();
  private static Ca ca;

  private final Path keysFile;
  private final String adminKey;
  private final Path auditFile;

  private ClusterCredentials(Path keysFile, String adminKey, Path auditFile) {
    this.keysFile = keysFile;
    this.adminKey = adminKey;
    this.auditFile = auditFile;
  }

  /** New keys (an admin, {@code root}) and an audit file in {@code dir}. */
  public static ClusterCredentials in(Path dir) {
    try {
      Path security = Files.createDirectories(dir.resolve("security"));
      Path keys = security.resolve("api-keys");
      String admin =
          ApiKeyFile.addKey(
              keys, Principal.user("root", Set.of(), Set.of(ADMIN)), new SecureRandom());
      return new ClusterCredentials(keys, admin, security.resolve("audit.log"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The masters': their certificate (serving, and presenting to peers over Raft), the CA they
   * trust, client certificates asked for but not required (API-key clients have none), the keys
   * file and the audit trail.
   */
  public MasterSecurity master() {
    return master("master");
  }

  /** As {@link #master()}, for master {@code id} of a group (its own certificate). */
  public MasterSecurity master(String id) {
    Issued master = issued("CN=" + id + ",OU=master");
    GrpcTls tls =
        new GrpcTls(
                Optional.of(master.files()),
                Optional.of(master.files()),
                List.of(authority().certificate()),
                Optional.empty())
            .withOptionalClientCertificates();
    return new MasterSecurity(Optional.of(keysFile), Map.of(), Optional.empty(), Optional.empty())
        .withAudit(
            new AuditConfig(
                true,
                Optional.of(auditFile),
                AuditConfig.DEFAULT_MAX_BYTES,
                AuditConfig.DEFAULT_KEEP))
        .withTransport(tls);
  }

  /** Chunkserver {@code nodeId}'s TLS: its own certificate, as server and as client. */
  public Optional<GrpcTls> chunkserver(String nodeId) {
    Issued node = issued("CN=" + nodeId + ",OU=chunkserver");
    return Optional.of(
        new GrpcTls(
                Optional.of(node.files()),
                Optional.of(node.files()),
                List.of(authority().certificate()),
                Optional.empty())
            .withOptionalClientCertificates());
  }

  /** A client's TLS: it trusts the cluster's CA and presents no certificate. */
  public Optional<GrpcTls> client() {
    return Optional.of(
        new GrpcTls(
            Optional.empty(),
            Optional.empty(),
            List.of(authority().certificate()),
            Optional.empty()));
  }

  /**
   * A client's TLS presenting a certificate too ({@code CN=root}): what nodes configured from the
   * seed's {@code GODFS_TLS_*} require of their callers (a CA file means mutual TLS).
   */
  public Optional<GrpcTls> clientWithCertificate() {
    return Optional.of(
        new GrpcTls(
            Optional.empty(),
            Optional.of(issued("CN=root").files()),
            List.of(authority().certificate()),
            Optional.empty()));
  }

  /** A client as the admin, presenting a certificate too; the caller closes it. */
  public GodfsClient userClient(String masterAddress, ClientSettings settings) {
    return GodfsClient.connect(masterAddress, settings, adminKey(), clientWithCertificate());
  }

  /** Connections as the admin, presenting a certificate too. */
  public ChannelPool userChannels() {
    return new ChannelPool(adminKey(), clientWithCertificate());
  }

  /** The admin's API key, which the tests' clients present. */
  public Optional<String> adminKey() {
    return Optional.of(adminKey);
  }

  /** Adds a key for {@code user} to the masters' file (read again on change); returns it. */
  public String addKey(Principal.User user) {
    return ApiKeyFile.addKey(keysFile, user, new SecureRandom());
  }

  /**
   * As {@link #addKey}, returning once the master at {@code masterAddress} knows the key (it reads
   * the file again within a second or so): a test's first call would otherwise race the reload.
   */
  public String addKey(Principal.User user, String masterAddress) {
    String key = addKey(user);
    try (GodfsClient probe =
        GodfsClient.connect(masterAddress, ClientSettings.DEFAULTS, Optional.of(key), client())) {
      Waits.until(
          Duration.ofSeconds(20),
          "the master to know " + user.name() + "'s new key",
          () -> {
            try {
              return probe.whoAmI().name().equals(user.name());
            } catch (DfsException e) {
              return false;
            }
          });
    }
    return key;
  }

  /** Connections as the admin client: for calls straight to the masters' and nodes' ports. */
  public ChannelPool channels() {
    return new ChannelPool(adminKey(), client());
  }

  public Path auditFile() {
    return auditFile;
  }

  /** The CA certificate clients trust. */
  public Path authorityFile() {
    return authority().certificate();
  }

  /** The environment of a client process: the CA it trusts and the admin key. */
  public Map<String, String> clientEnvironment() {
    Map<String, String> env = new HashMap<>();
    env.put("GODFS_TLS_ENABLED", "true");
    env.put("GODFS_TLS_CA_FILE", authorityFile().toString());
    env.put("GODFS_CLIENT_API_KEY", adminKey);
    return env;
  }

  /** The environment of chunkserver process {@code nodeId}: its certificate and the CA. */
  public Map<String, String> chunkserverEnvironment(String nodeId) {
    Issued node = issued("CN=" + nodeId + ",OU=chunkserver");
    Map<String, String> env = new HashMap<>();
    env.put("GODFS_TLS_ENABLED", "true");
    env.put("GODFS_TLS_CA_FILE", authorityFile().toString());
    env.put("GODFS_TLS_CERT_FILE", node.chain().toString());
    env.put("GODFS_TLS_KEY_FILE", node.key().toString());
    return env;
  }

  /** The cluster CA's certificate: what HTTPS clients of the nodes' listeners trust. */
  public static Path caCertificate() {
    return authority().certificate();
  }

  /** A certificate of the cluster CA for {@code subject}, e.g. a scraper's. */
  public static Issued certificate(String subject) {
    return issued(subject);
  }

  private static Issued issued(String subject) {
    Ca authority = authority();
    return ISSUED.computeIfAbsent(subject, authority::issue);
  }

  private static synchronized Ca authority() {
    if (ca == null) {
      try {
        Path dir = Files.createTempDirectory("godfs-test-pki");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
        ca = TestCertificates.newCa(dir, "test-cluster-ca");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return ca;
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // A temp folder left behind at exit harms nothing.
    }
  }
}
