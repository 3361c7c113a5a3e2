package io.godfs.adapters.grpc;

import static io.godfs.adapters.grpc.CallerInterceptor.caller;
import static io.godfs.adapters.grpc.Calls.path;
import static io.godfs.adapters.grpc.Calls.unary;

import io.godfs.api.v1.GetQuotaRequest;
import io.godfs.api.v1.QuotaServiceGrpc;
import io.godfs.api.v1.QuotaStatus;
import io.godfs.api.v1.SetQuotaRequest;
import io.godfs.application.port.in.QuotaUseCase;
import io.grpc.stub.StreamObserver;
import java.util.OptionalLong;

/**
 * The master's directory quotas over gRPC (ADR 0026). Served behind the same {@link LeaderGate},
 * caller, audit, metering and tracing interceptors as {@link GrpcMasterService}: a follower sends
 * the client to the leader, and each call keeps its request id across that hop.
 */
public final class GrpcQuotaService extends QuotaServiceGrpc.QuotaServiceImplBase {
  private final QuotaUseCase quotas;

  public GrpcQuotaService(QuotaUseCase quotas) {
    this.quotas = quotas;
  }

  @Override
  public void setQuota(SetQuotaRequest r, StreamObserver<QuotaStatus> out) {
    unary(
        out,
        () ->
            quotas.set(
                caller(),
                path("path", r.getPath()),
                r.hasNameQuota() ? OptionalLong.of(r.getNameQuota()) : OptionalLong.empty(),
                r.hasSpaceQuota() ? OptionalLong.of(r.getSpaceQuota()) : OptionalLong.empty()),
        QuotaProtos::toProto);
  }

  @Override
  public void getQuota(GetQuotaRequest r, StreamObserver<QuotaStatus> out) {
    unary(out, () -> quotas.get(caller(), path("path", r.getPath())), QuotaProtos::toProto);
  }
}
