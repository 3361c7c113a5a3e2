package io.godfs.bootstrap.e2e;

import io.godfs.adapters.grpc.tls.TestCertificates.Issued;
import io.godfs.adapters.grpc.tls.TlsManagers;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A raw TLS 1.3 client for the ports whose refusal is the handshake itself (Raft, HTTPS): it
 * presents a certificate, or none, and reads. In TLS 1.3 the client's side of the handshake ends
 * before the server checks the client's certificate, so a refusal arrives as the server's alert on
 * that first read.
 */
final class PortProbe {
  private PortProbe() {}

  /**
   * Handshakes with {@code 127.0.0.1:port} presenting {@code identity} whatever CAs the server
   * names (as an intruder would; the JDK's own key manager would hold back a certificate the
   * server's CAs did not sign), then reads before sending anything: a refusal is already on its way
   * (a request sent first could meet a closed connection and say only "broken pipe"). Answers the
   * server's refusal, or empty when the server spoke (an HTTP/2 server's settings) or kept waiting
   * for a request.
   */
  static Optional<IOException> refusal(int port, Optional<Issued> identity)
      throws GeneralSecurityException {
    SSLContext context = SSLContext.getInstance("TLSv1.3");
    KeyManager[] keys =
        identity
            .map(
                i ->
                    new KeyManager[] {TlsManagers.presenting("probe", i.files(), Optional.empty())})
            .orElse(new KeyManager[0]);
    context.init(keys, new TrustManager[] {new TrustingEveryServer()}, null);
    try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      socket.setEnabledProtocols(new String[] {"TLSv1.3"});
      socket.setSoTimeout(5_000);
      socket.startHandshake();
      socket.setSoTimeout(2_000);
      socket.getInputStream().read();
      return Optional.empty();
    } catch (SocketTimeoutException stillOpen) {
      return Optional.empty();
    } catch (IOException refused) {
      return Optional.of(refused);
    }
  }

  /** The probe asks what a server refuses; whom it talks to is not its question. */
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
