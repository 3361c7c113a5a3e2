package io.godfs.domain.file;

import static io.godfs.domain.error.ErrorCode.ALREADY_EXISTS;
import static io.godfs.domain.error.ErrorCode.BUSY;
import static io.godfs.domain.error.ErrorCode.CONFLICT;
import static io.godfs.domain.error.ErrorCode.INVALID_ARGUMENT;
import static io.godfs.domain.error.ErrorCode.NOT_FOUND;

import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.error.Outcome;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * HDFS-style snapshots (ADR 0025): an admin makes a directory snapshottable; a snapshot of it is
 * taken in O(1) by recording an id; from then on the first change of each inode under it records
 * the inode's state for that snapshot ({@link InodeDiffs}), so the snapshot reads as the tree was
 * and costs memory only for what changed since. Chunks a snapshot reads are held ({@link
 * ChunkHolds}): never collected, and copied before any write.
 */
final class Snapshots {
  /** The reserved name under which a snapshottable directory shows its snapshots. */
  static final String DOT_SNAPSHOT = ".snapshot";

  /** Longest snapshot name, as a path segment. */
  static final int MAX_NAME_LENGTH = DfsPath.MAX_SEGMENT_BYTES;

  private final FileIndex files;
  private final FileLeases leases;
  private final InodeReleases releases;
  private final ChunkDeletionQueue deletions;

  /** Every snapshot of every directory, by id; ids are never reused. */
  private final TreeMap<Long, SnapshotRoot.Snapshot> all = new TreeMap<>();

  private final Map<Long, DirectoryInode> rootOf = new TreeMap<>();

  /** Snapshottable directories, live ones only (a deleted one has no snapshots). */
  private final Set<DirectoryInode> roots = Collections.newSetFromMap(new IdentityHashMap<>());

  private long nextSnapshotId = 1;

  Snapshots(
      FileIndex files, FileLeases leases, InodeReleases releases, ChunkDeletionQueue deletions) {
    this.files = files;
    this.leases = leases;
    this.releases = releases;
    this.deletions = deletions;
  }

  long nextSnapshotId() {
    return nextSnapshotId;
  }

  void restoreNextSnapshotId(long next) {
    nextSnapshotId = next;
  }

  /** A snapshottable directory read from an image, with its snapshots. */
  void restoreRoot(DirectoryInode dir, List<SnapshotImage.Snapshot> list) {
    dir.snapshots = new SnapshotRoot();
    roots.add(dir);
    for (SnapshotImage.Snapshot s : list) {
      SnapshotRoot.Snapshot snapshot =
          new SnapshotRoot.Snapshot(s.id(), s.name(), s.created(), s.firstLaterInode());
      dir.snapshots.add(snapshot);
      all.put(s.id(), snapshot);
      rootOf.put(s.id(), dir);
    }
  }

  boolean any() {
    return !all.isEmpty();
  }

  int count() {
    return all.size();
  }

  Set<DirectoryInode> roots() {
    return roots;
  }

  // ---------------------------------------------------------------- administration

  Outcome<FileStatus> allow(DirectoryInode dir, DfsPath path) {
    if (dir.snapshots != null) {
      return Outcome.ok(dir.status(path));
    }
    dir.snapshots = new SnapshotRoot();
    roots.add(dir);
    return Outcome.ok(dir.status(path));
  }

  Outcome<FileStatus> disallow(DirectoryInode dir, DfsPath path) {
    if (dir.snapshots == null) {
      return Outcome.ok(dir.status(path));
    }
    if (!dir.snapshots.byId.isEmpty()) {
      return Outcome.rejected(
          CONFLICT, path + " has " + dir.snapshots.byId.size() + " snapshots: delete them first");
    }
    dir.snapshots = null;
    roots.remove(dir);
    return Outcome.ok(dir.status(path));
  }

  Outcome<SnapshotInfo> create(
      DirectoryInode dir, DfsPath path, String name, long nextInodeId, Instant now) {
    Outcome<SnapshotRoot> root = root(dir, path);
    if (!(root instanceof Outcome.Ok<SnapshotRoot> ok)) {
      return Outcome.rejected(((Outcome.Rejected<SnapshotRoot>) root).error());
    }
    String bad = nameProblem(name);
    if (bad != null) {
      return Outcome.rejected(INVALID_ARGUMENT, "snapshot name " + DfsPath.escaped(name) + bad);
    }
    if (ok.value().byName.containsKey(name)) {
      return Outcome.rejected(
          ALREADY_EXISTS, "snapshot " + name + " of " + path + " already exists");
    }
    String writing = rewriteInFlight(dir);
    if (writing != null) {
      return Outcome.rejected(
          BUSY,
          "cannot snapshot "
              + path
              + " while "
              + writing
              + " is rewriting a chunk it already had (try again when that write ends)");
    }
    SnapshotRoot.Snapshot s = new SnapshotRoot.Snapshot(nextSnapshotId++, name, now, nextInodeId);
    ok.value().add(s);
    all.put(s.id(), s);
    rootOf.put(s.id(), dir);
    return Outcome.ok(new SnapshotInfo(path, name, s.id(), now));
  }

