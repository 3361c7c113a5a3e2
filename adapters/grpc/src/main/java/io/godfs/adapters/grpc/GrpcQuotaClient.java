package io.godfs.adapters.grpc;

import io.godfs.api.v1.GetQuotaRequest;
import io.godfs.api.v1.QuotaServiceGrpc;
import io.godfs.api.v1.SetQuotaRequest;
import io.godfs.application.port.in.QuotaClient;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.QuotaUsage;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The master's directory quotas over the master client's connections and credential (ADR 0026):
 * {@link GrpcMasterClient#quotas()}. Each call follows the leader and keeps its request id across
 * retries ({@link MasterEndpoints}), so a retried change applies once.
 */
final class GrpcQuotaClient implements QuotaClient {
  private final MasterEndpoints masters;
  private final Duration deadline;

  GrpcQuotaClient(MasterEndpoints masters, Duration deadline) {
    this.masters = masters;
    this.deadline = deadline;
  }

  private <T> T call(Function<QuotaServiceGrpc.QuotaServiceBlockingStub, T> rpc) {
    return masters.call(
        channel ->
            rpc.apply(
                QuotaServiceGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)));
  }

  @Override
  public QuotaUsage set(DfsPath dir, OptionalLong names, OptionalLong space) {
    SetQuotaRequest.Builder request = SetQuotaRequest.newBuilder().setPath(dir.value());
    names.ifPresent(request::setNameQuota);
    space.ifPresent(request::setSpaceQuota);
    return QuotaProtos.toDomain(call(s -> s.setQuota(request.build())));
  }

  @Override
  public QuotaUsage get(DfsPath dir) {
    return QuotaProtos.toDomain(
        call(s -> s.getQuota(GetQuotaRequest.newBuilder().setPath(dir.value()).build())));
  }
}
