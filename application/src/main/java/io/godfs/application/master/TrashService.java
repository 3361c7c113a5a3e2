package io.godfs.application.master;

import io.godfs.application.port.in.Deletion;
import io.godfs.application.port.in.ReservedPaths;
import io.godfs.application.port.in.TrashEntry;
import io.godfs.application.port.in.TrashPage;
import io.godfs.application.port.in.TrashUseCase;
import io.godfs.application.port.out.MetadataStore;
import io.godfs.application.shared.StagedNames;
import io.godfs.domain.access.Caller;
import io.godfs.domain.access.Permission;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.error.Outcome;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileStatus;
import io.godfs.domain.file.FileType;
import io.godfs.domain.file.Listing;
import io.godfs.domain.file.NamespaceCommand;
import io.godfs.domain.file.NamespaceQuery;
import io.godfs.domain.file.Removed;
import io.godfs.domain.file.SnapshotInfo;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The trash (ADR 0024): a delete moves the path into {@code /.trash/<entry>/} with two ordinary
 * namespace commands (make the entry with the original's parents, then rename the path into it), so
 * both metadata stores run it unchanged; listing walks the entries; a restore renames the path back
 * and removes the emptied entry. The trash's folder is reached only from here: every caller's own
 * call on it is refused ({@link Access}).
 */
final class TrashService implements TrashUseCase {
  private static final Logger LOG = System.getLogger(TrashService.class.getName());

  private final MetadataStore store;
  private final ClusterState cluster;
  private final InstantSource clock;
  private final MasterSettings settings;
  private final RandomGenerator random;
  private final Access access;
  private final TrashPurge purge;

  TrashService(
      MetadataStore store,
      ClusterState cluster,
      InstantSource clock,
      MasterSettings settings,
      RandomGenerator random,
      Access access,
      TrashPurge purge) {
    this.store = store;
    this.cluster = cluster;
    this.clock = clock;
    this.settings = settings;
    this.random = random;
    this.access = access;
    this.purge = purge;
  }

  /**
   * Whether a delete of {@code path} goes to the trash: the trash is on, the path is a user's
   * (goDFS's own working files, its reserved folder and uploads' staged files, go at once, as their
   * owners clean them up), and its place in the trash is not longer than a path may be.
   */
  boolean keeps(DfsPath path) {
    return settings.trashOn()
        && !path.isRoot()
        && !ReservedPaths.ROOT.contains(path)
        && !StagedNames.isStagedName(path.name())
        && TrashLayout.inEntry(TrashEntry.Id.of(clock.instant(), 0, depth(path)), path).isPresent();
  }

  /**
   * Moves {@code path} to a new entry, refusing what a delete refuses. The caller's permission was
   * checked. A crash between the two steps leaves an empty entry, which the purge removes.
   */
  Outcome<Deletion> moveToTrash(Caller caller, DfsPath path, boolean recursive) {
    if (!recursive && hasEntries(path)) {
      return Outcome.rejected(
          ErrorCode.NOT_EMPTY, "directory " + path + " is not empty (use recursive delete)");
    }
    // A directory with snapshots cannot be deleted (ADR 0025), so it does not go to the trash.
    for (SnapshotInfo s : store.query(new NamespaceQuery.AllSnapshots()).orThrow()) {
      if (path.contains(s.directory())) {
        return Outcome.rejected(
            ErrorCode.NOT_EMPTY,
            "cannot delete "
                + path
                + ": "
                + s.directory()
                + " has snapshots (delete them first: godfs snapshot ls "
                + s.directory()
                + ")");
      }
    }
    Instant now = clock.instant();
    TrashEntry.Id id = TrashEntry.Id.of(now, random.nextLong(), depth(path));
    DfsPath into = TrashLayout.inEntry(id, path).orElseThrow();
    Outcome<FileStatus> made =
        store.execute(new NamespaceCommand.Mkdir(into.parent(), true, now), caller);
    if (!(made instanceof Outcome.Ok<FileStatus> parent)) {
      return Outcome.rejected(((Outcome.Rejected<FileStatus>) made).error());
    }
    // A retried request gets its first attempt's answers, so the entry is the one that attempt
    // made.
    into = parent.value().path().child(path.name());
    TrashEntry.Id entry = TrashLayout.idOf(into).orElse(id);
    Outcome<Removed> moved =
        store.execute(new NamespaceCommand.Rename(path, into, false, now), caller);
    if (moved instanceof Outcome.Rejected<Removed> refused) {
      // Nothing went in: the empty entry goes now (or, should this fail too, with the purge).
      store.execute(new NamespaceCommand.Delete(TrashLayout.entry(entry), true, now), caller);
      return Outcome.rejected(refused.error());
    }
    Optional<FileStatus> status =
        store.query(new NamespaceQuery.Stat(into)) instanceof Outcome.Ok<FileStatus> ok
            ? Optional.of(ok.value())
            : Optional.empty();
    Instant deleted = entry.deletedAt();
    TrashEntry trashed =
        new TrashEntry(
            entry,
            path,
            status.map(FileStatus::type).orElse(FileType.FILE),
            status.filter(s -> !s.isDirectory()).map(FileStatus::length).orElse(0L),
            deleted,
            deleted.plus(settings.trashGrace()));
    purge.noteEntry(trashed.purgeAt());
    LOG.log(Level.DEBUG, "{0} moved {1} to the trash as {2}", caller, path, entry);
    return Outcome.ok(new Deletion.Trashed(trashed));
  }

  @Override
  public Outcome<TrashPage> list(Caller caller, String startAfter, int limit) {
    int wanted = limit == 0 ? DEFAULT_LIMIT : limit;
    if (wanted < 1 || wanted > MAX_LIMIT) {
      return Outcome.rejected(
          ErrorCode.INVALID_ARGUMENT,
          "limit : " + limit + " (expected: 1-" + MAX_LIMIT + ", or 0 for " + DEFAULT_LIMIT + ")");
    }
    Outcome<Listing> names =
        store.query(new NamespaceQuery.ListDirectory(ReservedPaths.TRASH, startAfter, wanted));
    if (!(names instanceof Outcome.Ok<Listing> listed)) {
      Outcome.Rejected<Listing> refused = (Outcome.Rejected<Listing>) names;
      return refused.error().code() == ErrorCode.NOT_FOUND
          ? Outcome.ok(TrashPage.EMPTY) // nothing was ever deleted into it
          : Outcome.rejected(refused.error());
    }
    List<TrashEntry> shown = new ArrayList<>();
    for (FileStatus name : listed.value().entries()) {
      TrashEntry.Id.parse(name.path().name())
          .flatMap(id -> TrashLayout.resolve(store, id, settings.trashGrace()))
          // Only what the caller could see where it was: the trash leaks no other path.
          .filter(e -> access.check(caller, Permission.READ, e.original()).isOk())
          .ifPresent(shown::add);
    }
    List<FileStatus> seen = listed.value().entries();
    return Outcome.ok(
        new TrashPage(
            shown,
            listed.value().hasMore() && !seen.isEmpty()
                ? Optional.of(seen.getLast().path().name())
                : Optional.empty()));
  }

  @Override
  public Outcome<FileStatus> restore(Caller caller, DfsPath path, Optional<TrashEntry.Id> wanted) {
    // Asked before the trash is looked at, so a refusal tells nothing of what it holds.
    if (access.check(caller, Permission.WRITE, path) instanceof Outcome.Rejected<Void> denied) {
      return Outcome.rejected(denied.error());
    }
    Optional<DfsPath> found = wanted.isPresent() ? inEntry(wanted.get(), path) : latest(path);
    if (found.isEmpty()) {
      return Outcome.rejected(
          ErrorCode.NOT_FOUND,
          "no deletion of "
              + path
              + wanted.map(id -> " as entry " + id).orElse("")
              + " is in the trash (purged, or never deleted)");
    }
    if (store.query(new NamespaceQuery.Stat(path)) instanceof Outcome.Ok<FileStatus>) {
      return Outcome.rejected(
          ErrorCode.ALREADY_EXISTS,
          "cannot restore " + path + ": it exists now (move or delete it first)");
    }
    Instant now = clock.instant();
    if (!path.parent().isRoot()
        && store.execute(new NamespaceCommand.Mkdir(path.parent(), true, now), caller)
            instanceof Outcome.Rejected<FileStatus> noParent) {
      return Outcome.rejected(noParent.error());
    }
    Outcome<Removed> back =
        store.execute(new NamespaceCommand.Rename(found.get(), path, false, now), caller);
    if (back instanceof Outcome.Rejected<Removed> refused) {
      return Outcome.rejected(refused.error());
    }
    TrashEntry.Id entry = TrashLayout.idOf(found.get()).orElseThrow();
    // The entry holds only the folders made for the original's parents now.
    if (store.execute(new NamespaceCommand.Delete(TrashLayout.entry(entry), true, now), caller)
        instanceof Outcome.Ok<Removed> emptied) {
      emptied.value().chunks().forEach(chunk -> cluster.release(chunk, now));
    }
    LOG.log(Level.DEBUG, "{0} restored {1} from trash entry {2}", caller, path, entry);
    return store.query(new NamespaceQuery.Stat(path));
  }

  /** Where {@code path} lies in entry {@code id}, if it is there. */
  private Optional<DfsPath> inEntry(TrashEntry.Id id, DfsPath path) {
    if (id.depth() != depth(path)) {
      return Optional.empty();
    }
    return TrashLayout.inEntry(id, path)
        .filter(at -> store.query(new NamespaceQuery.Stat(at)).isOk());
  }

  /**
   * Where the latest deletion of {@code path} lies: the entries of its depth, newest first, each
   * asked whether it holds that path (one query each, from the newest back).
   */
  private Optional<DfsPath> latest(DfsPath path) {
    int depth = depth(path);
    List<TrashEntry.Id> sameDepth = new ArrayList<>();
    String after = null;
    while (true) {
      if (!(store.query(
              new NamespaceQuery.ListDirectory(ReservedPaths.TRASH, after, Listing.MAX_LIMIT))
          instanceof Outcome.Ok<Listing> listed)) {
        break;
      }
      for (FileStatus name : listed.value().entries()) {
        TrashEntry.Id.parse(name.path().name())
            .filter(id -> id.depth() == depth)
            .ifPresent(sameDepth::add);
      }
      if (!listed.value().hasMore() || listed.value().entries().isEmpty()) {
        break;
      }
      after = listed.value().entries().getLast().path().name();
    }
    for (TrashEntry.Id id : sameDepth.reversed()) {
      Optional<DfsPath> at = inEntry(id, path);
      if (at.isPresent()) {
        return at;
      }
    }
    return Optional.empty();
  }

  /** Whether {@code path} is a directory with entries (a file lists as itself). */
  private boolean hasEntries(DfsPath path) {
    return store.query(new NamespaceQuery.ListDirectory(path, null, 1))
            instanceof Outcome.Ok<Listing> listed
        && listed.value().entries().stream().anyMatch(s -> !s.path().equals(path));
  }

  private static int depth(DfsPath path) {
    return path.segments().size();
  }
}
