package io.godfs.adapters.grpc;

import com.google.protobuf.ByteString;
import io.godfs.api.v1.CertificateAuthorityGrpc;
import io.godfs.api.v1.CreateJoinTokenRequest;
import io.godfs.api.v1.CreateJoinTokenResponse;
import io.godfs.api.v1.IssuedCertificate;
import io.godfs.api.v1.JoinRequest;
import io.godfs.api.v1.RenewRequest;
import io.godfs.application.port.in.CertificateAuthorityUseCase.NewJoinToken;
import io.godfs.application.port.in.CertificateAuthorityUseCase.SignedCertificate;
import io.godfs.domain.authority.NodeRole;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.error.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The masters' certificate authority, called remotely: a party joins over channels pinned to the CA
 * of its join token ({@link ChannelPool#joining}), renews over its mutual-TLS channels, an admin
 * makes tokens over its usual ones. Refusals come back as {@link Outcome.Rejected}; unreachable
 * masters as a DfsException UNAVAILABLE.
 */
public final class GrpcCertificateAuthorityClient {
  private final MasterEndpoints masters;
  private final Duration deadline;

  /** {@code addresses}: one master, or every master of a replicated group (comma-separated). */
  public GrpcCertificateAuthorityClient(String addresses, ChannelPool channels, Duration deadline) {
    this.masters = new MasterEndpoints(addresses, channels);
    this.deadline = deadline;
  }

  public Outcome<SignedCertificate> join(String token, NodeRole role, byte[] csr) {
    return outcome(
        () ->
            signed(
                call(
                    s ->
                        s.join(
                            JoinRequest.newBuilder()
                                .setToken(token)
                                .setRole(role.label())
                                .setCsr(ByteString.copyFrom(csr))
                                .build()))));
  }

  public Outcome<SignedCertificate> renew(byte[] csr) {
    return outcome(
        () ->
            signed(
                call(
                    s ->
                        s.renew(
                            RenewRequest.newBuilder().setCsr(ByteString.copyFrom(csr)).build()))));
  }

  public Outcome<NewJoinToken> createJoinToken(NodeRole role, Optional<String> name, Duration ttl) {
    return outcome(
        () -> {
          CreateJoinTokenResponse r =
              call(
                  s ->
                      s.createJoinToken(
                          CreateJoinTokenRequest.newBuilder()
                              .setRole(role.label())
                              .setName(name.orElse(""))
                              .setTtlSeconds(ttl.toSeconds())
                              .build()));
          return new NewJoinToken(
              r.getToken(),
              Instant.ofEpochSecond(r.getExpiresEpochSeconds()),
              r.getCaFingerprint());
        });
  }

  private <T> T call(Function<CertificateAuthorityGrpc.CertificateAuthorityBlockingStub, T> rpc) {
    return masters.call(
        channel ->
            rpc.apply(
                CertificateAuthorityGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)));
  }

  private static SignedCertificate signed(IssuedCertificate c) {
    return new SignedCertificate(
        c.getCertificate().toByteArray(),
        c.getCaCertificate().toByteArray(),
        Instant.ofEpochSecond(c.getNotAfterEpochSeconds()));
  }

  private static <T> Outcome<T> outcome(Supplier<T> call) {
    try {
      return Outcome.ok(call.get());
    } catch (DfsException e) {
      if (e.code() == ErrorCode.UNAVAILABLE) {
        throw e;
      }
      return Outcome.rejected(e.code(), e.getMessage());
    }
  }
}
