package io.godfs.bootstrap.e2e;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509TrustManager;

/**
 * Raw TLS 1.3 handshakes with a gRPC port, for what gRPC hides: which certificate a server presents
 * to a new connection, and whether it refuses a client certificate (in TLS 1.3 the client's side of
 * the handshake ends first; the server's refusal arrives as an alert on the first read).
 */
final class TlsProbe {
  private TlsProbe() {}

  /** The serial number of the certificate the server presents to a new connection. */
  static BigInteger presentedSerial(int port) throws IOException, GeneralSecurityException {
    try (SSLSocket socket = connect(port, null)) {
      socket.startHandshake();
      return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber();
    }
  }

  /**
   * Handshakes presenting {@code chain}/{@code key}, then reads: answers the exception the server's
   * alert raised, or null when the server kept the connection open for a request.
   */
  static IOException refusalOf(int port, X509Certificate[] chain, PrivateKey key)
      throws GeneralSecurityException {
    try (SSLSocket socket = connect(port, new KeyManager[] {new Presenting(chain, key)})) {
      socket.setSoTimeout(5_000);
      socket.startHandshake();
      socket.getOutputStream().write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes());
      socket.getOutputStream().flush();
      socket.getInputStream().read();
      return null;
    } catch (IOException refused) {
      return refused;
    }
  }

  private static SSLSocket connect(int port, KeyManager[] keys)
      throws IOException, GeneralSecurityException {
    SSLContext context = SSLContext.getInstance("TLSv1.3");
    context.init(keys, new TrustManager[] {new TrustingEveryServer()}, null);
    SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket();
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
    socket.setEnabledProtocols(new String[] {"TLSv1.3"});
    return socket;
  }

  /**
   * Presents its certificate whatever authorities the server names (the JDK's own key manager
   * presents none that the server's list does not name, as a hostile client would not).
   */
  private static final class Presenting extends X509ExtendedKeyManager {
    private final X509Certificate[] chain;
    private final PrivateKey key;

    Presenting(X509Certificate[] chain, PrivateKey key) {
      this.chain = chain;
      this.key = key;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine e) {
      return "client";
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
      return "client";
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
      return new String[] {"client"};
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
      return new String[0];
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
      return null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
      return chain;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
      return key;
    }
  }

  /** This probe looks at what a server presents; it trusts nothing it is told. */
  private static final class TrustingEveryServer implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
