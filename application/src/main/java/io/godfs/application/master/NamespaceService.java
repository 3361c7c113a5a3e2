package io.godfs.application.master;

import io.godfs.application.port.in.Deletion;
import io.godfs.application.port.in.NamespaceUseCase;
import io.godfs.application.port.in.ReservedPaths;
import io.godfs.application.port.out.MetadataStore;
import io.godfs.domain.access.Caller;
import io.godfs.domain.access.Permission;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.error.Outcome;
import io.godfs.domain.file.AttributeChange;
import io.godfs.domain.file.CreatedFile;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileId;
import io.godfs.domain.file.FileStatus;
import io.godfs.domain.file.FileType;
import io.godfs.domain.file.LeaseHolder;
import io.godfs.domain.file.Listing;
import io.godfs.domain.file.NameListing;
import io.godfs.domain.file.NamespaceCommand;
import io.godfs.domain.file.NamespaceQuery;
import io.godfs.domain.file.NewFile;
import io.godfs.domain.file.Ownership;
import io.godfs.domain.file.PermissionCheck;
import io.godfs.domain.file.Removed;
import io.godfs.domain.file.XattrMode;
import io.godfs.domain.file.Xattrs;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Namespace operations on the master: stamp time, apply through the store, collect released chunks.
 */
final class NamespaceService implements NamespaceUseCase {
  private final Access access;
  private final MetadataStore store;
  private final ClusterState cluster;
  private final InstantSource clock;
  private final MasterSettings settings;
  private final LeaseClock leases;
  private final TrashService trash;

  NamespaceService(
      MetadataStore store,
      ClusterState cluster,
      InstantSource clock,
      MasterSettings settings,
      LeaseClock leases,
      Access access,
      TrashService trash) {
    this.trash = trash;
    this.access = access;
    this.store = store;
    this.cluster = cluster;
    this.clock = clock;
    this.settings = settings;
    this.leases = leases;
  }

  @Override
  public Outcome<FileStatus> mkdir(Caller caller, DfsPath path, boolean parents) {
    return mkdir(caller, path, parents, null);
  }

  @Override
  public Outcome<FileStatus> mkdir(
      Caller caller, DfsPath path, boolean parents, Ownership ownership) {
    if (access.check(caller, Permission.WRITE, path) instanceof Outcome.Rejected<Void> denied) {
      return Outcome.rejected(denied.error());
    }
    return posix()
        .ownership(caller, ownership, PosixAccess.DIRECTORY_MODE)
        .flatMap(
            owned ->
                store.execute(
                    posix()
                        .command(
                            caller,
                            new NamespaceCommand.Mkdir(path, parents, owned, clock.instant()),
                            PermissionCheck.make(path)),
                    caller));
  }

  /**
   * chmod, chown and utimensat (ADR 0028) need {@code write} on the path, as any other change of
   * it; then, for a user with a POSIX identity, the POSIX rules (chown by root, chmod by the owner,
   * ADR 0029), which the namespace applies with the change. Between local users the mount's kernel
   * checks them (default_permissions).
   */
  @Override
  public Outcome<FileStatus> setAttributes(Caller caller, DfsPath path, AttributeChange change) {
    if (access.check(caller, Permission.WRITE, path) instanceof Outcome.Rejected<Void> denied) {
      return Outcome.rejected(denied.error());
    }
    return store.execute(
        posix()
            .command(
                caller,
                new NamespaceCommand.SetAttributes(path, change, clock.instant()),
                PermissionCheck.reach(path)),
        caller);
  }

  @Override
  public Outcome<FileStatus> setXattr(
      Caller caller, DfsPath path, String name, byte[] value, XattrMode mode) {
    if (access.check(caller, XattrAccess.toChange(name), path)
        instanceof Outcome.Rejected<Void> denied) {
      return Outcome.rejected(denied.error());
    }
    return store.execute(
        posix()
            .command(
                caller,
                new NamespaceCommand.SetXattr(path, name, value, mode, clock.instant()),
                PermissionCheck.write(path)),
        caller);
  }

  @Override
  public Outcome<FileStatus> removeXattr(Caller caller, DfsPath path, String name) {
    if (access.check(caller, XattrAccess.toChange(name), path)
        instanceof Outcome.Rejected<Void> denied) {
      return Outcome.rejected(denied.error());
    }
    return store.execute(
        posix()
            .command(
                caller,
                new NamespaceCommand.RemoveXattr(path, name, clock.instant()),
                PermissionCheck.write(path)),
        caller);
  }