  Outcome<SnapshotInfo> rename(DirectoryInode dir, DfsPath path, String from, String to) {
    return snapshot(dir, path, from)
        .flatMap(
            s -> {
              String bad = nameProblem(to);
              if (bad != null) {
                return Outcome.rejected(
                    INVALID_ARGUMENT, "snapshot name " + DfsPath.escaped(to) + bad);
              }
              if (!from.equals(to) && dir.snapshots.byName.containsKey(to)) {
                return Outcome.rejected(
                    ALREADY_EXISTS, "snapshot " + to + " of " + path + " already exists");
              }
              SnapshotRoot.Snapshot renamed =
                  new SnapshotRoot.Snapshot(s.id(), to, s.created(), s.firstLaterInode());
              dir.snapshots.remove(s);
              dir.snapshots.add(renamed);
              all.put(s.id(), renamed);
              return Outcome.ok(new SnapshotInfo(path, to, s.id(), s.created()));
            });
  }

  /**
   * Deletes a snapshot. Each inode's diff for it is relabelled to the next older snapshot that may
   * read it, merged into the older diff of a directory, or dropped; what only it held is freed.
   * O(the directory's tree and what its diffs keep).
   */
  Outcome<Removed> delete(DirectoryInode dir, DfsPath path, String name, Instant now) {
    return snapshot(dir, path, name)
        .map(
            s -> {
              dir.snapshots.remove(s);
              all.remove(s.id());
              rootOf.remove(s.id());
              List<ChunkId> released = new SnapshotDeletion(this, releases).run(dir, s.id());
              deletions.enqueue(released, now);
              return new Removed(0, released);
            });
  }

  List<SnapshotInfo> list(DirectoryInode dir, DfsPath path) {
    if (dir.snapshots == null) {
      return List.of();
    }
    List<SnapshotInfo> out = new ArrayList<>();
    for (SnapshotRoot.Snapshot s : dir.snapshots.byId.values()) {
      out.add(new SnapshotInfo(path, s.name(), s.id(), s.created()));
    }
    return out;
  }

  /** The snapshot with this id and the directory it belongs to, if it exists. */
  SnapshotRoot.Snapshot byId(long id) {
    return all.get(id);
  }

  DirectoryInode rootOf(long id) {
    return rootOf.get(id);
  }

  /** The newest existing snapshot id below {@code id}, or null. */
  Long lowerId(long id) {
    return all.lowerKey(id);
  }

  Outcome<SnapshotRoot.Snapshot> snapshot(DirectoryInode dir, DfsPath path, String name) {
    return root(dir, path)
        .flatMap(
            root -> {
              SnapshotRoot.Snapshot s = root.byName.get(name);
              return s == null
                  ? Outcome.rejected(
                      NOT_FOUND,
                      "snapshot " + DfsPath.escaped(name) + " of " + path + " does not exist")
                  : Outcome.ok(s);
            });
  }

  /**
   * Whether {@code inode} is, or holds, a snapshottable directory that has snapshots: deleting it
   * would lose them.
   */
  DirectoryInode holdsSnapshots(Inode inode) {
    for (DirectoryInode root : roots) {
      if (!root.snapshots.byId.isEmpty() && (root == inode || isAncestor(inode, root))) {
        return root;
      }
    }
    return null;
  }

  /** A snapshottable directory at or under {@code inode}, or null. */
  DirectoryInode rootAtOrUnder(Inode inode) {
    for (DirectoryInode root : roots) {
      if (root == inode || isAncestor(inode, root)) {
        return root;
      }
    }
    return null;
  }

  /** A snapshottable directory at or above {@code inode}, or null. */
  DirectoryInode rootAtOrAbove(Inode inode) {
    for (Inode a = inode; a != null; a = a.parent) {
      if (a instanceof DirectoryInode d && d.snapshots != null) {
        return d;
      }
    }
    return null;
  }

