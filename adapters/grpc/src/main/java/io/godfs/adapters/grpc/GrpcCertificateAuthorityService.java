package io.godfs.adapters.grpc;

import static io.godfs.adapters.grpc.CallerInterceptor.caller;
import static io.godfs.adapters.grpc.Calls.unary;

import com.google.protobuf.ByteString;
import io.godfs.api.v1.CertificateAuthorityGrpc;
import io.godfs.api.v1.CreateJoinTokenRequest;
import io.godfs.api.v1.CreateJoinTokenResponse;
import io.godfs.api.v1.IssuedCertificate;
import io.godfs.api.v1.JoinRequest;
import io.godfs.api.v1.RenewRequest;
import io.godfs.application.port.in.CertificateAuthorityUseCase;
import io.godfs.domain.authority.NodeRole;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.error.Outcome;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.Optional;

/**
 * The embedded certificate authority over gRPC. {@code Join} is the one master call served without
 * a credential ({@link CallerInterceptor} lets it through: the join token in the request is the
 * credential); {@code Renew} takes the caller's certificate from the TLS session.
 */
public final class GrpcCertificateAuthorityService
    extends CertificateAuthorityGrpc.CertificateAuthorityImplBase {
  /** The method a caller without credential may call. */
  static final String JOIN_METHOD = CertificateAuthorityGrpc.getJoinMethod().getFullMethodName();

  /** A CSR is a few hundred bytes; this bounds what a caller without credential can send. */
  private static final int MAX_REQUEST_BYTES = 16 * 1024;

  private final CertificateAuthorityUseCase authority;

  public GrpcCertificateAuthorityService(CertificateAuthorityUseCase authority) {
    this.authority = authority;
  }

  @Override
  public void join(JoinRequest r, StreamObserver<IssuedCertificate> out) {
    unary(
        out,
        () -> {
          Outcome<NodeRole> role = role(r.getRole());
          if (role instanceof Outcome.Rejected<NodeRole> bad) {
            return Outcome.rejected(bad.error());
          }
          if (r.getCsr().size() > MAX_REQUEST_BYTES) {
            return tooLarge();
          }
          return authority.join(
              r.getToken(), ((Outcome.Ok<NodeRole>) role).value(), r.getCsr().toByteArray());
        },
        GrpcCertificateAuthorityService::toProto);
  }

  @Override
  public void renew(RenewRequest r, StreamObserver<IssuedCertificate> out) {
    unary(
        out,
        () -> {
          Optional<byte[]> presented = CallerInterceptor.peerCertificate();
          if (presented.isEmpty()) {
            return Outcome.rejected(
                ErrorCode.UNAUTHENTICATED,
                "a renewal needs the caller's current certificate (call over mutual TLS)");
          }
          if (r.getCsr().size() > MAX_REQUEST_BYTES) {
            return tooLarge();
          }
          return authority.renew(presented.get(), r.getCsr().toByteArray());
        },
        GrpcCertificateAuthorityService::toProto);
  }

  @Override
  public void createJoinToken(
      CreateJoinTokenRequest r, StreamObserver<CreateJoinTokenResponse> out) {
    unary(
        out,
        () -> {
          Outcome<NodeRole> role = role(r.getRole());
          if (role instanceof Outcome.Rejected<NodeRole> bad) {
            return Outcome.rejected(bad.error());
          }
          return authority.createJoinToken(
              caller(),
              ((Outcome.Ok<NodeRole>) role).value(),
              r.getName().isBlank() ? Optional.empty() : Optional.of(r.getName().strip()),
              Duration.ofSeconds(r.getTtlSeconds()));
        },
        t ->
            CreateJoinTokenResponse.newBuilder()
                .setToken(t.token())
                .setExpiresEpochSeconds(t.expires().getEpochSecond())
                .setCaFingerprint(t.caFingerprint())
                .build());
  }

  private static Outcome<NodeRole> role(String text) {
    try {
      return Outcome.ok(NodeRole.parse(text));
    } catch (IllegalArgumentException e) {
      return Outcome.rejected(ErrorCode.INVALID_ARGUMENT, e.getMessage());
    }
  }

  private static <T> Outcome<T> tooLarge() {
    return Outcome.rejected(
        ErrorCode.INVALID_ARGUMENT,
        "the certificate signing request exceeds " + MAX_REQUEST_BYTES + " bytes");
  }

  static IssuedCertificate toProto(CertificateAuthorityUseCase.SignedCertificate s) {
    return IssuedCertificate.newBuilder()
        .setCertificate(ByteString.copyFrom(s.certificate()))
        .setCaCertificate(ByteString.copyFrom(s.authority()))
        .setNotAfterEpochSeconds(s.notAfter().getEpochSecond())
        .build();
  }
}