  @Override
  public Outcome<FileStatus> symlink(
      Caller caller, DfsPath path, String target, Ownership ownership) {
    if (access.check(caller, Permission.WRITE, path) instanceof Outcome.Rejected<Void> denied) {
      return Outcome.rejected(denied.error());
    }
    return posix()
        .ownership(caller, ownership, PosixAccess.SYMLINK_MODE)
        .flatMap(
            owned ->
                store.execute(
                    posix()
                        .command(
                            caller,
                            new NamespaceCommand.CreateSymlink(
                                path, target, owned, clock.instant()),
                            PermissionCheck.make(path)),
                    caller));
  }

  @Override
  public Outcome<FileStatus> makeNode(
      Caller caller, DfsPath path, FileType kind, long device, Ownership ownership) {
    if (access.check(caller, Permission.WRITE, path) instanceof Outcome.Rejected<Void> denied) {
      return Outcome.rejected(denied.error());
    }
    return posix()
        .ownership(caller, ownership, PosixAccess.FILE_MODE)
        .flatMap(
            owned ->
                store.execute(
                    posix()
                        .command(
                            caller,
                            new NamespaceCommand.MakeNode(
                                path, kind, device, owned, clock.instant()),
                            PermissionCheck.make(path)),
                    caller));
  }

  @Override
  public Outcome<Xattrs> xattrs(Caller caller, DfsPath path) {
    if (access.check(caller, Permission.READ, path) instanceof Outcome.Rejected<Void> denied) {
      return Outcome.rejected(denied.error());
    }
    boolean admin = access.check(caller, Permission.ADMIN, path) instanceof Outcome.Ok<Void>;
    return store
        .query(posix().query(caller, new NamespaceQuery.XattrsOf(path), PermissionCheck.read(path)))
        .map(x -> XattrAccess.visible(x, admin));
  }

  @Override
  public Outcome<FileStatus> create(Caller caller, NewFile file, LeaseHolder writer) {
    return Futures.await(createAsync(caller, file, writer));
  }

  @Override
  public Outcome<FileStatus> createWithContent(Caller caller, NewFile file, byte[] content) {
    return Futures.await(createWithContentAsync(caller, file, content));
  }

  @Override
  public CompletableFuture<Outcome<FileStatus>> createAsync(
      Caller caller, NewFile file, LeaseHolder writer) {
    if (access.check(caller, Permission.WRITE, file.path())
        instanceof Outcome.Rejected<Void> denied) {
      return CompletableFuture.completedFuture(Outcome.rejected(denied.error()));
    }
    return submitCreate(caller, file, writer, null);
  }

  @Override
  public CompletableFuture<Outcome<FileStatus>> createWithContentAsync(
      Caller caller, NewFile file, byte[] content) {
    if (access.check(caller, Permission.WRITE, file.path())
        instanceof Outcome.Rejected<Void> denied) {
      return CompletableFuture.completedFuture(Outcome.rejected(denied.error()));
    }
    if (content.length > settings.inlineMaxBytes()) {
      return CompletableFuture.completedFuture(
          Outcome.rejected(
              ErrorCode.INVALID_ARGUMENT,
              "create of "
                  + file.path()
                  + " with "
                  + content.length
                  + " bytes inline: this master keeps at most "
                  + settings.inlineMaxBytes()
                  + " bytes inline (GODFS_MASTER_INLINE_MAX_BYTES); write chunks instead"));
    }
    return submitCreate(caller, file, LeaseHolder.NONE, content);
  }

  /**
   * {@code content} null: a create without content, as the log's {@link
   * NamespaceCommand.CreateFile} writes it (its format does not change).
   */
  private CompletableFuture<Outcome<FileStatus>> submitCreate(
      Caller caller, NewFile asked, LeaseHolder writer, byte[] content) {
    Outcome<Ownership> owned = posix().ownership(caller, asked.ownership(), PosixAccess.FILE_MODE);
    if (owned instanceof Outcome.Rejected<Ownership> denied) {
      return CompletableFuture.completedFuture(Outcome.rejected(denied.error()));
    }
    NewFile file = asked.withOwnership(owned.orThrow());
    int replication = file.replication() == 0 ? settings.defaultReplication() : file.replication();
    long chunkSize = file.chunkSize() == 0 ? settings.defaultChunkSize() : file.chunkSize();
    NamespaceCommand<CreatedFile> create =
        new NamespaceCommand.CreateFile(
            file.path(),
            file.overwrite(),
            replication,
            chunkSize,
            writer,
            content,
            file.ownership(),
            clock.instant());
    return store
        .submit(posix().command(caller, create, PermissionCheck.create(file.path())), caller)
        .thenApply(
            outcome ->
                outcome.map(
                    created -> {
                      if (writer instanceof LeaseHolder.Client client) {
                        leases.renew(client, clock.instant());
                      }
                      release(created.replaced());
                      return created.status();
                    }));
  }

