package io.godfs.bootstrap.wiring.ca;

import io.godfs.adapters.identity.ca.BouncyCastleIssuer;
import io.godfs.adapters.identity.ca.SigningRequests;
import io.godfs.application.port.in.CertificateAuthorityUseCase;
import io.godfs.application.port.in.CertificateAuthorityUseCase.SignedCertificate;
import io.godfs.domain.authority.NodeRole;
import io.godfs.domain.error.Outcome;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;

/**
 * The masters' CA seen from the process that holds it: waits until the cluster has a CA (the leader
 * makes it on the first start), and issues certificates in process, without a token, for this
 * master and for nodes wired in the same process (a development cluster: {@link #issue}).
 */
public final class EmbeddedAuthority {
  private final CertificateAuthorityUseCase authority;

  public EmbeddedAuthority(CertificateAuthorityUseCase authority) {
    this.authority = authority;
  }

  public CertificateAuthorityUseCase useCase() {
    return authority;
  }

  /**
   * Waits until the cluster has a CA, making it when this master leads a cluster without one.
   *
   * @throws IllegalStateException when none is there within {@code timeout} (no leader)
   */
  public void awaitAuthority(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!authority.ensureAuthority()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "the masters have no certificate authority after "
                + timeout
                + " (no leader elected? is a majority of masters up?)");
      }
      try {
        Thread.sleep(50); // polls the replicated state: a leader's CA arrives by the log
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted waiting for the certificate authority", e);
      }
    }
  }

  /**
   * Issues a certificate for {@code role}/{@code name} into {@code dir} (a new key, made here) and
   * keeps it renewed in process; the answer's TLS serves and connects with it.
   */
  public Enrolment.Enrolled issue(
      Path dir, NodeRole role, String name, List<String> altNames, boolean serves) {
    CertificateFiles files = new CertificateFiles(dir);
    KeyPair keys = BouncyCastleIssuer.newKeyPair();
    switch (authority.issueLocally(
        role, name, altNames, SigningRequests.build(keys, Optional.of(name), altNames))) {
      case Outcome.Ok<SignedCertificate> ok -> files.write(ok.value(), keys.getPrivate());
      case Outcome.Rejected<SignedCertificate> refused ->
          throw new IllegalStateException(
              "cannot issue a certificate for " + name + ": " + refused.error().message());
    }
    CertificateRenewer renewer =
        new CertificateRenewer(
            files,
            csr -> authority.issueLocally(role, name, altNames, csr),
            InstantSource.system());
    return new Enrolment.Enrolled(
        files, files.tls(serves, Enrolment.RELOAD_EVERY), renewer.start());
  }
}
