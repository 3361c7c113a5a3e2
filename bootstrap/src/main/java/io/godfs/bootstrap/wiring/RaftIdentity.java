package io.godfs.bootstrap.wiring;

import io.godfs.adapters.grpc.tls.GrpcTls;
import io.godfs.adapters.identity.ca.BouncyCastleIssuer;
import io.godfs.adapters.identity.ca.SigningRequests;
import io.godfs.adapters.metadataratis.MasterPeer;
import io.godfs.application.master.CertificateAuthoritySettings;
import io.godfs.application.port.in.CertificateAuthorityUseCase.SignedCertificate;
import io.godfs.application.port.out.CertificateIssuer;
import io.godfs.bootstrap.config.MasterCertificateSource;
import io.godfs.bootstrap.config.MasterConfig;
import io.godfs.bootstrap.config.MasterSecurity;
import io.godfs.bootstrap.config.MetadataBackend;
import io.godfs.bootstrap.config.RaftConfig;
import io.godfs.bootstrap.wiring.ca.AuthorityFiles;
import io.godfs.bootstrap.wiring.ca.CertificateFiles;
import io.godfs.bootstrap.wiring.ca.Enrolment;
import io.godfs.domain.authority.AuthorityKeys;
import io.godfs.domain.authority.NodeRole;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The certificate a Ratis master holding the embedded CA runs Raft with, ready before Raft starts
 * (mutual TLS from the first byte: the certificate cannot wait for the CA that Raft replicates), as
 * Ozone's storage container managers get theirs before their Raft ring. In order:
 *
 * <ol>
 *   <li>a certificate still valid in {@code <raft dir>/tls} (a restart);
 *   <li>else one it signs itself from the CA it keeps in {@code <raft dir>/security} (a restart
 *       after its certificate expired), or from the CA files an operator made for a new group
 *       ({@code GODFS_CA_KEY_FILE}, {@code GODFS_CA_CERT_FILE}; every first master gets the same);
 *   <li>else one from a running group's CA with a one-time join token of the master role ({@code
 *       GODFS_JOIN_TOKEN}), over the gRPC TLS of the peers it names (a master added later);
 *   <li>else, for a group of this master alone started for the first time, a CA it makes now.
 * </ol>
 *
 * Otherwise the master refuses to start: Raft never runs in plaintext while the CA is on. The CA
 * (kept, given or made) is what the first leader installs in the replicated state, so the masters'
 * Raft certificates and every certificate signed later chain to one CA.
 */
record RaftIdentity(CertificateFiles files, Optional<AuthorityKeys> authority) {
  private static final System.Logger LOG = System.getLogger(RaftIdentity.class.getName());
  private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
  private static final String KEPT = "security";

  /** TLS from the files, read again when they change (the CA renews them in process). */
  GrpcTls tls() {
    return files.tls(true, Enrolment.RELOAD_EVERY);
  }

  /** Where a Ratis master keeps its copy of the CA. */
  static Path keptAuthority(RaftConfig raft) {
    return raft.dir().resolve(KEPT);
  }

