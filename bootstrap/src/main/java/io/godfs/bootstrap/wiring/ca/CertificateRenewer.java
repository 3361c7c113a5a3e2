package io.godfs.bootstrap.wiring.ca;

import io.godfs.adapters.identity.ca.BouncyCastleIssuer;
import io.godfs.adapters.identity.ca.SigningRequests;
import io.godfs.application.port.in.CertificateAuthorityUseCase.SignedCertificate;
import io.godfs.domain.error.Outcome;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Renews a node's certificate by itself, at two thirds of its lifetime: a new key (made here, never
 * sent), a request, a new certificate from the CA, both files replaced; the reloading TLS picks
 * them up for new connections, open ones keep going. A renewal that fails is tried again a tenth of
 * the lifetime later (at most a minute), until the certificate expires.
 */
public final class CertificateRenewer implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(CertificateRenewer.class.getName());
  private static final Duration MAX_RETRY = Duration.ofMinutes(1);

  private final CertificateFiles files;
  private final Function<byte[], Outcome<SignedCertificate>> signer;
  private final InstantSource clock;
  private final ScheduledExecutorService timer;
  private ScheduledFuture<?> next;

  /**
   * {@code signer}: sends a request (DER) to the CA (a node's {@code Renew} over mutual TLS, or a
   * master signing its own in process).
   */
  public CertificateRenewer(
      CertificateFiles files,
      Function<byte[], Outcome<SignedCertificate>> signer,
      InstantSource clock) {
    this.files = files;
    this.signer = signer;
    this.clock = clock;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "certificate-renewal");
              t.setDaemon(true);
              return t;
            });
  }

  /** Schedules the next renewal from the current certificate's lifetime. */
  public synchronized CertificateRenewer start() {
    Optional<X509Certificate> current = files.current();
    if (current.isEmpty()) {
      throw new IllegalStateException("no certificate to renew in " + files.dir());
    }
    schedule(delayFor(current.get()));
    return this;
  }

  /**
   * Renews now (tests, and the scheduled renewal); answers the new certificate's expiry, or the
   * refusal.
   */
  public Outcome<Instant> renewNow() {
    KeyPair keys = BouncyCastleIssuer.newKeyPair();
    Outcome<SignedCertificate> signed =
        signer.apply(SigningRequests.build(keys, Optional.empty(), List.of()));
    if (signed instanceof Outcome.Ok<SignedCertificate>(SignedCertificate certificate)) {
      files.write(certificate, keys.getPrivate());
      return Outcome.ok(certificate.notAfter());
    }
    return Outcome.rejected(((Outcome.Rejected<?>) signed).error());
  }

  private void renewAndReschedule() {
    Duration retry = MAX_RETRY;
    try {
      switch (renewNow()) {
        case Outcome.Ok<Instant> ok -> {
          LOG.log(System.Logger.Level.INFO, "renewed the node certificate until " + ok.value());
          files.current().ifPresent(c -> schedule(delayFor(c)));
          return;
        }
        case Outcome.Rejected<Instant> refused ->
            LOG.log(
                System.Logger.Level.WARNING,
                "certificate renewal refused: " + refused.error().message());
      }
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "certificate renewal failed: " + e.getMessage());
    }
    Optional<X509Certificate> current = files.current();
    if (current.isPresent()) {
      Duration life = lifetime(current.get());
      Duration tenth = life.dividedBy(10);
      retry = tenth.compareTo(MAX_RETRY) < 0 ? tenth : MAX_RETRY;
    }
    schedule(retry);
  }

  private Duration delayFor(X509Certificate certificate) {
    Instant renewAt =
        certificate
            .getNotBefore()
            .toInstant()
            .plus(lifetime(certificate).multipliedBy(2).dividedBy(3));
    Duration delay = Duration.between(clock.instant(), renewAt);
    return delay.isNegative() ? Duration.ZERO : delay;
  }

  private static Duration lifetime(X509Certificate c) {
    return Duration.between(c.getNotBefore().toInstant(), c.getNotAfter().toInstant());
  }

  private synchronized void schedule(Duration delay) {
    if (timer.isShutdown()) {
      return;
    }
    next = timer.schedule(this::renewAndReschedule, delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void close() {
    if (next != null) {
      next.cancel(false);
    }
    timer.shutdownNow();
  }
}
