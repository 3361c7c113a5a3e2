package io.godfs.benchmarks;

import io.godfs.adapters.grpc.tls.GrpcTls;
import io.godfs.adapters.grpc.tls.TlsContexts;
import io.godfs.adapters.grpc.tls.TlsProvider;
import io.godfs.adapters.identity.ApiKeyFile;
import io.godfs.application.client.ClientSettings;
import io.godfs.bootstrap.config.DevConfig;
import io.godfs.bootstrap.wiring.DevCluster;
import io.godfs.bootstrap.wiring.DevSecurity;
import io.godfs.bootstrap.wiring.ca.CertificateFiles;
import io.godfs.client.GodfsClient;
import io.godfs.domain.access.Principal;
import io.godfs.domain.access.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One cluster of {@code godfs bench-security}: a master and 3 chunkservers in this JVM on
 * 127.0.0.1, data in its own folder, and two clients of it, one reading over gRPC and one reading
 * short-circuit. Secured, it runs as {@code godfs dev} deploys by default: TLS 1.3 on every
 * connection with mutual TLS between nodes (certificates from the masters' embedded CA), the
 * chunkservers' cluster key, API keys and authorization on the master, chunk access tokens checked
 * by every chunkserver and the audit trail in a file; the clients act as a user with the {@code
 * write} role, not as the admin.
 */
final class SecuredSetup implements AutoCloseable {
  private final String name;
  private final DevCluster cluster;
  private final GodfsClient remote;
  private final GodfsClient local;
  private final Optional<TlsProvider> provider;
  private final Path auditFile;

  private SecuredSetup(
      String name,
      DevCluster cluster,
      GodfsClient remote,
      GodfsClient local,
      Optional<TlsProvider> provider,
      Path auditFile) {
    this.name = name;
    this.cluster = cluster;
    this.remote = remote;
    this.local = local;
    this.provider = provider;
    this.auditFile = auditFile;
  }

  /** A cluster without security: plaintext, no credential, no token, no audit. */
  static SecuredSetup off(Path data, long chunkSize) {
    DevCluster cluster = DevCluster.start(config(data, chunkSize));
    try {
      String masters = cluster.masterAddresses();
      return new SecuredSetup(
          "off",
          cluster,
          GodfsClient.connect(
              masters, ClientSettings.DEFAULTS.withLocalReads(false), Optional.empty()),
          GodfsClient.connect(masters, ClientSettings.DEFAULTS, Optional.empty()),
          Optional.empty(),
          null);
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  /** A secured cluster whose TLS (servers and clients) is {@code provider}'s. */
  static SecuredSetup on(Path data, long chunkSize, TlsProvider provider) {
    // The dev cluster keeps the credentials it finds: add a plain user beside its admin first.
    DevSecurity security = DevSecurity.prepare(data);
    String userKey =
        ApiKeyFile.addKey(
            security.folder().resolve("api-keys"),
            Principal.user("bench", Set.of(), Set.of(Role.WRITE)),
            new SecureRandom());
    TlsContexts.use(provider);
    DevCluster cluster =
        DevCluster.start(
            config(data, chunkSize)
                .withSecurity(new DevConfig.Security(true, data.resolve("credentials"))));
    try {
      GrpcTls trustTheCa =
          new GrpcTls(
              Optional.empty(),
              Optional.empty(),
              List.of(cluster.authorityFile().orElseThrow()),
              Optional.empty());
      String masters = cluster.masterAddresses();
      return new SecuredSetup(
          "on, " + provider.implementation(),
          cluster,
          GodfsClient.connect(
              masters,
              ClientSettings.DEFAULTS.withLocalReads(false),
              Optional.of(userKey),
              Optional.of(trustTheCa)),
          GodfsClient.connect(
              masters, ClientSettings.DEFAULTS, Optional.of(userKey), Optional.of(trustTheCa)),
          Optional.of(provider),
          security.folder().resolve("audit.log"));
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  private static DevConfig config(Path data, long chunkSize) {
    return new DevConfig(data, "127.0.0.1", 0, 0, 3, chunkSize, 3, DevConfig.NO_GATEWAY);
  }

  /** The column header: {@code off}, {@code on, JDK} or {@code on, BoringSSL}. */
  String name() {
    return name;
  }

  /** Reads over gRPC from the chunkservers. */
  GodfsClient remote() {
    return remote;
  }

  /** Reads the chunk files itself (short-circuit) when a replica is on this host. */
  GodfsClient local() {
    return local;
  }

  /**
   * Sets this process's TLS provider to this cluster's, for the channels opened from now on (e.g. a
   * chunkserver's first connection to the next in a pipeline).
   */
  void select() {
    provider.ifPresent(TlsContexts::use);
  }

  /** The certificate chunkserver {@code chunk-1} serves with (empty without security). */
  Optional<GrpcTls.KeyPairFiles> nodeIdentity() {
    return provider.map(
        p -> {
          Path folder = securityFolder().resolve("tls").resolve("chunk-1");
          return new GrpcTls.KeyPairFiles(
              folder.resolve(CertificateFiles.CERTIFICATE), folder.resolve(CertificateFiles.KEY));
        });
  }

  /** The CA certificate every node trusts (empty without security). */
  Optional<Path> authority() {
    return cluster.authorityFile();
  }

  /** The TLS provider of a secured cluster. */
  Optional<TlsProvider> provider() {
    return provider;
  }

  private Path securityFolder() {
    return auditFile.getParent();
  }

  /** How many lines the audit trail holds (empty without security). */
  Optional<Long> auditLines() throws IOException {
    if (auditFile == null) {
      return Optional.empty();
    }
    if (!Files.exists(auditFile)) {
      return Optional.of(0L);
    }
    try (Stream<String> lines = Files.lines(auditFile)) {
      return Optional.of(lines.count());
    }
  }

  @Override
  public void close() {
    try {
      remote.close();
      local.close();
    } finally {
      cluster.close();
    }
  }
}
