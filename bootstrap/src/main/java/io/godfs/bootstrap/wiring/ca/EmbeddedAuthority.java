package io.godfs.bootstrap.wiring.ca;

import io.godfs.adapters.identity.ca.BouncyCastleIssuer;
import io.godfs.adapters.identity.ca.SigningRequests;
import io.godfs.application.port.in.CertificateAuthorityUseCase;
import io.godfs.application.port.in.CertificateAuthorityUseCase.SignedCertificate;
import io.godfs.domain.authority.AuthorityKeys;
import io.godfs.domain.authority.NodeRole;
import io.godfs.domain.error.Outcome;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The masters' CA seen from the process that holds it: waits until the cluster has a CA (the leader
 * makes it on the first start), and issues certificates in process, without a token, for this
 * master and for nodes wired in the same process (a development cluster: {@link #issue}).
 */
public final class EmbeddedAuthority {
  private static final System.Logger LOG = System.getLogger(EmbeddedAuthority.class.getName());

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
    await(timeout, authority::ensureAuthority);
  }

  /**
   * Waits until the cluster has a CA, installing {@code made} (the CA the masters' Raft
   * certificates come from) when this master leads a cluster without one.
   */
  public void awaitAuthority(Duration timeout, AuthorityKeys made) {
    await(timeout, () -> authority.installAuthority(made));
  }

  /**
   * Waits until the CA reaches this master through the log, making none (a master that joined a
   * running group with a token: the group has its CA).
   */
  public void awaitReplicatedAuthority(Duration timeout) {
    await(timeout, () -> authority.authorityCertificate().isPresent());
  }

  private void await(Duration timeout, BooleanSupplier ensure) {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    long nextLog = start + Duration.ofSeconds(10).toNanos();
    while (!ensured(ensure)) {
      if (System.nanoTime() > nextLog) {
        LOG.log(
            System.Logger.Level.INFO,
            "waiting for the cluster's certificate authority (made by the first leader: are a"
                + " majority of the masters started?)");
        nextLog += Duration.ofSeconds(10).toNanos();
      }
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

  /** A leader that lost its majority while proposing the CA: the next round asks again. */
  private static boolean ensured(BooleanSupplier ensure) {
    try {
      return ensure.getAsBoolean();
    } catch (RuntimeException e) {
      LOG.log(
          System.Logger.Level.INFO, "the certificate authority is not made yet: " + e.getMessage());
      return false;
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
