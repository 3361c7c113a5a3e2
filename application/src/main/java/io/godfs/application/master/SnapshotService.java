package io.godfs.application.master;

import io.godfs.application.port.in.SnapshotManifest;
import io.godfs.application.port.in.SnapshotUseCase;
import io.godfs.application.port.out.MetadataStore;
import io.godfs.domain.access.Caller;
import io.godfs.domain.access.Permission;
import io.godfs.domain.chunk.LocatedChunk;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.error.Outcome;
import io.godfs.domain.file.ChunkRef;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileChunks;
import io.godfs.domain.file.FileStatus;
import io.godfs.domain.file.IndexedChunk;
import io.godfs.domain.file.NamespaceCommand;
import io.godfs.domain.file.NamespaceQuery;
import io.godfs.domain.file.Removed;
import io.godfs.domain.file.SnapshotChange;
import io.godfs.domain.file.SnapshotInfo;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Snapshots as use cases (ADR 0025): each asks {@link Access}, then runs one namespace command or
 * query; the chunks a snapshot deletion or a restore released go to the deletion queue as a
 * delete's do. Who may do what is said on {@link SnapshotUseCase}.
 */
final class SnapshotService implements SnapshotUseCase {
  private static final Logger LOG = System.getLogger(SnapshotService.class.getName());

  private final MetadataStore store;
  private final ClusterState cluster;
  private final InstantSource clock;
  private final MasterSettings settings;
  private final Access access;

  SnapshotService(
      MetadataStore store,
      ClusterState cluster,
      InstantSource clock,
      MasterSettings settings,
      Access access) {
    this.store = store;
    this.cluster = cluster;
    this.clock = clock;
    this.settings = settings;
    this.access = access;
  }

  @Override
  public Outcome<FileStatus> allow(Caller caller, DfsPath dir) {
    return allowed(caller, dir, true);
  }

  @Override
  public Outcome<FileStatus> disallow(Caller caller, DfsPath dir) {
    return allowed(caller, dir, false);
  }

  private Outcome<FileStatus> allowed(Caller caller, DfsPath dir, boolean allow) {
    return checked(
        caller,
        Permission.ADMIN,
        dir,
        () -> store.execute(new NamespaceCommand.SnapshotsAllowed(dir, allow, now()), caller));
  }

  @Override
  public Outcome<SnapshotInfo> create(Caller caller, DfsPath dir, String name) {
    return checked(
        caller,
        Permission.WRITE,
        dir,
        () -> store.execute(new NamespaceCommand.CreateSnapshot(dir, name, now()), caller));
  }

  @Override
  public Outcome<SnapshotInfo> delete(Caller caller, DfsPath dir, String name) {
    return checked(caller, Permission.WRITE, dir, () -> deleteChecked(caller, dir, name));
  }

  @Override
  public Outcome<SnapshotInfo> delete(Caller caller, long id) {
    return byId(caller, id, Permission.WRITE, s -> deleteChecked(caller, s.directory(), s.name()));
  }

  private Outcome<SnapshotInfo> deleteChecked(Caller caller, DfsPath dir, String name) {
    Outcome<List<SnapshotInfo>> all = store.query(new NamespaceQuery.SnapshotsOf(dir));
    if (!(all instanceof Outcome.Ok<List<SnapshotInfo>> listed)) {
      return Outcome.rejected(((Outcome.Rejected<List<SnapshotInfo>>) all).error());
    }
    SnapshotInfo found =
        listed.value().stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
    Instant now = now();
    Outcome<Removed> deleted =
        store.execute(new NamespaceCommand.DeleteSnapshot(dir, name, now), caller);
    if (deleted instanceof Outcome.Rejected<Removed> refused) {
      return Outcome.rejected(refused.error());
    }
    Removed removed = ((Outcome.Ok<Removed>) deleted).value();
    removed.chunks().forEach(chunk -> cluster.release(chunk, now));
    LOG.log(
        Level.DEBUG,
        "{0} deleted snapshot {1} of {2}, releasing {3} chunks",
        caller,
        name,
        dir,
        removed.chunks().size());
    // A retried deletion finds nothing to list the second time: it still names what it deleted.
    return Outcome.ok(found != null ? found : new SnapshotInfo(dir, name, 0, now));
  }

  @Override
  public Outcome<SnapshotInfo> rename(Caller caller, DfsPath dir, String from, String to) {
    return checked(
        caller,
        Permission.WRITE,
        dir,
        () -> store.execute(new NamespaceCommand.RenameSnapshot(dir, from, to, now()), caller));
  }

  @Override
  public Outcome<List<SnapshotInfo>> list(Caller caller, DfsPath dir) {
    return checked(
        caller, Permission.READ, dir, () -> store.query(new NamespaceQuery.SnapshotsOf(dir)));
  }

  @Override
  public Outcome<List<SnapshotInfo>> listAll(Caller caller) {
    return store
        .query(new NamespaceQuery.AllSnapshots())
        .map(all -> all.stream().filter(s -> mayRead(caller, s.directory())).toList());
  }

