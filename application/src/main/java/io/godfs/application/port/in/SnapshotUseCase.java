package io.godfs.application.port.in;

import io.godfs.domain.access.Caller;
import io.godfs.domain.error.Outcome;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileStatus;
import io.godfs.domain.file.SnapshotChange;
import io.godfs.domain.file.SnapshotInfo;
import java.util.List;
import java.util.Optional;

/**
 * Snapshots of directories (ADR 0025) as the master's callers reach them. A snapshot is read at
 * {@code <dir>/.snapshot/<name>} through the ordinary stat, list and locate calls; these are the
 * rest. Permissions: {@code admin} on the directory to allow or disallow snapshots of it; {@code
 * write} on it to create, delete or rename one (an administrator holds it everywhere); {@code read}
 * on it to list and diff; a restore needs {@code read} on the snapshot path and {@code write} on
 * the target. Refusals come back as {@link Outcome.Rejected}, naming the missing permission.
 */
public interface SnapshotUseCase {
  /** The reserved name under which a snapshottable directory's snapshots are read. */
  String DOT_SNAPSHOT = ".snapshot";

  /**
   * Where a restore of {@code snapshotPath} goes by default: the same path outside {@code
   * .snapshot} ({@code /d/.snapshot/s1/a/f} to {@code /d/a/f}, {@code /d/.snapshot/s1} to {@code
   * /d}). Empty when the path is not inside a snapshot.
   */
  static Optional<DfsPath> liveTarget(DfsPath snapshotPath) {
    List<String> segments = snapshotPath.segments();
    int at = segments.indexOf(DOT_SNAPSHOT);
    if (at < 0 || at + 1 >= segments.size()) {
      return Optional.empty();
    }
    DfsPath live = DfsPath.ROOT;
    for (int i = 0; i < segments.size(); i++) {
      if (i != at && i != at + 1) {
        live = live.child(segments.get(i));
      }
    }
    return Optional.of(live);
  }

  /** Lets snapshots of {@code dir} be taken; refused when it would nest in another such dir. */
  Outcome<FileStatus> allow(Caller caller, DfsPath dir);

  /** Undoes {@link #allow}; refused while {@code dir} has snapshots. */
  Outcome<FileStatus> disallow(Caller caller, DfsPath dir);

  /** Takes snapshot {@code name} of {@code dir} (the domain checks the name). */
  Outcome<SnapshotInfo> create(Caller caller, DfsPath dir, String name);

  /** Deletes snapshot {@code name} of {@code dir}; answers what it was. */
  Outcome<SnapshotInfo> delete(Caller caller, DfsPath dir, String name);

  /** Deletes the snapshot of id {@code id} (the seed's {@code DeleteSnapshot(id)}). */
  Outcome<SnapshotInfo> delete(Caller caller, long id);

  Outcome<SnapshotInfo> rename(Caller caller, DfsPath dir, String from, String to);

  /** The snapshots of {@code dir}, oldest first. */
  Outcome<List<SnapshotInfo>> list(Caller caller, DfsPath dir);

  /** Every snapshot whose directory the caller may read, by directory then age. */
  Outcome<List<SnapshotInfo>> listAll(Caller caller);

  /** The snapshottable directories the caller may read, by path. */
  Outcome<List<DfsPath>> snapshottable(Caller caller);

  /**
   * The seed's manifest of snapshot {@code id}: its files (only those the caller may read), sorted
   * by path, with their chunks and where the replicas are now.
   */
  Outcome<SnapshotManifest> manifest(Caller caller, long id);

  /** What changed under {@code dir} from snapshot {@code from} to {@code to} (null: to now). */
  Outcome<List<SnapshotChange>> diff(Caller caller, DfsPath dir, String from, String to);

  /**
   * Makes {@code target} what {@code snapshotPath} (a path under {@code <dir>/.snapshot/<name>})
   * was, holding the same chunks (no byte copied), replacing what is there. Answers the restored
   * status.
   */
  Outcome<FileStatus> restore(Caller caller, DfsPath snapshotPath, DfsPath target);
}
