package io.godfs.bootstrap.wiring;

import io.godfs.adapters.grpc.tls.GrpcTls;
import io.godfs.adapters.identity.ca.BouncyCastleIssuer;
import io.godfs.application.master.CertificateAuthoritySettings;
import io.godfs.application.master.MasterServices;
import io.godfs.application.port.in.CertificateAuthorityUseCase;
import io.godfs.application.port.out.AccessPolicy;
import io.godfs.application.port.out.MetadataStore;
import io.godfs.bootstrap.config.MasterConfig;
import io.godfs.bootstrap.config.MasterSecurity;
import io.godfs.bootstrap.config.MetadataBackend;
import io.godfs.bootstrap.config.RaftConfig;
import io.godfs.bootstrap.wiring.ca.AuthorityFiles;
import io.godfs.bootstrap.wiring.ca.EmbeddedAuthority;
import io.godfs.bootstrap.wiring.ca.Enrolment;
import io.godfs.domain.authority.AuthorityKeys;
import io.godfs.domain.authority.JoinTokenText;
import io.godfs.domain.authority.NodeRole;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A master's part of the embedded certificate authority: the CA (made by the leader on the first
 * start, then read from the replicated metadata), this master's own certificate from it (renewed in
 * process) and the TLS its gRPC server serves with: its certificate, the CA as the one trusted,
 * client certificates optional so that a joining party without one reaches {@code Join}.
 */
record MasterAuthority(EmbeddedAuthority embedded, Enrolment.Enrolled own, boolean temporary)
    implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(MasterAuthority.class.getName());

  /**
   * Time for a first election and the leader's CA to reach this master: masters of a new group are
   * started one by one, and none can serve before a majority runs.
   */
  private static final Duration AUTHORITY_WAIT = Duration.ofMinutes(10);

  static Optional<MasterAuthority> start(
      MasterConfig config,
      MasterSecurity security,
      MetadataStore store,
      Clock clock,
      AccessPolicy policy,
      Optional<AuthorityKeys> made) {
    if (security.certificateAuthority().isEmpty()) {
      return Optional.empty();
    }
    CertificateAuthorityUseCase useCase =
        MasterServices.certificateAuthority(
            store,
            new BouncyCastleIssuer(),
            clock,
            CertificateAuthoritySettings.DEFAULTS.withCertificateLifetime(
                security.certificateAuthority().get()),
            policy,
            new SecureRandom()); // token secrets: unguessable
    EmbeddedAuthority embedded = new EmbeddedAuthority(useCase);
    if (made.isPresent()) {
      embedded.awaitAuthority(AUTHORITY_WAIT, made.get());
    } else if (config.metadata() instanceof MetadataBackend.Ratis) {
      // Its Raft certificate came with a join token: the running group has a CA to send it.
      embedded.awaitReplicatedAuthority(AUTHORITY_WAIT);
    } else {
      embedded.awaitAuthority(AUTHORITY_WAIT);
    }
    if (config.metadata() instanceof MetadataBackend.Ratis ratis) {
      keep(ratis.raft(), store, made);
    }
    String id =
        switch (config.metadata()) {
          case MetadataBackend.Memory memory -> "master";
          case MetadataBackend.Ratis ratis -> ratis.raft().nodeId();
        };
    boolean temporary = config.metadata() instanceof MetadataBackend.Memory;
    Enrolment.Enrolled own =
        embedded.issue(certificateDir(config), NodeRole.MASTER, id, altNames(config), true);
    // Where an operator finds the CA to trust (GODFS_TLS_CA_FILE of clients); its fingerprint is in
    // every join token.
    LOG.log(
        System.Logger.Level.INFO,
        "embedded certificate authority on: CA certificate "
            + own.files().authority()
            + ", sha256:"
            + embedded.useCase().authorityCertificate().map(JoinTokenText::sha256Hex).orElse("?"));
    return Optional.of(new MasterAuthority(embedded, own, temporary));
  }

  CertificateAuthorityUseCase useCase() {
    return embedded.useCase();
  }

  GrpcTls transport() {
    return own.tls().withOptionalClientCertificates();
  }

  /**
   * Stops renewing; with metadata in memory the CA dies with this master, and so do its files (no
   * private key left behind in a temporary directory).
   */
  @Override
  public void close() {
    own.close();
    if (temporary) {
      try (Stream<Path> files = Files.list(own.files().dir())) {
        for (Path f : files.toList()) {
          Files.deleteIfExists(f);
        }
        Files.deleteIfExists(own.files().dir());
      } catch (IOException e) {
        LOG.log(System.Logger.Level.WARNING, "cannot remove " + own.files().dir() + ": " + e);
      }
    }
  }

  /** Beside the Raft log; a master with metadata in memory keeps nothing, and neither this. */
  private static Path certificateDir(MasterConfig config) {
    try {
      return switch (config.metadata()) {
        case MetadataBackend.Memory memory -> Files.createTempDirectory("godfs-master-tls");
        case MetadataBackend.Ratis ratis -> ratis.raft().dir().resolve("tls");
      };
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make a directory for the master's certificate", e);
    }
  }

  /**
   * Keeps the cluster's CA beside the Raft log (where its key lies already), so that this master
   * can sign its own Raft certificate at a restart after the certificate expired; warns when the CA
   * this master started Raft with is not the cluster's (its certificate is issued anew below, from
   * the cluster's).
   */
  private static void keep(RaftConfig raft, MetadataStore store, Optional<AuthorityKeys> made) {
    AuthorityKeys cluster = store.authorityKeys().orElseThrow();
    if (made.isPresent() && !Arrays.equals(made.get().certificate(), cluster.certificate())) {
      LOG.log(
          System.Logger.Level.WARNING,
          "this master's CA files are not the cluster's CA (sha256:"
              + JoinTokenText.sha256Hex(cluster.certificate())
              + "): keeping the cluster's; give the masters the same GODFS_CA_CERT_FILE");
    }
    Path dir = RaftIdentity.keptAuthority(raft);
    boolean keptAlready =
        AuthorityFiles.kept(dir)
            .map(k -> Arrays.equals(k.certificate(), cluster.certificate()))
            .orElse(false);
    if (!keptAlready) {
      AuthorityFiles.keep(dir, cluster);
    }
  }

  /** The names clients may reach this master by. */
  static List<String> altNames(MasterConfig config) {
    Set<String> names = new LinkedHashSet<>(List.of("localhost", "127.0.0.1"));
    String host = config.listenHost();
    if (host != null && !host.isBlank() && !host.equals("0.0.0.0") && !host.equals("::")) {
      names.add(host);
    }
    if (config.metadata() instanceof MetadataBackend.Ratis ratis) {
      String address = ratis.raft().clientAddress();
      int colon = address.lastIndexOf(':');
      if (colon > 0) {
        names.add(address.substring(0, colon));
      }
    }
    return List.copyOf(names);
  }
}
