package io.godfs.adapters.grpc.wire;

import io.godfs.adapters.grpc.tls.GrpcTls;
import io.godfs.adapters.grpc.tls.TlsManagers;
import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

/**
 * TLS on the metadata wire from the same {@link GrpcTls} as the gRPC port: the same certificates
 * and authorities (read again when they change), TLS 1.3 only, the same demand for a client
 * certificate, and the server's name checked as gRPC checks it. The JDK's TLS: a wire call carries
 * a few hundred bytes, so its cipher's speed does not matter, and blocking sockets need it.
 */
public final class WireTls {
  private static final String[] PROTOCOLS = {"TLSv1.3"};

  private WireTls() {}

  /** A server's side: its context and whether it needs, wants or ignores client certificates. */
  public record Server(SSLContext context, boolean verifiesClients, boolean certificateOptional) {
    /** The server's side of TLS over an accepted TCP socket; the handshake comes at first use. */
    SSLSocket layer(Socket tcp) throws IOException {
      SSLSocket socket =
          (SSLSocket)
              context.getSocketFactory().createSocket(tcp, null, tcp.getPort(), true); // autoClose
      socket.setUseClientMode(false);
      socket.setEnabledProtocols(PROTOCOLS);
      if (verifiesClients && certificateOptional) {
        socket.setWantClientAuth(true);
      } else if (verifiesClients) {
        socket.setNeedClientAuth(true);
      }
      return socket;
    }
  }

  /** A client's side: its context, which verifies servers and presents its certificate, if any. */
  public record Client(SSLContext context) {
    SSLSocket configure(SSLSocket socket) {
      SSLParameters p = socket.getSSLParameters();
      p.setProtocols(PROTOCOLS);
      p.setEndpointIdentificationAlgorithm("HTTPS");
      socket.setSSLParameters(p);
      return socket;
    }
  }

  /**
   * @throws IllegalArgumentException naming the file that is missing, unreadable or wrong
   */
  public static Server server(GrpcTls tls) {
    GrpcTls.KeyPairFiles identity =
        tls.server()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "TLS is on but no server certificate and key are given"));
    return new Server(
        TlsManagers.serverContext(identity, tls.trustedAuthorities(), tls.reloadEvery()),
        tls.verifiesClients(),
        tls.clientCertificateOptional());
  }

  /**
   * @throws IllegalArgumentException naming the file that is missing, unreadable or wrong
   */
  public static Client client(GrpcTls tls) {
    KeyManager[] keys =
        tls.client()
            .map(
                c ->
                    new KeyManager[] {
                      TlsManagers.presenting("client certificate", c, tls.reloadEvery())
                    })
            .orElse(null);
    TrustManager[] trust =
        tls.trustedAuthorities().isEmpty()
            ? null // the JDK's own authorities, as gRPC's channels use then
            : new TrustManager[] {
              TlsManagers.trusting(tls.trustedAuthorities(), tls.reloadEvery())
            };
    try {
      SSLContext context = SSLContext.getInstance("TLSv1.3");
      context.init(keys, trust, null);
      return new Client(context);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("TLS cannot be set up: " + e.getMessage(), e);
    }
  }
}
