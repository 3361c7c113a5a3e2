package io.godfs.adapters.grpc;

import io.godfs.api.v1.QuotaStatus;
import io.godfs.domain.file.QuotaUsage;

/** Directory quotas (ADR 0026) between their proto and domain forms. */
final class QuotaProtos {
  private QuotaProtos() {}

  static QuotaStatus toProto(QuotaUsage usage) {
    return QuotaStatus.newBuilder()
        .setPath(usage.path().value())
        .setNameQuota(usage.nameQuota())
        .setNames(usage.names())
        .setSpaceQuota(usage.spaceQuota())
        .setSpace(usage.space())
        .build();
  }

  static QuotaUsage toDomain(QuotaStatus status) {
    return new QuotaUsage(
        Calls.path("path", status.getPath()),
        status.getNameQuota(),
        status.getNames(),
        status.getSpaceQuota(),
        status.getSpace());
  }
}
