package io.godfs.application.port.in;

import io.godfs.domain.access.Caller;
import io.godfs.domain.error.Outcome;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.QuotaUsage;
import java.util.OptionalLong;

/**
 * Directory quotas (ADR 0026) as the master's callers reach them: HDFS's name and space quotas. As
 * with HDFS's {@code dfsadmin -setQuota}, only an administrator sets or clears one ({@code admin}
 * on {@code /}); showing one needs {@code read} on the directory. Refusals come back as {@link
 * Outcome.Rejected}, naming the missing permission; a bad quota is INVALID_ARGUMENT naming it.
 */
public interface QuotaUseCase {

  /**
   * Sets {@code dir}'s quotas: each present value is the new quota ({@link QuotaUsage#NONE}, -1,
   * removes it), each empty one keeps what the directory has. A name quota counts the directory
   * itself and everything below it (at least 1); a space quota counts bytes times replication (at
   * least 0). A quota below the usage is allowed: only growth is refused. Answers the directory's
   * quotas and usage after the change.
   */
  Outcome<QuotaUsage> set(Caller caller, DfsPath dir, OptionalLong names, OptionalLong space);

  /** {@code dir}'s quotas and usage (usage counted from its tree when it has no quota). */
  Outcome<QuotaUsage> get(Caller caller, DfsPath dir);
}
