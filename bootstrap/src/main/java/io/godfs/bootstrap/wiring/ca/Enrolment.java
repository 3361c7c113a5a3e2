package io.godfs.bootstrap.wiring.ca;

import io.godfs.adapters.grpc.ChannelPool;
import io.godfs.adapters.grpc.GrpcCertificateAuthorityClient;
import io.godfs.adapters.grpc.tls.GrpcTls;
import io.godfs.adapters.identity.ca.BouncyCastleIssuer;
import io.godfs.adapters.identity.ca.SigningRequests;
import io.godfs.application.port.in.CertificateAuthorityUseCase.SignedCertificate;
import io.godfs.domain.authority.JoinTokenText;
import io.godfs.domain.authority.NodeRole;
import io.godfs.domain.error.Outcome;
import java.security.KeyPair;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;

/**
 * How a node, a master or a user gets and keeps a certificate from the masters' CA: with a
 * certificate still valid in its directory it uses that one (a restart needs no token: a token
 * works once); otherwise it joins with its one-time token (a new key made here, a request, the
 * masters checked by the CA fingerprint the token carries). Then it renews by itself.
 */
public final class Enrolment {
  /** How often the reloading TLS looks at the files: a renewal shows within this. */
  public static final Duration RELOAD_EVERY = Duration.ofSeconds(1);

  private static final Duration DEADLINE = Duration.ofSeconds(10);

  private Enrolment() {}

  /** A party's certificate files, TLS from them, and what renews them. */
  public record Enrolled(CertificateFiles files, GrpcTls tls, CertificateRenewer renewer)
      implements AutoCloseable {
    @Override
    public void close() {
      renewer.close();
    }
  }

  /**
   * @param dir where the certificate, key and CA file live (in the node's data directory)
   * @param masters the masters' addresses (comma-separated)
   * @param token the join token; needed only when {@code dir} has no valid certificate
   * @param role what the party joins as
   * @param name the name it asks for (a token may pin another)
   * @param altNames its host names and addresses, for a server's certificate
   * @param serves whether the party listens (its certificate is also its server's)
   * @throws IllegalStateException naming why the party has no certificate (refused join, no token)
   */
  public static Enrolled enrol(
      CertificateFiles files,
      String masters,
      Optional<String> token,
      NodeRole role,
      String name,
      List<String> altNames,
      boolean serves) {
    InstantSource clock = InstantSource.system();
    if (!files.validAt(clock.instant())) {
      String text =
          token.orElseThrow(
              () ->
                  new IllegalStateException(
                      "no valid certificate in "
                          + files.dir()
                          + " and no join token (GODFS_JOIN_TOKEN; godfs admin token create"
                          + " --role "
                          + role.label()
                          + " prints one)"));
      join(files, masters, JoinTokenText.parse(text), role, name, altNames);
    }
    GrpcTls tls = files.tls(serves, RELOAD_EVERY);
    CertificateRenewer renewer =
        new CertificateRenewer(
            files,
            csr -> {
              try (ChannelPool channels = new ChannelPool(Optional.empty(), Optional.of(tls))) {
                return new GrpcCertificateAuthorityClient(masters, channels, DEADLINE).renew(csr);
              }
            },
            clock);
    return new Enrolled(files, tls, renewer.start());
  }

  private static void join(
      CertificateFiles files,
      String masters,
      JoinTokenText token,
      NodeRole role,
      String name,
      List<String> altNames) {
    KeyPair keys = BouncyCastleIssuer.newKeyPair();
    byte[] csr = SigningRequests.build(keys, Optional.of(name), altNames);
    Outcome<SignedCertificate> joined;
    try (ChannelPool channels = ChannelPool.joining(token.caFingerprint())) {
      joined =
          new GrpcCertificateAuthorityClient(masters, channels, DEADLINE)
              .join(token.toString(), role, csr);
    }
    switch (joined) {
      case Outcome.Ok<SignedCertificate> ok -> files.write(ok.value(), keys.getPrivate());
      case Outcome.Rejected<SignedCertificate> refused ->
          throw new IllegalStateException(
              "the masters refused to join this "
                  + role.label()
                  + ": "
                  + refused.error().message());
    }
  }
}
