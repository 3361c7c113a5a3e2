package io.godfs.application.master;

import io.godfs.application.port.in.LeaseUseCase;
import io.godfs.application.port.out.MetadataStore;
import io.godfs.domain.access.Caller;
import io.godfs.domain.access.Permission;
import io.godfs.domain.error.Outcome;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileId;
import io.godfs.domain.file.FileStatus;
import io.godfs.domain.file.LeaseHolder;
import io.godfs.domain.file.NamespaceCommand;
import io.godfs.domain.file.PermissionCheck;
import java.time.Duration;
import java.time.InstantSource;

/** Open, renew and close of single-writer leases; every grant also counts as a renewal. */
final class LeaseService implements LeaseUseCase {
  private final Access access;
  private final MetadataStore store;
  private final LeaseClock clock;
  private final InstantSource time;
  private final MasterSettings settings;

  LeaseService(
      MetadataStore store,
      LeaseClock clock,
      InstantSource time,
      MasterSettings settings,
      Access access) {
    this.access = access;
    this.store = store;
    this.clock = clock;
    this.time = time;
    this.settings = settings;
  }

  @Override
  public Outcome<FileStatus> openForWrite(Caller caller, DfsPath path, LeaseHolder.Client writer) {
    if (access.check(caller, Permission.WRITE, path) instanceof Outcome.Rejected<Void> denied) {
      return Outcome.rejected(denied.error());
    }
    Outcome<FileStatus> opened =
        store.execute(
            access
                .posix()
                .command(
                    caller,
                    new NamespaceCommand.OpenForWrite(path, writer, time.instant()),
                    PermissionCheck.write(path)),
            caller);
    if (opened instanceof Outcome.Ok<FileStatus>) {
      clock.renew(writer, time.instant());
    }
    return opened;
  }

  @Override
  public Outcome<FileStatus> close(Caller caller, FileId fileId, LeaseHolder.Client writer) {
    return store.execute(new NamespaceCommand.CloseFile(fileId, writer, time.instant()), caller);
  }

  @Override
  public Duration renew(Caller caller, LeaseHolder.Client writer) {
    clock.renew(writer, time.instant());
    return settings.leaseTimeout();
  }
}