  /** A snapshottable directory was freed or retired with its tree (it had no snapshots). */
  void forgetRoot(DirectoryInode dir) {
    roots.remove(dir);
  }

  // ---------------------------------------------------------------- recording changes

  /** Records the file's state for the newest snapshot that sees it, before it changes. */
  void beforeChange(FileInode file) {
    long at = diffNeeded(file);
    if (at == 0) {
      return;
    }
    TreeMap<Integer, ChunkRef> chunks = new TreeMap<>();
    file.chunks.forEach(
        (index, ref) -> {
          if (ref.length() > 0) {
            ChunkRef kept = ChunkHolds.committed(ref);
            chunks.put(index, kept);
            files.holds.hold(kept, index, file);
          }
        });
    diffs(file)
        .diffs
        .add(
            new FileDiff(
                at,
                file.modificationTime,
                file.length,
                chunks,
                file.inline,
                file.attributes(),
                file.xattrs));
  }

  /**
   * Records the inode's state for the newest snapshot that sees it, before its attributes change.
   */
  void beforeAttributeChange(Inode inode) {
    if (inode instanceof FileInode file) {
      beforeChange(file);
    } else {
      directoryDiff((DirectoryInode) inode);
    }
  }

  /**
   * Records that entry {@code name} of {@code dir} changes from {@code before} (null: none) to
   * something else, before it does.
   */
  void beforeChildChange(DirectoryInode dir, String name, Inode before) {
    DirectoryDiff diff = directoryDiff(dir);
    if (diff == null || diff.removed.containsKey(name)) {
      return;
    }
    if (diff.created.contains(name)) {
      return; // not there at the snapshot: nothing to keep
    }
    if (before == null) {
      diff.created.add(name);
    } else {
      diff.removed.put(name, before);
      before.links++;
    }
  }

  /**
   * {@code moving} went from the snapshottable tree {@code from} to {@code to} (either may be
   * null); {@code seenBy} is the newest snapshot that saw it before. A move into another tree marks
   * when it entered; every move pins the newest snapshot that saw it where it was, since from the
   * new place its ancestors may not lead back to it (another tree, or a directory that entered
   * later).
   */
  void moved(Inode moving, DirectoryInode from, DirectoryInode to, List<Pin> seenBy) {
    InodeDiffs d = diffs(moving);
    if (from != to) {
      d.entered = to == null ? 0 : nextSnapshotId;
    }
    for (Pin p : seenBy) {
      if (d.pins == null) {
        d.pins = new TreeMap<>();
      }
      d.pins.merge(p.id(), p.enteredBelow(), Math::min);
    }
    if (d.isEmpty()) {
      moving.diffs = null;
    }
  }

  /**
   * The newest existing snapshot that sees {@code inode} (0: none): its tree's newest, unless the
   * inode (or a directory it is in) moved in after it, and the pins that still see it.
   */
  long latest(Inode inode) {
    if (all.isEmpty()) {
      return 0;
    }
    long latest = 0;
    for (Pin p : seers(inode)) {
      latest = Math.max(latest, p.id());
    }
    return latest;
  }

  /**
   * The newest snapshot of each tree that sees {@code inode}: of every snapshottable directory
   * above it (unless the inode, or a directory between, moved in after it), and its pins.
   */
  List<Pin> seers(Inode inode) {
    List<Pin> out = new ArrayList<>();
    if (all.isEmpty()) {
      return out;
    }
    if (inode instanceof FileInode file && file.nlink > 1) {
      return everyTree(file);
    }
    long entered = 0;
    for (Inode a = inode; a != null; a = a.parent) {
      if (a instanceof DirectoryInode d && d.snapshots != null) {
        long newest = d.snapshots.latestId();
        if (newest > 0 && newest >= entered) {
          out.add(new Pin(newest, entered));
        }
      }
      if (a.diffs != null) {
        entered = Math.max(entered, a.diffs.entered);
      }
    }
    out.addAll(pinsSeeing(inode));
    return out;
  }

  /**
   * The seers of a file with several names (ADR 0028): conservatively, the newest snapshot of every
   * tree, as if each saw it since before it was made. Walking each name's chain would miss the
   * snapshots that saw it through a name that went, or through a directory that moved in later;
   * recording a diff for a snapshot that does not see the file costs only the chunks it holds.
   */
  private List<Pin> everyTree(FileInode file) {
    List<Pin> out = new ArrayList<>();
    for (DirectoryInode root : roots) {
      long newest = root.snapshots.latestId();
      if (newest > 0) {
        out.add(new Pin(newest, 0));
      }
    }
    out.addAll(pinsSeeing(file));
    return out;
  }

