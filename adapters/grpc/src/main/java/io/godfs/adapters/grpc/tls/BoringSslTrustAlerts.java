package io.godfs.adapters.grpc.tls;

import io.netty.handler.ssl.OpenSslCertificateException;
import io.netty.internal.tcnative.CertificateVerifier;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Makes BoringSSL send the alert a refused certificate deserves. Netty turns a trust manager's
 * refusal into an OpenSSL verification error, and one it cannot classify (a chain to no CA we
 * trust) into "unspecified", which BoringSSL sends as {@code internal_error}: the peer could not
 * tell a refused certificate from a broken server ({@link TlsRefusals}). This says "no trusted
 * issuer" instead, sent as {@code unknown_ca}, as the JDK's TLS reports a refused certificate.
 * Expired and not-yet-valid certificates keep the codes Netty already gives them.
 */
final class BoringSslTrustAlerts extends X509ExtendedTrustManager {
  private final X509ExtendedTrustManager trust;

  BoringSslTrustAlerts(X509ExtendedTrustManager trust) {
    this.trust = trust;
  }

  private static CertificateException classified(CertificateException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CertificateExpiredException
          || t instanceof CertificateNotYetValidException
          || t instanceof OpenSslCertificateException) {
        return e;
      }
    }
    OpenSslCertificateException refused =
        new OpenSslCertificateException(
            e.getMessage(), CertificateVerifier.X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY);
    refused.initCause(e);
    return refused;
  }

  /** A trust manager's check, whose refusal {@link #classifying} gives the alert it deserves. */
  @FunctionalInterface
  private interface TrustCheck {
    void run() throws CertificateException;
  }

  private static void classifying(TrustCheck check) throws CertificateException {
    try {
      check.run();
    } catch (CertificateException e) {
      throw classified(e);
    }
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    classifying(() -> trust.checkClientTrusted(chain, authType, socket));
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    classifying(() -> trust.checkClientTrusted(chain, authType, engine));
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    classifying(() -> trust.checkClientTrusted(chain, authType));
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    classifying(() -> trust.checkServerTrusted(chain, authType, socket));
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    classifying(() -> trust.checkServerTrusted(chain, authType, engine));
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    classifying(() -> trust.checkServerTrusted(chain, authType));
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return trust.getAcceptedIssuers();
  }
}
