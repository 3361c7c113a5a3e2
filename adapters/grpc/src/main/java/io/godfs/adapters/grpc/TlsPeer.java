package io.godfs.adapters.grpc;

import io.godfs.adapters.grpc.tls.CertificatePrincipals;
import io.godfs.domain.access.Principal;
import io.grpc.Grpc;
import io.grpc.ServerCall;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * What a call's TLS session says of the peer: its verified certificate (DER) and the principal that
 * certificate names. Worked out once per session and kept in it: the handshake fixed both, and
 * asking a session without a client certificate throws, which cost every call of a user without one
 * (API key callers, most of them) a stack trace.
 */
final class TlsPeer {
  private static final String KEY = TlsPeer.class.getName();
  private static final TlsPeer NONE = new TlsPeer(null, Optional.empty());

  private final byte[] certificate;
  private final Optional<Principal> principal;

  private TlsPeer(byte[] certificate, Optional<Principal> principal) {
    this.certificate = certificate;
    this.principal = principal;
  }

  /** The peer of {@code call}'s connection; nothing when it runs plaintext or shows no cert. */
  static TlsPeer of(ServerCall<?, ?> call) {
    SSLSession session = call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
    if (session == null) {
      return NONE;
    }
    if (session.getValue(KEY) instanceof TlsPeer known) {
      return known;
    }
    TlsPeer peer = read(session);
    session.putValue(KEY, peer);
    return peer;
  }

  private static TlsPeer read(SSLSession session) {
    try {
      Certificate[] chain = session.getPeerCertificates();
      if (chain.length == 0) {
        return NONE;
      }
      Optional<Principal> named =
          chain[0] instanceof X509Certificate leaf
              ? CertificatePrincipals.of(leaf)
              : Optional.empty();
      return new TlsPeer(chain[0].getEncoded(), named);
    } catch (SSLPeerUnverifiedException | CertificateEncodingException noCertificate) {
      return NONE; // a server that asks for none, or a client that showed none
    }
  }

  /** The verified certificate (DER; shared, not to be changed), or null without one. */
  byte[] certificate() {
    return certificate;
  }

  /** Who the verified certificate names, if it names a principal. */
  Optional<Principal> principal() {
    return principal;
  }
}