  @Override
  public Outcome<List<DfsPath>> snapshottable(Caller caller) {
    return store
        .query(new NamespaceQuery.SnapshottableDirectories())
        .map(all -> all.stream().filter(d -> mayRead(caller, d)).toList());
  }

  @Override
  public Outcome<SnapshotManifest> manifest(Caller caller, long id) {
    return byId(caller, id, Permission.READ, s -> manifestOf(caller, s));
  }

  private Outcome<SnapshotManifest> manifestOf(Caller caller, SnapshotInfo snapshot) {
    Instant now = now();
    DfsPath root = snapshot.path();
    return store
        .query(new NamespaceQuery.FilesUnder(root))
        .map(
            files -> {
              List<SnapshotManifest.File> out = new ArrayList<>(files.size());
              for (FileChunks f : files) {
                DfsPath at = f.status().path();
                // Only what the caller could read through the snapshot's path.
                if (f.status().isDirectory() || !root.contains(at) || !mayRead(caller, at)) {
                  continue;
                }
                out.add(file(snapshot, at, f, now));
              }
              out.sort(Comparator.comparing(SnapshotManifest.File::path));
              return new SnapshotManifest(
                  snapshot, settings.defaultChunkSize(), settings.defaultReplication(), out);
            });
  }

  private SnapshotManifest.File file(SnapshotInfo snapshot, DfsPath at, FileChunks f, Instant now) {
    List<LocatedChunk> chunks = new ArrayList<>(f.chunks().size());
    for (IndexedChunk c : f.chunks()) {
      ChunkRef ref = c.chunk();
      chunks.add(
          new LocatedChunk(
              c.index(),
              ref.id(),
              ref.committedVersion(),
              ref.length(),
              cluster.readableReplicas(
                  ref.id(), ref.committedVersion(), now, settings.deadAfter())));
    }
    FileStatus s = f.status();
    return new SnapshotManifest.File(
        at.rebase(snapshot.path(), snapshot.directory()),
        at,
        s.length(),
        s.creationTime(),
        s.modificationTime(),
        s.inline(),
        chunks);
  }

  @Override
  public Outcome<List<SnapshotChange>> diff(Caller caller, DfsPath dir, String from, String to) {
    return checked(
        caller,
        Permission.READ,
        dir,
        () -> store.query(new NamespaceQuery.SnapshotDiff(dir, from, to)));
  }

  @Override
  public Outcome<FileStatus> restore(Caller caller, DfsPath snapshotPath, DfsPath target) {
    if (access.check(caller, Permission.READ, snapshotPath) instanceof Outcome.Rejected<Void> no) {
      return Outcome.rejected(no.error());
    }
    if (access.check(caller, Permission.WRITE, target) instanceof Outcome.Rejected<Void> no) {
      return Outcome.rejected(no.error());
    }
    Instant now = now();
    Outcome<Removed> restored =
        store.execute(new NamespaceCommand.RestoreSnapshot(snapshotPath, target, now), caller);
    if (restored instanceof Outcome.Rejected<Removed> refused) {
      return Outcome.rejected(refused.error());
    }
    // What the restore replaced at the target goes as an overwrite's chunks do.
    ((Outcome.Ok<Removed>) restored).value().chunks().forEach(c -> cluster.release(c, now));
    LOG.log(Level.DEBUG, "{0} restored {1} onto {2}", caller, snapshotPath, target);
    return store.query(new NamespaceQuery.Stat(target));
  }

  /** {@code then} when the caller holds {@code needed} on {@code path}, else the refusal. */
  private <T> Outcome<T> checked(
      Caller caller, Permission needed, DfsPath path, Supplier<Outcome<T>> then) {
    if (access.check(caller, needed, path) instanceof Outcome.Rejected<Void> denied) {
      return Outcome.rejected(denied.error());
    }
    return then.get();
  }

  /**
   * {@code then} on snapshot {@code id} when the caller holds {@code needed} on its directory. A
   * refusal names the snapshot's id, not its directory: the caller named only the id, and the
   * directory is what it may not see.
   */
  private <T> Outcome<T> byId(
      Caller caller, long id, Permission needed, Function<SnapshotInfo, Outcome<T>> then) {
    Outcome<SnapshotInfo> found = store.query(new NamespaceQuery.SnapshotById(id));
    if (!(found instanceof Outcome.Ok<SnapshotInfo> ok)) {
      return Outcome.rejected(((Outcome.Rejected<SnapshotInfo>) found).error());
    }
    SnapshotInfo s = ok.value();
    if (!access.check(caller, needed, s.directory()).isOk()) {
      return Outcome.rejected(
          ErrorCode.PERMISSION_DENIED,
          "permission denied: "
              + caller.principal().name()
              + " lacks '"
              + needed.label()
              + "' on the directory of snapshot "
              + id);
    }
    return then.apply(s);
  }

  private boolean mayRead(Caller caller, DfsPath path) {
    return access.check(caller, Permission.READ, path).isOk();
  }

  private Instant now() {
    return clock.instant();
  }
}
