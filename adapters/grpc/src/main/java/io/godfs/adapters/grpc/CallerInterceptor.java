package io.godfs.adapters.grpc;

import io.godfs.adapters.grpc.tls.CertificatePrincipals;
import io.godfs.application.port.in.AuthenticationUseCase;
import io.godfs.application.port.out.AuditLog;
import io.godfs.domain.access.Caller;
import io.godfs.domain.access.Principal;
import io.godfs.domain.error.Outcome;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Optional;

/**
 * Builds the {@link Caller} of every call: who makes it, from which address, and the client request
 * named in its {@code godfs-request-id} header (so the replicated store answers a retried mutation
 * once); the caller is named by its bearer credential, or else by its verified client certificate
 * ({@link CertificatePrincipals}). Handlers read it with {@link #caller()} and pass it explicitly
 * into the use cases; nothing below this adapter looks it up on its own.
 */
public final class CallerInterceptor implements ServerInterceptor {
  static final Metadata.Key<String> REQUEST_ID =
      Metadata.Key.of("godfs-request-id", Metadata.ASCII_STRING_MARSHALLER);

  /** The seed's credential header: {@code Bearer <API key or token>}, or the bare value. */
  static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  /**
   * Set by a front end acting for a caller who presented no credential (the gateway's anonymous
   * requests): the call is that caller's, so the front end's own client certificate must not name
   * it. It can only lower what a call may do, so it needs no trust.
   */
  static final Metadata.Key<String> NO_CALLER_CREDENTIAL =
      Metadata.Key.of("godfs-no-caller-credential", Metadata.ASCII_STRING_MARSHALLER);

  private static final Context.Key<Caller> CALLER = Context.key("godfs-caller");

  /** The caller's verified client certificate (DER), when its connection has one. */
  private static final Context.Key<byte[]> PEER_CERTIFICATE = Context.key("godfs-peer-certificate");

  /** Every caller is anonymous and any credential is ignored: for servers that check none. */
  static final AuthenticationUseCase NO_AUTHENTICATION =
      new AuthenticationUseCase() {
        @Override
        public Outcome<Principal> authenticate(Optional<String> bearer) {
          return Outcome.ok(Principal.ANONYMOUS);
        }

        @Override
        public boolean enforced() {
          return false;
        }
      };

  private final AuthenticationUseCase authentication;
  private final CallAudit audit;

  public CallerInterceptor(AuthenticationUseCase authentication) {
    this(authentication, AuditLog.NONE);
  }

  /** Also recording the calls in {@code audit} (see {@link CallAudit}). */
  public CallerInterceptor(AuthenticationUseCase authentication, AuditLog audit) {
    this.authentication = authentication;
    this.audit = new CallAudit(audit);
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    String requestId = headers.get(REQUEST_ID);
    boolean named = requestId != null && !requestId.isBlank();
    String source = source(call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR));
    String badId = named ? Caller.problemWith(requestId) : null;
    if (badId != null) {
      Metadata trailers = new Metadata();
      trailers.put(StatusMapper.ERROR_CODE, "INVALID_ARGUMENT");
      Status status =
          Status.INVALID_ARGUMENT.withDescription(badId + " in header " + REQUEST_ID.name());
      audit.refused(call, "unknown", source, Optional.empty(), status);
      call.close(status, trailers);
      return new ServerCall.Listener<>() {};
    }
    Optional<String> request = named ? Optional.of(requestId) : Optional.empty();
    TlsPeer peer = TlsPeer.of(call);
    Principal principal;
    switch (identify(
        bearer(headers.get(AUTHORIZATION)), headers.containsKey(NO_CALLER_CREDENTIAL), peer)) {
      case Outcome.Ok<Principal> ok -> principal = ok.value();
      // A party that joins has no credential yet: its join token, in the request, is one.
      case Outcome.Rejected<Principal> refused
          when GrpcCertificateAuthorityService.JOIN_METHOD.equals(
              call.getMethodDescriptor().getFullMethodName()) ->
          principal = Principal.ANONYMOUS;
      case Outcome.Rejected<Principal> refused -> {
        StatusRuntimeException status = StatusMapper.toStatus(refused.error());
        audit.refused(call, "unauthenticated", source, request, status.getStatus());
        call.close(status.getStatus(), status.getTrailers());
        return new ServerCall.Listener<>() {};
      }
    }
    Caller caller =
        named ? Caller.serving(principal, source, requestId) : Caller.of(principal, source);
    Context withCaller = Context.current().withValue(CALLER, caller);
    byte[] certificate = peer.certificate();
    if (certificate != null) {
      withCaller = withCaller.withValue(PEER_CERTIFICATE, certificate);
    }
    Context callerContext = withCaller;
    String name = principal.name();
    if (!audit.enabled()) {
      return RpcTracing.asPrincipal(
          name, () -> Contexts.interceptCall(callerContext, call, headers, next));
    }
    // A delegation token's holder is recorded as its issuer, saying it came through a token, on
    // every call: a presigned URL in a stranger's hands is what an audit is read for.
    CallAudit.Watched<Q, R> watched =
        principal instanceof Principal.Delegated d
            ? audit.watchEveryCall(
                call,
                d.name() + " via delegation token (" + d.delegation().describe() + ")",
                source,
                request)
            : audit.watch(call, principal.name(), source, request);
    return watched.listener(
        RpcTracing.asPrincipal(
            name, () -> Contexts.interceptCall(callerContext, watched, headers, next)));
  }

  /**
   * The bearer credential names the caller when there is one; else a verified client certificate
   * does (mutual TLS: the handshake already checked it against the trusted authorities, so it is
   * accepted even where authentication is enforced); else the authentication decides whether an
   * anonymous caller may call. A call made for a caller without a credential ({@link
   * #NO_CALLER_CREDENTIAL}) is not named by the certificate of the front end that relays it.
   */
  private Outcome<Principal> identify(
      Optional<String> bearer, boolean relayedWithoutCredential, TlsPeer peer) {
    if (bearer.isEmpty() && !relayedWithoutCredential) {
      Optional<Principal> certified = peer.principal();
      if (certified.isPresent()) {
        return Outcome.ok(certified.get());
      }
    }
    return authentication.authenticate(bearer);
  }

  /** The verified client certificate (DER) of the call this thread serves, if it has one. */
  static Optional<byte[]> peerCertificate() {
    return Optional.ofNullable(PEER_CERTIFICATE.get());
  }

  /** The caller of the call this thread serves; only inside a handler of a server built here. */
  static Caller caller() {
    Caller caller = CALLER.get();
    if (caller == null) {
      throw new IllegalStateException(
          "no caller: this service runs on a server without the CallerInterceptor");
    }
    return caller;
  }

  private static Optional<String> bearer(String header) {
    if (header == null) {
      return Optional.empty();
    }
    String value = header.strip();
    return Optional.of(
        value.regionMatches(true, 0, "Bearer ", 0, 7) ? value.substring(7).strip() : value);
  }

  static String source(SocketAddress address) {
    if (address instanceof InetSocketAddress inet) {
      return inet.getHostString() + ":" + inet.getPort();
    }
    return address == null ? "unknown" : address.toString();
  }
}
