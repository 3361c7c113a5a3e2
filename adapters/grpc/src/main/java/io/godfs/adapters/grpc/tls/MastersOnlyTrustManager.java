package io.godfs.adapters.grpc.tls;

import io.godfs.domain.access.Principal;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts what {@code delegate} trusts, and only certificates that name a master ({@code
 * OU=master}): for Raft between masters. Chunkservers' and users' certificates come from the same
 * cluster CA, and a chunkserver that reached a master's Raft port with its own certificate could
 * otherwise append to the namespace's log.
 */
final class MastersOnlyTrustManager extends X509ExtendedTrustManager {
  private final X509ExtendedTrustManager delegate;

  MastersOnlyTrustManager(X509ExtendedTrustManager delegate) {
    this.delegate = delegate;
  }

  private static void requireMaster(X509Certificate[] chain) throws CertificateException {
    boolean master =
        chain != null
            && chain.length > 0
            && CertificatePrincipals.of(chain[0]).orElse(null) instanceof Principal.Master;
    if (!master) {
      String subject =
          chain == null || chain.length == 0
              ? "no certificate"
              : chain[0].getSubjectX500Principal().getName();
      throw new CertificateException(
          "only masters (a certificate with OU="
              + CertificatePrincipals.MASTER_UNIT
              + ") may speak Raft; the peer presented "
              + subject);
    }
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    delegate.checkClientTrusted(chain, authType, socket);
    requireMaster(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    delegate.checkServerTrusted(chain, authType, socket);
    requireMaster(chain);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    delegate.checkClientTrusted(chain, authType, engine);
    requireMaster(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    delegate.checkServerTrusted(chain, authType, engine);
    requireMaster(chain);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    delegate.checkClientTrusted(chain, authType);
    requireMaster(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    delegate.checkServerTrusted(chain, authType);
    requireMaster(chain);
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return delegate.getAcceptedIssuers();
  }
}