  @Override
  public Outcome<FileStatus> stat(Caller caller, DfsPath path) {
    if (access.check(caller, Permission.READ, path) instanceof Outcome.Rejected<Void> denied) {
      return Outcome.rejected(denied.error());
    }
    return store.query(statQuery(caller, path));
  }

  @Override
  public CompletableFuture<Outcome<FileStatus>> statAsync(Caller caller, DfsPath path) {
    if (access.check(caller, Permission.READ, path) instanceof Outcome.Rejected<Void> denied) {
      return CompletableFuture.completedFuture(Outcome.rejected(denied.error()));
    }
    return store.queryAsync(statQuery(caller, path));
  }

  private NamespaceQuery<FileStatus> statQuery(Caller caller, DfsPath path) {
    return posix().query(caller, new NamespaceQuery.Stat(path), PermissionCheck.reach(path));
  }

  @Override
  public Outcome<Listing> list(Caller caller, DfsPath path, String startAfter, int limit) {
    int wanted = limit == 0 ? Listing.DEFAULT_LIMIT : limit;
    Outcome<Listing> page =
        readDirectory(caller, path, new NamespaceQuery.ListDirectory(path, startAfter, wanted));
    return path.isRoot() ? page.flatMap(this::withoutTrash) : page;
  }

  /** {@code query} of directory {@code path} for {@code caller}: read on it, granted and POSIX. */
  private <R> Outcome<R> readDirectory(Caller caller, DfsPath path, NamespaceQuery<R> query) {
    if (access.check(caller, Permission.READ, path) instanceof Outcome.Rejected<Void> denied) {
      return Outcome.rejected(denied.error());
    }
    return store.query(posix().query(caller, query, PermissionCheck.read(path)));
  }

  /**
   * The root's page without the trash's folder (ADR 0024), as long as asked when more follow: the
   * next name stands in for it, so a page is never cut short and never empty while more follow
   * (clients take a short or empty page for the end).
   */
  private Outcome<Listing> withoutTrash(Listing listing) {
    List<FileStatus> entries = new ArrayList<>(listing.entries());
    if (!entries.removeIf(s -> s.path().equals(ReservedPaths.TRASH))) {
      return Outcome.ok(listing);
    }
    if (!listing.hasMore()) {
      return Outcome.ok(new Listing(entries, false));
    }
    String last = listing.entries().getLast().path().name();
    return store
        .query(new NamespaceQuery.ListDirectory(DfsPath.ROOT, last, 1))
        .map(
            next -> {
              entries.addAll(next.entries());
              return new Listing(entries, next.hasMore());
            });
  }

  @Override
  public Outcome<NameListing> listNames(Caller caller, DfsPath path, String startAfter, int limit) {
    int wanted = limit == 0 ? NameListing.DEFAULT_LIMIT : limit;
    Outcome<NameListing> page =
        readDirectory(caller, path, new NamespaceQuery.ListNames(path, startAfter, wanted));
    return path.isRoot() ? page.flatMap(this::namesWithoutTrash) : page;
  }

  /** {@link #withoutTrash} for a page of names. */
  private Outcome<NameListing> namesWithoutTrash(NameListing listing) {
    int trash = listing.indexOf(ReservedPaths.TRASH.name());
    if (trash < 0) {
      return Outcome.ok(listing);
    }
    NameListing.Builder without = new NameListing.Builder();
    for (int i = 0; i < listing.size(); i++) {
      if (i != trash) {
        without.add(listing.name(i), listing.type(i), listing.fileId(i));
      }
    }
    if (!listing.hasMore()) {
      return Outcome.ok(without.build(false));
    }
    String last = listing.name(listing.size() - 1);
    return store
        .query(new NamespaceQuery.ListNames(DfsPath.ROOT, last, 1))
        .map(
            next -> {
              for (int i = 0; i < next.size(); i++) {
                without.add(next.name(i), next.type(i), next.fileId(i));
              }
              return without.build(next.hasMore());
            });
  }

  @Override
  public Outcome<Void> rename(Caller caller, DfsPath source, DfsPath target, boolean replace) {
    if (access.check(caller, Permission.WRITE, source, target)
        instanceof Outcome.Rejected<Void> denied) {
      return Outcome.rejected(denied.error());
    }
    return executeReleasing(
        caller,
        new NamespaceCommand.Rename(source, target, replace, clock.instant()),
        PermissionCheck.remove(source, false),
        PermissionCheck.renameTo(target));
  }

