package io.godfs.application.client;

import io.godfs.application.port.in.BackupReport;
import io.godfs.application.port.in.FileSystemUseCase;
import io.godfs.application.port.in.ReservedPaths;
import io.godfs.application.port.in.SnapshotClient;
import io.godfs.application.port.in.SnapshotUseCase;
import io.godfs.application.port.out.BackupArchive;
import io.godfs.application.port.out.BackupManifest;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileId;
import io.godfs.domain.file.FileStatus;
import io.godfs.domain.file.Listing;
import io.godfs.domain.file.SnapshotInfo;
import io.godfs.domain.file.Xattrs;
import io.godfs.domain.node.ClusterInfo;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code godfs admin backup DEST} (ADR 0027): a consistent copy of the whole namespace while the
 * cluster serves. It takes a snapshot of {@code /} (the point in time: what it holds is frozen,
 * never rewritten nor collected), walks the snapshot's tree, copies each chunk the archive lacks
 * through the ordinary read path (every block's CRC32C checked, another replica tried on a bad one)
 * and records the manifest last. The snapshot is kept until the next backup into the same archive
 * completes: finding it then proves the cluster is the incarnation whose chunk names the archive
 * already holds, so only new chunks are copied. An inode with several names (hard links, ADR 0028)
 * is recorded once, under the first name met, and its other names as links to that one.
 */
public final class ClusterBackup {
  /** Snapshots of {@code /} taken by backups are named {@code backup-<UTC time>}. */
  public static final String SNAPSHOT_PREFIX = "backup-";

  private static final DateTimeFormatter NAME_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final int PAGE = 1000;

  private final FileSystemUseCase fs;
  private final Clock clock;
  private final int parallelism;

  /**
   * @param fs a client of the cluster as an administrator (it allows and takes snapshots of {@code
   *     /} and reads everything)
   * @param parallelism chunks copied at once
   */
  public ClusterBackup(FileSystemUseCase fs, Clock clock, int parallelism) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism " + parallelism + " (expected: >= 1)");
    }
    this.fs = fs;
    this.clock = clock;
    this.parallelism = parallelism;
  }

  /** Backs the cluster up into {@code archive}; answers what was copied and skipped. */
  public BackupReport backup(BackupArchive archive) throws IOException {
    Instant start = clock.instant();
    SnapshotClient snapshots = fs.snapshots();
    if (!snapshots.snapshottable().contains(DfsPath.ROOT)) {
      snapshots.allow(DfsPath.ROOT);
    }
    List<BackupManifest> earlier = new ArrayList<>();
    for (String name : archive.backups()) {
      earlier.add(archive.manifest(name));
    }
    List<SnapshotInfo> present = snapshots.list(DfsPath.ROOT);
    Optional<BackupManifest> previous = sameIncarnation(earlier, present);
    String source = previous.isPresent() ? previous.get().source() : archive.newSource();
    Map<String, String> stored = previous.isPresent() ? archive.storedChunks() : Map.of();
    SnapshotInfo snapshot =
        snapshots.create(DfsPath.ROOT, SNAPSHOT_PREFIX + NAME_TIME.format(clock.instant()));
    BackupManifest manifest;
    ChunkCopies copies = new ChunkCopies(fs, archive, source, stored, parallelism);
    try {
      manifest = walk(snapshot, source, copies);
      archive.storeManifest(manifest);
    } catch (IOException | RuntimeException e) {
      try {
        snapshots.delete(DfsPath.ROOT, snapshot.name());
      } catch (DfsException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    } finally {
      copies.close();
    }
    releaseEarlier(snapshots, earlier, present);
    return new BackupReport(
        manifest.name(),
        manifest.directories().size(),
        manifest.files().size(),
        manifest.bytes(),
        copies.copied(),
        copies.bytesCopied(),
        copies.skipped(),
        Duration.between(start, clock.instant()));
  }

  /**
   * The newest earlier backup whose snapshot is still on the cluster, same name, id and time: a
   * cluster that was rebuilt (or an in-memory one restarted) has no such snapshot, as snapshot ids
   * are never reused within one namespace.
   */
  static Optional<BackupManifest> sameIncarnation(
      List<BackupManifest> earlier, List<SnapshotInfo> present) {
    BackupManifest newest = null;
    for (BackupManifest m : earlier) {
      boolean alive =
          present.stream()
              .anyMatch(
                  s ->
                      s.name().equals(m.name())
                          && s.id() == m.snapshotId()
                          && s.created().equals(m.takenAt()));
      if (alive && (newest == null || m.takenAt().isAfter(newest.takenAt()))) {
        newest = m;
      }
    }
    return Optional.ofNullable(newest);
  }

  /**
   * Deletes the snapshots of this archive's earlier backups, now that a newer one is complete; the
   * chunks only they held are freed. Snapshots of other archives' backups are left alone.
   */
  private static void releaseEarlier(
      SnapshotClient snapshots, List<BackupManifest> earlier, List<SnapshotInfo> present) {
    for (BackupManifest m : earlier) {
      for (SnapshotInfo s : present) {
        if (s.name().equals(m.name()) && s.id() == m.snapshotId()) {
          snapshots.delete(DfsPath.ROOT, s.name());
        }
      }
    }
  }

  private BackupManifest walk(SnapshotInfo snapshot, String source, ChunkCopies copies)
      throws IOException {
    DfsPath top = snapshot.path();
    ClusterInfo cluster = fs.clusterInfo();
    List<BackupManifest.Directory> directories = new ArrayList<>();
    List<BackupManifest.Symlink> symlinks = new ArrayList<>();
    List<BackupManifest.Special> specials = new ArrayList<>();
    List<BackupManifest.HardLink> links = new ArrayList<>();
    Map<FileId, DfsPath> firstNames = new HashMap<>();
    TreeMap<DfsPath, Xattrs> xattrs = new TreeMap<>();
    FileStatus root = fs.stat(top);
    directories.add(
        new BackupManifest.Directory(
            DfsPath.ROOT, root.creationTime(), root.modificationTime(), root.attributes()));
    keepXattrs(DfsPath.ROOT, top, xattrs);
    Deque<DfsPath> pending = new ArrayDeque<>(List.of(DfsPath.ROOT));
    while (!pending.isEmpty()) {
      DfsPath dir = pending.pop();
      DfsPath inSnapshot = dir.rebase(DfsPath.ROOT, top);
      String after = "";
      Listing page;
      do {
        page = fs.list(inSnapshot, after, PAGE);
        for (FileStatus entry : page.entries()) {
          after = entry.path().name();
          DfsPath live = dir.child(after);
          if (skipped(live)) {
            continue;
          }
          DfsPath first = firstName(entry, live, firstNames);
          if (first != null) {
            // The same inode: its content, attributes and xattrs are recorded under the first.
            links.add(new BackupManifest.HardLink(live, first));
            continue;
          }
          keepXattrs(live, inSnapshot.child(after), xattrs);
          if (entry.isSymlink()) {
            symlinks.add(
                new BackupManifest.Symlink(
                    live,
                    fs.readlink(inSnapshot.child(after)),
                    entry.modificationTime(),
                    entry.attributes()));
          } else if (entry.isSpecial()) {
            // No content to copy: a FIFO read here would be an empty file once restored.
            specials.add(
                new BackupManifest.Special(
                    live,
                    entry.type(),
                    entry.attributes().device(),
                    entry.modificationTime(),
                    entry.attributes()));
          } else if (entry.isDirectory()) {
            directories.add(
                new BackupManifest.Directory(
                    live, entry.creationTime(), entry.modificationTime(), entry.attributes()));
            pending.push(live);
          } else {
            copies.add(live, inSnapshot.child(after), entry);
          }
        }
      } while (page.hasMore());
    }
    return new BackupManifest(
        snapshot.name(),
        snapshot.id(),
        snapshot.created(),
        source,
        cluster.defaultChunkSize(),
        cluster.defaultReplication(),
        directories,
        copies.files(),
        symlinks,
        specials,
        links,
        xattrs);
  }

  /**
   * The first name met of the inode {@code entry} names, when it has several and this is a later
   * one; else null, and {@code live} is now its first name if it has several. Only inodes with
   * several names are remembered, so files with one cost nothing. A snapshot shows an inode's id
   * and its live link count (ADR 0028): a name added since the snapshot costs a useless entry, and
   * a name removed while the walk runs can leave a file with two names in the snapshot showing one,
   * which then comes back as two files (the bytes still copied once, as chunks go by id).
   */
  private static DfsPath firstName(
      FileStatus entry, DfsPath live, Map<FileId, DfsPath> firstNames) {
    if (entry.isDirectory() || entry.links() < 2 || entry.fileId() == null) {
      return null;
    }
    return firstNames.putIfAbsent(entry.fileId(), live);
  }

  /**
   * Records the extended attributes of {@code live}, read at {@code inSnapshot}: one call per
   * inode, as a status does not tell whether an inode has any.
   */
  private void keepXattrs(DfsPath live, DfsPath inSnapshot, TreeMap<DfsPath, Xattrs> xattrs) {
    Xattrs found = fs.xattrs(inSnapshot);
    if (!found.isEmpty()) {
      xattrs.put(live, found);
    }
  }

  /** The trash (what users deleted) and snapshot trees below directories are not backed up. */
  private static boolean skipped(DfsPath live) {
    return live.equals(ReservedPaths.TRASH) || live.name().equals(SnapshotUseCase.DOT_SNAPSHOT);
  }
}
