package io.godfs.deployments.cluster;

import io.godfs.adapters.grpc.tls.GrpcTls;
import io.godfs.adapters.identity.ApiKeyFile;
import io.godfs.adapters.identity.ca.BouncyCastleIssuer;
import io.godfs.adapters.identity.ca.SigningRequests;
import io.godfs.application.port.in.CertificateAuthorityUseCase.SignedCertificate;
import io.godfs.application.port.out.CertificateIssuer;
import io.godfs.bootstrap.wiring.ca.CertificateFiles;
import io.godfs.domain.access.Principal;
import io.godfs.domain.access.Role;
import io.godfs.domain.authority.AuthorityKeys;
import io.godfs.domain.authority.NodeRole;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The cluster's secrets, made the way an operator makes them for a deployment with PEM files: one
 * CA, a certificate per node naming its role and id ({@code OU=master, CN=m1}; {@code
 * OU=chunkserver, CN=chunk-1}) and valid for its network name and address, an API keys file with
 * the administrator {@code root} and the gateway's own key, and a client certificate for the
 * administrator. The files live in a temporary directory of the test JVM (0600 keys), copied into
 * each container at start, and are deleted on close. Each node's directory has the layout the
 * embedded CA writes: {@code node.crt} (the certificate, then the CA), {@code node.key}, {@code
 * ca.crt}.
 */
final class ClusterPki implements AutoCloseable {
  /** Where every container finds its certificate, key and the CA. */
  static final String TLS_DIR = "/etc/godfs/tls";

  static final String ADMIN = "root";
  private static final Duration LIFETIME = Duration.ofDays(2);

  private final Path dir;
  private final BouncyCastleIssuer issuer = new BouncyCastleIssuer();
  private final AuthorityKeys authority;
  private final String adminKey;
  private final String gatewayKey;

  private ClusterPki(Path dir) {
    this.dir = dir;
    this.authority =
        issuer.newAuthority("goDFS test cluster CA", Instant.now().minusSeconds(60), LIFETIME);
    SecureRandom random = new SecureRandom();
    this.adminKey =
        ApiKeyFile.addKey(apiKeys(), Principal.user(ADMIN, Set.of(), Set.of(Role.ADMIN)), random);
    // The gateway's own identity serves only its janitor (ADR 0022); callers' keys are forwarded.
    this.gatewayKey =
        ApiKeyFile.addKey(
            apiKeys(), Principal.user("gateway", Set.of(), Set.of(Role.ADMIN)), random);
    write(dir.resolve("admin.key"), adminKey);
    write(dir.resolve("gateway.key"), gatewayKey);
    issue(ADMIN, NodeRole.CLIENT, ADMIN, List.of());
  }

  static ClusterPki create() {
    try {
      return new ClusterPki(Files.createTempDirectory("godfs-it-pki"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make a directory for the cluster's secrets", e);
    }
  }

  /**
   * A certificate for {@code name} (a directory of its own under this PKI) in {@code role} as
   * {@code id}, valid for {@code altNames} (plus localhost and 127.0.0.1, for the CLI run inside
   * the node's container).
   */
  CertificateFiles issue(String name, NodeRole role, String id, List<String> altNames) {
    KeyPair keys = BouncyCastleIssuer.newKeyPair();
    List<String> names = new ArrayList<>(altNames);
    names.addAll(List.of("localhost", "127.0.0.1"));
    Instant now = Instant.now();
    byte[] der =
        issuer.issue(
            authority,
            new CertificateIssuer.SigningRequest(
                SigningRequests.build(keys, Optional.of(id), names), Optional.of(id), names),
            new CertificateIssuer.Issue(
                role, id, names, now.minusSeconds(60), now.plus(LIFETIME.minusMinutes(5))));
    CertificateFiles files = new CertificateFiles(dir.resolve(name));
    files.write(
        new SignedCertificate(der, authority.certificate(), now.plus(LIFETIME)), keys.getPrivate());
    return files;
  }

  /** The CA certificate (PEM): public, what every client and node trusts. */
  Path authorityCertificate() {
    return new CertificateFiles(dir.resolve(ADMIN)).authority();
  }

  /** The hashed API keys file the masters read ({@code GODFS_API_KEYS_FILE}). */
  Path apiKeys() {
    return dir.resolve("api-keys");
  }

  /** A file holding the administrator's API key ({@code @file} form of a credential). */
  Path adminKeyFile() {
    return dir.resolve("admin.key");
  }

  Path gatewayKeyFile() {
    return dir.resolve("gateway.key");
  }

  String adminKey() {
    return adminKey;
  }

  /** The administrator's client TLS: its certificate, trusting the cluster CA. */
  GrpcTls adminTls() {
    CertificateFiles admin = new CertificateFiles(dir.resolve(ADMIN));
    return new GrpcTls(
        Optional.empty(),
        Optional.of(new GrpcTls.KeyPairFiles(admin.certificate(), admin.key())),
        List.of(admin.authority()),
        Optional.empty());
  }

  /** The administrator's certificate files (what a client with the cluster's credential holds). */
  CertificateFiles adminCertificate() {
    return new CertificateFiles(dir.resolve(ADMIN));
  }

  /** A JDK TLS context trusting the cluster CA: HTTPS to the health listeners and the gateway. */
  SSLContext trustingContext() {
    try (InputStream in = Files.newInputStream(authorityCertificate())) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setCertificateEntry(
          "godfs-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot trust the cluster CA: " + e, e);
    }
  }

  private static void write(Path file, String secret) {
    try {
      Files.writeString(file, secret + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      System.err.println("could not remove " + dir + ": " + e.getMessage());
    }
  }
}
