package io.godfs.adapters.grpc.tls;

import io.godfs.domain.access.Principal;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Optional;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts a master by the fingerprint of its cluster's CA, as a join token carries it (kubeadm's
 * discovery hash), before the joining party has any CA file: the server's chain must hold the CA
 * certificate with that SHA-256, its leaf must be signed by that CA, be valid now, and name a
 * master ({@code OU=master}). No host name is checked: the pinned CA and the master unit are what
 * authenticate the server, and a new node may reach a master by an address its certificate does not
 * list. Trusts no client (it is a client's trust manager).
 */
public final class PinnedAuthorityTrustManager extends X509ExtendedTrustManager {
  private final String caSha256;

  public PinnedAuthorityTrustManager(String caSha256) {
    this.caSha256 = caSha256;
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    if (chain == null || chain.length == 0) {
      throw new CertificateException("the master presented no certificate");
    }
    X509Certificate ca = null;
    for (X509Certificate c : chain) {
      if (sha256(c).equals(caSha256)) {
        ca = c;
      }
    }
    if (ca == null) {
      throw new CertificateException(
          "the master's certificate chain holds no CA with the join token's fingerprint "
              + caSha256
              + " (another cluster, or someone in between)");
    }
    X509Certificate leaf = chain[0];
    try {
      leaf.verify(ca.getPublicKey());
    } catch (GeneralSecurityException e) {
      throw new CertificateException(
          "the master's certificate is not signed by the join token's CA", e);
    }
    leaf.checkValidity();
    Optional<Principal> principal = CertificatePrincipals.of(leaf);
    if (!(principal.isPresent() && principal.get() instanceof Principal.Master)) {
      throw new CertificateException("the server's certificate does not name a master");
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    checkServerTrusted(chain, authType);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    checkServerTrusted(chain, authType);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    throw new CertificateException("a joining client trusts no client certificates");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    checkClientTrusted(chain, authType);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    checkClientTrusted(chain, authType);
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[0];
  }

  private static String sha256(X509Certificate c) throws CertificateException {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(c.getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new CertificateException(e);
    }
  }
}