  /** Empty unless this master holds the embedded CA and replicates its metadata with Ratis. */
  static Optional<RaftIdentity> prepare(MasterConfig config, MasterSecurity security) {
    if (security.certificateAuthority().isEmpty()
        || !(config.metadata() instanceof MetadataBackend.Ratis ratis)) {
      return Optional.empty();
    }
    RaftConfig raft = ratis.raft();
    Duration lifetime = security.certificateAuthority().get();
    MasterCertificateSource source = security.certificateSource();
    CertificateFiles files = new CertificateFiles(raft.dir().resolve("tls"));
    Optional<AuthorityKeys> kept = AuthorityFiles.kept(keptAuthority(raft));
    Optional<AuthorityKeys> authority = kept.or(() -> given(source));
    Instant now = InstantSource.system().instant();
    List<String> altNames = MasterAuthority.altNames(config);
    if (files.validAt(now.plus(Duration.ofMinutes(1)))) {
      LOG.log(System.Logger.Level.INFO, "Raft runs mutual TLS with " + files.certificate());
    } else if (authority.isPresent()) {
      sign(files, authority.get(), raft.nodeId(), altNames, lifetime, now);
    } else if (source.joinToken().isPresent()) {
      Enrolment.enrol(
              files,
              otherMasters(raft),
              source.joinToken(),
              NodeRole.MASTER,
              raft.nodeId(),
              altNames,
              true)
          .close(); // renewed in process once the replicated CA is here (MasterAuthority)
      LOG.log(System.Logger.Level.INFO, "joined the masters with a master join token");
    } else if (firstStartAlone(raft)) {
      AuthorityKeys made =
          new BouncyCastleIssuer()
              .newAuthority(
                  "goDFS cluster CA",
                  now.minus(CLOCK_SKEW),
                  CertificateAuthoritySettings.DEFAULTS.authorityLifetime());
      authority = Optional.of(made);
      sign(files, made, raft.nodeId(), altNames, lifetime, now);
      LOG.log(System.Logger.Level.INFO, "made the cluster's CA before Raft starts");
    } else {
      throw new IllegalStateException(
          "master "
              + raft.nodeId()
              + " holds the embedded CA (GODFS_CA_ENABLED) and runs Raft over mutual TLS, but has"
              + " no certificate for it in "
              + files.dir()
              + ": give every master of a new group the same CA files (GODFS_CA_KEY_FILE,"
              + " GODFS_CA_CERT_FILE; godfs admin certs create --dir DIR makes DIR/ca/ca.key and"
              + " ca.crt), or give a master joining a running group a join token (GODFS_JOIN_TOKEN;"
              + " godfs admin token create --role master --name "
              + raft.nodeId()
              + ")");
    }
    authority
        .filter(a -> kept.isEmpty())
        .ifPresent(a -> AuthorityFiles.keep(keptAuthority(raft), a));
    return Optional.of(new RaftIdentity(files, authority));
  }

  /** The CA an operator made for a new group, with any metadata backend. */
  static Optional<AuthorityKeys> given(MasterCertificateSource source) {
    return source
        .authorityKey()
        .map(key -> AuthorityFiles.read(key, source.authorityCertificate().orElseThrow()));
  }

  /** Signs this master's certificate from the CA it holds, as the CA would sign it. */
  private static void sign(
      CertificateFiles files,
      AuthorityKeys authority,
      String id,
      List<String> altNames,
      Duration lifetime,
      Instant now) {
    KeyPair keys = BouncyCastleIssuer.newKeyPair();
    CertificateIssuer issuer = new BouncyCastleIssuer();
    Duration backdate =
        lifetime.dividedBy(10).compareTo(CLOCK_SKEW) < 0 ? lifetime.dividedBy(10) : CLOCK_SKEW;
    Instant notAfter = now.plus(lifetime);
    byte[] der =
        issuer.issue(
            authority,
            new CertificateIssuer.SigningRequest(
                SigningRequests.build(keys, Optional.of(id), altNames), Optional.of(id), altNames),
            new CertificateIssuer.Issue(
                NodeRole.MASTER, id, altNames, now.minus(backdate), notAfter));
    files.write(new SignedCertificate(der, authority.certificate(), notAfter), keys.getPrivate());
    LOG.log(
        System.Logger.Level.INFO, "signed this master's Raft certificate " + files.certificate());
  }

  /** The client addresses of the other masters this one's peers name: where it joins. */
  private static String otherMasters(RaftConfig raft) {
    return raft.peers().stream()
        .flatMap(p -> MasterPeer.parseList(p).stream())
        .filter(p -> !p.id().equals(raft.nodeId()))
        .map(MasterPeer::clientAddress)
        .filter(Objects::nonNull)
        .collect(Collectors.joining(","));
  }

  /**
   * A new group of this master alone: no other master could give it a certificate, so it makes the
   * CA (as Ozone's primordial SCM does); a restart keeps it in {@code security/}.
   */
  private static boolean firstStartAlone(RaftConfig raft) {
    Set<String> ids =
        raft.peers().stream()
            .flatMap(p -> MasterPeer.parseList(p).stream())
            .map(MasterPeer::id)
            .collect(Collectors.toSet());
    return raft.bootstrap() && ids.equals(Set.of(raft.nodeId())) && !hasRaftState(raft.dir());
  }

  /** Whether the Raft directory holds a log already (anything but certificates). */
  private static boolean hasRaftState(Path dir) {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries
          .map(p -> p.getFileName().toString())
          .anyMatch(name -> !name.equals("tls") && !name.equals(KEPT));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir, e);
    }
  }
}
