package io.godfs.adapters.grpc.tls;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The JDK key and trust managers over goDFS's PEM files, read again when they change: what gRPC's
 * TLS uses, handed by the wiring to the other listeners of a node (Raft between masters, the
 * gateway's HTTPS, the health listener) as plain JDK objects, so that no adapter depends on this
 * one and every port rotates certificates the same way without a restart.
 */
public final class TlsManagers {
  private TlsManagers() {}

  /**
   * Presents the certificate chain and key of {@code files}, read again at most every {@code
   * reloadEvery} when they change (empty = read once).
   *
   * @param what what the files are, for messages ("server certificate")
   * @throws IllegalArgumentException naming the file that is missing, unreadable or wrong
   */
  public static X509ExtendedKeyManager presenting(
      String what, GrpcTls.KeyPairFiles files, Optional<Duration> reloadEvery) {
    return new ReloadingKeyManager(
        new WatchedFiles<>(
            what + " and key",
            List.of(files.certificateChain(), files.privateKey()),
            bytes -> Identity.parse(bytes.get(0), bytes.get(1)),
            reloadEvery,
            System::nanoTime));
  }

  /**
   * Trusts the CA certificates of {@code bundles} (the JDK's PKIX checks), read again at most every
   * {@code reloadEvery} when they change.
   *
   * @throws IllegalArgumentException naming the file that is missing, unreadable or wrong
   */
  public static X509ExtendedTrustManager trusting(
      List<Path> bundles, Optional<Duration> reloadEvery) {
    return new ReloadingTrustManager(
        new WatchedFiles<>(
            "trusted CA certificates", bundles, Authorities::parse, reloadEvery, System::nanoTime));
  }

  /**
   * As {@link #trusting}, accepting only certificates that name a master ({@code OU=master}): for
   * Raft, where a chunkserver's or a user's certificate of the same CA must not be let in.
   */
  public static X509ExtendedTrustManager trustingMastersOnly(
      List<Path> bundles, Optional<Duration> reloadEvery) {
    return new MastersOnlyTrustManager(trusting(bundles, reloadEvery));
  }

  /**
   * A JDK TLS context for a server presenting {@code identity} and, with {@code trusted} bundles,
   * verifying the certificates clients present against them (whether one is required is the
   * server's choice). The protocol versions are the server's to restrict too.
   */
  public static SSLContext serverContext(
      GrpcTls.KeyPairFiles identity, List<Path> trusted, Optional<Duration> reloadEvery) {
    KeyManager[] keys = {presenting("server certificate", identity, reloadEvery)};
    TrustManager[] trust =
        trusted.isEmpty() ? null : new TrustManager[] {trusting(trusted, reloadEvery)};
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys, trust, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("TLS cannot be set up: " + e.getMessage(), e);
    }
  }
}
