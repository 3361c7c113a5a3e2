package io.godfs.application.port.in;

import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.QuotaUsage;
import java.util.OptionalLong;

/**
 * Directory quotas (ADR 0026) as a remote client reaches them ({@link QuotaUseCase} over the wire),
 * implemented by the gRPC adapter. The caller is whoever the connection's credential names. Every
 * method throws {@link io.godfs.domain.error.DfsException} with the master's refusal, as {@link
 * FileSystemUseCase} does.
 */
public interface QuotaClient {

  /** {@link QuotaUseCase#set}: empty keeps a quota, {@link QuotaUsage#NONE} removes it. */
  QuotaUsage set(DfsPath dir, OptionalLong names, OptionalLong space);

  /** {@link QuotaUseCase#get}. */
  QuotaUsage get(DfsPath dir);

  /** Removes the name quota, the space quota, or both; the other one stays. */
  default QuotaUsage clear(DfsPath dir, boolean names, boolean space) {
    OptionalLong none = OptionalLong.of(QuotaUsage.NONE);
    return set(dir, names ? none : OptionalLong.empty(), space ? none : OptionalLong.empty());
  }
}
