package io.godfs.adapters.grpc.tls;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * Says why a TLS handshake failed instead of gRPC's bare "UNAVAILABLE: ssl exception". In TLS 1.3 a
 * server checks the client's certificate after the client's side of the handshake is done, so a
 * refusal reaches the client as the server's alert: {@code certificate_required} (none presented)
 * or {@code certificate_unknown}, {@code bad_certificate}, {@code unknown_ca}... (not signed by a
 * CA the server trusts, expired, or not for client use). Such a call fails {@code UNAUTHENTICATED},
 * as a missing credential does: trying again or another master cannot help. A server certificate
 * this client does not trust stays {@code UNAVAILABLE} (that server is not one to talk to), named.
 */
public final class TlsRefusals implements ClientInterceptor {
  /** The alerts a server sends about the client's certificate (RFC 8446, section 6.2). */
  private static final List<String> CERTIFICATE_ALERTS =
      List.of(
          "certificate_unknown",
          "bad_certificate",
          "unknown_ca",
          "certificate_expired",
          "certificate_revoked",
          "unsupported_certificate",
          "access_denied");

  private final String server;

  /** For calls to {@code server} (host:port, for messages). */
  public TlsRefusals(String server) {
    this.server = server;
  }

  /** {@code status} with what its TLS failure means, or as it is when it has none. */
  public static Status explain(Status status, String server) {
    if (status.getCode() != Status.Code.UNAVAILABLE) {
      return status;
    }
    Optional<SSLException> tls = tlsCause(status.getCause());
    if (tls.isEmpty()) {
      return status;
    }
    String message = String.valueOf(tls.get().getMessage());
    String lower = message.toLowerCase(Locale.ROOT);
    if (received(lower, "certificate_required")) {
      return Status.UNAUTHENTICATED
          .withDescription(
              "the server "
                  + server
                  + " requires a client certificate and this client presented none (set"
                  + " GODFS_TLS_CLIENT_CERT_FILE and GODFS_TLS_CLIENT_KEY_FILE)")
          .withCause(status.getCause());
    }
    for (String alert : CERTIFICATE_ALERTS) {
      if (received(lower, alert)) {
        return Status.UNAUTHENTICATED
            .withDescription(
                "the server "
                    + server
                    + " refused this client's TLS certificate (alert "
                    + alert
                    + "): it is not signed by a CA the server trusts, has expired, or is not for"
                    + " client use")
            .withCause(status.getCause());
      }
    }
    if (!received(lower, "")) {
      return status
          .withDescription(
              "this client does not accept the TLS certificate of the server "
                  + server
                  + " ("
                  + message
                  + "): check GODFS_TLS_CA_FILE and the server certificate's host names")
          .withCause(status.getCause());
    }
    return status.withDescription("TLS with the server " + server + " failed: " + message);
  }

  /**
   * Whether {@code message} (lower case) reports the peer's alert {@code alert} (any alert when
   * empty), as the JDK says it ({@code Received fatal alert: unknown_ca}) or BoringSSL does ({@code
   * ...:OPENSSL_internal:TLSV1_ALERT_UNKNOWN_CA}, {@code SSLV3_ALERT_BAD_CERTIFICATE}).
   */
  private static boolean received(String message, String alert) {
    if (alert.isEmpty()) {
      return message.contains("received fatal alert") || message.contains("_alert_");
    }
    return message.contains("received fatal alert: " + alert)
        || message.contains("_alert_" + alert);
  }

  private static Optional<SSLException> tlsCause(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof SSLException ssl) {
        return Optional.of(ssl);
      }
    }
    return Optional.empty();
  }

  @Override
  public <Q, R> ClientCall<Q, R> interceptCall(
      MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
    return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
      @Override
      public void start(Listener<R> listener, Metadata headers) {
        super.start(
            new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
              @Override
              public void onClose(Status status, Metadata trailers) {
                super.onClose(explain(status, server), trailers);
              }
            },
            headers);
      }
    };
  }
}