  /**
   * A file that keeps a live name lost another (ADR 0028): every snapshot that saw it before
   * ({@code seenBy}) is pinned, as a move pins them, since the remaining names may not lead back to
   * them. When it entered its tree no longer says anything (that was one name's story), so it is
   * forgotten: older snapshots then count as seers, which only records more.
   */
  void namesDropped(FileInode file, List<Pin> seenBy) {
    InodeDiffs d = diffs(file);
    d.entered = 0;
    for (Pin p : seenBy) {
      if (d.pins == null) {
        d.pins = new TreeMap<>();
      }
      d.pins.merge(p.id(), p.enteredBelow(), Math::min);
    }
    if (d.isEmpty()) {
      file.diffs = null;
    }
  }

  /**
   * A snapshot that saw {@code inode} in a tree it, or a directory above it, moved out of; {@code
   * enteredBelow}: when something between them moved in (older snapshots of that tree missed it).
   */
  record Pin(long id, long enteredBelow) {}

  /** The pins of the inode and of the directories above it that saw it, existing ones only. */
  List<Pin> pinsSeeing(Inode inode) {
    List<Pin> out = new ArrayList<>();
    long entered = 0;
    for (Inode a = inode; a != null; a = a.parent) {
      if (a.diffs == null) {
        continue;
      }
      if (a.diffs.pins != null) {
        for (var p : a.diffs.pins.entrySet()) {
          if (p.getKey() >= entered && all.containsKey(p.getKey())) {
            out.add(new Pin(p.getKey(), Math.max(entered, p.getValue())));
          }
        }
      }
      entered = Math.max(entered, a.diffs.entered);
    }
    return out;
  }

  private DirectoryDiff directoryDiff(DirectoryInode dir) {
    long latest = latest(dir);
    if (latest == 0 || dir.id >= all.get(latest).firstLaterInode()) {
      return null;
    }
    InodeDiffs d = diffs(dir);
    if (d.lastId() >= latest) {
      return (DirectoryDiff) d.last();
    }
    DirectoryDiff diff =
        new DirectoryDiff(latest, dir.modificationTime, dir.attributes(), dir.xattrs);
    d.diffs.add(diff);
    return diff;
  }

  /** The snapshot id a diff must be recorded for before {@code inode} changes, or 0. */
  private long diffNeeded(Inode inode) {
    long latest = latest(inode);
    if (latest == 0 || inode.id >= all.get(latest).firstLaterInode()) {
      return 0;
    }
    return inode.diffs != null && inode.diffs.lastId() >= latest ? 0 : latest;
  }

  private static InodeDiffs diffs(Inode inode) {
    if (inode.diffs == null) {
      inode.diffs = new InodeDiffs();
    }
    return inode.diffs;
  }

  // ---------------------------------------------------------------- helpers

  private static Outcome<SnapshotRoot> root(DirectoryInode dir, DfsPath path) {
    return dir.snapshots == null
        ? Outcome.rejected(
            CONFLICT,
            path
                + " is not snapshottable (an admin makes it so: godfs snapshot allow "
                + path
                + ")")
        : Outcome.ok(dir.snapshots);
  }

  static String nameProblem(String name) {
    if (name == null || name.isEmpty()) {
      return " : empty (expected: 1-" + MAX_NAME_LENGTH + " characters)";
    }
    if (name.equals(".") || name.equals("..") || name.equals(DOT_SNAPSHOT)) {
      return " : reserved";
    }
    if (name.contains("/")
        || name.contains("\\")
        || name.codePoints().anyMatch(DfsPath::isUnsafe)) {
      return " : has a slash, a backslash or a control character";
    }
    if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_LENGTH) {
      return " : too long (expected: at most " + MAX_NAME_LENGTH + " bytes)";
    }
    return null;
  }

  /** A file under {@code dir} whose write into an existing chunk is in flight, or null. */
  private String rewriteInFlight(DirectoryInode dir) {
    for (FileInode file : leases.heldFiles()) {
      for (ChunkRef ref : file.chunks.values()) {
        if (ref.length() > 0
            && ref.grantedVersion().compareTo(ref.committedVersion()) > 0
            && file.nameDirs().stream().anyMatch(d -> d == dir || isAncestor(dir, d))) {
          return file.path().toString();
        }
      }
    }
    return null;
  }

  static boolean isAncestor(Inode ancestor, Inode inode) {
    for (Inode a = inode.parent; a != null; a = a.parent) {
      if (a == ancestor) {
        return true;
      }
    }
    return false;
  }
}