  @Override
  public Outcome<FileStatus> link(Caller caller, DfsPath existing, DfsPath link) {
    if (access.check(caller, Permission.READ, existing) instanceof Outcome.Rejected<Void> denied) {
      return Outcome.rejected(denied.error());
    }
    if (access.check(caller, Permission.WRITE, link) instanceof Outcome.Rejected<Void> denied) {
      return Outcome.rejected(denied.error());
    }
    // POSIX asks for search on the way to the file and write on the new name's directory; the
    // file's own mode is not asked (Linux's protected_hardlinks is a local policy of the mount).
    return store.execute(
        posix()
            .command(
                caller,
                new NamespaceCommand.Link(existing, link, clock.instant()),
                PermissionCheck.reach(existing),
                PermissionCheck.make(link)),
        caller);
  }

  @Override
  public Outcome<Void> exchange(Caller caller, DfsPath first, DfsPath second) {
    if (access.check(caller, Permission.WRITE, first, second)
        instanceof Outcome.Rejected<Void> denied) {
      return Outcome.rejected(denied.error());
    }
    return executeReleasing(
        caller,
        new NamespaceCommand.ExchangeNames(first, second, clock.instant()),
        PermissionCheck.remove(first, false),
        PermissionCheck.remove(second, false));
  }

  @Override
  public Outcome<Void> renameOver(
      Caller caller, DfsPath source, DfsPath target, FileId expectedTargetId) {
    if (access.check(caller, Permission.WRITE, source, target)
        instanceof Outcome.Rejected<Void> denied) {
      return Outcome.rejected(denied.error());
    }
    if (expectedTargetId.value() <= 0) {
      return Outcome.rejected(
          ErrorCode.INVALID_ARGUMENT,
          "expected target file id : " + expectedTargetId + " (expected: > 0)");
    }
    return executeReleasing(
        caller,
        new NamespaceCommand.Rename(source, target, expectedTargetId, clock.instant()),
        PermissionCheck.remove(source, false),
        PermissionCheck.renameTo(target));
  }

  @Override
  public Outcome<Deletion> delete(Caller caller, DfsPath path, boolean recursive) {
    if (access.check(caller, Permission.DELETE, path) instanceof Outcome.Rejected<Void> denied) {
      return Outcome.rejected(denied.error());
    }
    PermissionCheck removal = PermissionCheck.remove(path, true);
    if (trash.keeps(path)) {
      // The trash moves it in several commands: the POSIX check runs just before them, so a
      // change of modes in between is not seen (ADR 0029); the grants were checked above.
      if (store.query(posix().query(caller, new NamespaceQuery.Stat(path), removal))
              instanceof Outcome.Rejected<FileStatus> denied
          && denied.error().code() == ErrorCode.PERMISSION_DENIED) {
        return Outcome.rejected(denied.error());
      }
      return trash.moveToTrash(caller, path, recursive);
    }
    return store
        .execute(
            posix()
                .command(
                    caller, new NamespaceCommand.Delete(path, recursive, clock.instant()), removal),
            caller)
        .map(
            removed -> {
              release(removed);
              return new Deletion.Deleted(removed.files());
            });
  }

  @Override
  public Outcome<FileStatus> truncate(
      Caller caller, DfsPath path, long length, LeaseHolder writer) {
    if (access.check(caller, Permission.WRITE, path) instanceof Outcome.Rejected<Void> denied) {
      return Outcome.rejected(denied.error());
    }
    if (length > settings.maxFileBytes()) {
      return Outcome.rejected(
          ErrorCode.INVALID_ARGUMENT,
          "length : "
              + length
              + " for truncate of "
              + path
              + " (expected: at most the largest file size, "
              + settings.maxFileBytes()
              + " bytes, GODFS_MASTER_MAX_FILE_SIZE)");
    }
    return store
        .execute(
            posix()
                .command(
                    caller,
                    new NamespaceCommand.Truncate(path, length, writer, clock.instant()),
                    PermissionCheck.write(path)),
            caller)
        .map(
            truncated -> {
              release(truncated.released());
              return truncated.status();
            });
  }

  private PosixAccess posix() {
    return access.posix();
  }

  /**
   * Runs {@code command} (a rename or exchange) checked as {@code checks} say for a user with a
   * POSIX identity, and releases the chunks of a file it replaced.
   */
  private Outcome<Void> executeReleasing(
      Caller caller, NamespaceCommand<Removed> command, PermissionCheck... checks) {
    return store
        .execute(posix().command(caller, command, checks), caller)
        .map(
            removed -> {
              release(removed);
              return null;
            });
  }

  private void release(Removed removed) {
    Instant now = clock.instant();
    removed.chunks().forEach(chunk -> cluster.release(chunk, now));
  }
}
