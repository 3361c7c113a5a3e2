package io.godfs.adapters.grpc.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Checks peers against the certificate authorities of the files as last read (the JDK's PKIX
 * checks, with host name checks where the TLS engine asks for them): a CA added to the bundle is
 * trusted by the next handshake.
 */
final class ReloadingTrustManager extends X509ExtendedTrustManager {
  private final WatchedFiles<Authorities> files;

  ReloadingTrustManager(WatchedFiles<Authorities> files) {
    this.files = files;
  }

  private X509ExtendedTrustManager checks() {
    return files.current().value().checks();
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    checks().checkClientTrusted(chain, authType, socket);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    checks().checkServerTrusted(chain, authType, socket);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    checks().checkClientTrusted(chain, authType, engine);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    checks().checkServerTrusted(chain, authType, engine);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    checks().checkClientTrusted(chain, authType);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    checks().checkServerTrusted(chain, authType);
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return files.current().value().certificates().toArray(X509Certificate[]::new);
  }
}
