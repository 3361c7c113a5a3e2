package io.godfs.application.master;

import io.godfs.application.port.in.QuotaUseCase;
import io.godfs.application.port.out.MetadataStore;
import io.godfs.domain.access.Caller;
import io.godfs.domain.access.Permission;
import io.godfs.domain.error.Outcome;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.NamespaceCommand;
import io.godfs.domain.file.NamespaceQuery;
import io.godfs.domain.file.QuotaUsage;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.InstantSource;
import java.util.OptionalLong;

/**
 * Quotas as use cases (ADR 0026): each asks {@link Access}, then runs the namespace's {@code
 * SetQuota} command or {@code QuotaOf} query. A change of one quota only reads the other first and
 * sets both: two administrators changing the two quotas of one directory at once may each undo the
 * other's change (the last one wins, as with any two setQuota calls).
 */
final class QuotaService implements QuotaUseCase {
  private static final Logger LOG = System.getLogger(QuotaService.class.getName());

  private final MetadataStore store;
  private final InstantSource clock;
  private final Access access;

  QuotaService(MetadataStore store, InstantSource clock, Access access) {
    this.store = store;
    this.clock = clock;
    this.access = access;
  }

  @Override
  public Outcome<QuotaUsage> set(
      Caller caller, DfsPath dir, OptionalLong names, OptionalLong space) {
    // Asked before the directory is looked at: a refusal tells nothing of what is there. The
    // cluster's administrators only (admin on /, as HDFS's dfsadmin): one granted admin on a
    // subtree could otherwise lift the quota an administrator set on it. The second check refuses
    // the reserved trash (ADR 0024).
    Outcome<Void> allowed = access.admin(caller);
    if (allowed.isOk()) {
      allowed = access.check(caller, Permission.ADMIN, dir);
    }
    if (allowed instanceof Outcome.Rejected<Void> denied) {
      return Outcome.rejected(denied.error());
    }
    long nameQuota;
    long spaceQuota;
    if (names.isPresent() && space.isPresent()) {
      nameQuota = names.getAsLong();
      spaceQuota = space.getAsLong();
    } else {
      Outcome<QuotaUsage> now = store.query(new NamespaceQuery.QuotaOf(dir));
      if (!(now instanceof Outcome.Ok<QuotaUsage> current)) {
        return now;
      }
      nameQuota = names.orElse(current.value().nameQuota());
      spaceQuota = space.orElse(current.value().spaceQuota());
    }
    Outcome<QuotaUsage> set =
        store.execute(
            new NamespaceCommand.SetQuota(dir, nameQuota, spaceQuota, clock.instant()), caller);
    if (set.isOk()) {
      LOG.log(
          Level.INFO,
          "{0} set the quotas of {1}: names {2}, space {3} (-1: none)",
          caller,
          dir,
          String.valueOf(nameQuota),
          String.valueOf(spaceQuota));
    }
    return set;
  }

  @Override
  public Outcome<QuotaUsage> get(Caller caller, DfsPath dir) {
    if (access.check(caller, Permission.READ, dir) instanceof Outcome.Rejected<Void> denied) {
      return Outcome.rejected(denied.error());
    }
    return store.query(new NamespaceQuery.QuotaOf(dir));
  }
}
