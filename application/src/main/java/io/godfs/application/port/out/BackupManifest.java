package io.godfs.application.port.out;

import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileType;
import io.godfs.domain.file.InodeAttributes;
import io.godfs.domain.file.Xattrs;
import java.time.Instant;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What one backup (ADR 0027) holds: the namespace as it was at the snapshot the backup read, every
 * directory and file with paths as they were outside the snapshot, and for each file either its
 * inline bytes or the chunks (by their name in the backup's {@code chunks/} directory) that make it
 * up. A backup is complete exactly when its manifest exists.
 *
 * @param name the backup's name: the snapshot of {@code /} it was read from
 * @param snapshotId that snapshot's id, which the cluster never reuses
 * @param takenAt when that snapshot was taken (the backup's point in time)
 * @param source the tag of the cluster's incarnation its chunks came from: chunk ids are unique
 *     only within one (a cluster rebuilt by a restore, or an in-memory one restarted, counts from 1
 *     again), so chunk names start with it
 * @param chunkSize the cluster's default chunk size then
 * @param replication the cluster's default replication then
 * @param specials the FIFOs, devices and sockets (ADR 0028): restored as such, not as empty files
 * @param links the further names of inodes with several (hard links, ADR 0028): the first name the
 *     backup met of such an inode is its file, symbolic link or special entry, the others are here,
 *     so that a restore makes one inode with every name, as {@code rsync -aH} and {@code tar} do
 * @param xattrs the extended attributes of the inodes that have any, by path (ADR 0028); an inode
 *     with several names has them under its first name only
 */
public record BackupManifest(
    String name,
    long snapshotId,
    Instant takenAt,
    String source,
    long chunkSize,
    int replication,
    List<Directory> directories,
    List<File> files,
    List<Symlink> symlinks,
    List<Special> specials,
    List<HardLink> links,
    SortedMap<DfsPath, Xattrs> xattrs) {
  /** Names a backup may have: what a snapshot name may be, and safe as a local directory. */
  public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  /** A source tag: 16 lower-case hex digits, random per cluster incarnation. */
  public static final Pattern SOURCE = Pattern.compile("[0-9a-f]{16}");

  public BackupManifest {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(takenAt, "takenAt");
    Objects.requireNonNull(source, "source");
    if (!SOURCE.matcher(source).matches()) {
      throw new IllegalArgumentException("backup source tag " + source + " is not 16 hex digits");
    }
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "backup name " + name + " is not 1-128 letters, digits, '.', '_' or '-'");
    }
    directories = List.copyOf(directories);
    files = List.copyOf(files);
    symlinks = List.copyOf(symlinks);
    specials = List.copyOf(specials);
    links = List.copyOf(links);
    xattrs = Collections.unmodifiableSortedMap(new TreeMap<>(xattrs));
    refuseBadLinks(directories, files, symlinks, specials, links);
  }

  /** A manifest without hard links (format 1 to 4 manifests have none). */
  public BackupManifest(
      String name,
      long snapshotId,
      Instant takenAt,
      String source,
      long chunkSize,
      int replication,
      List<Directory> directories,
      List<File> files,
      List<Symlink> symlinks,
      List<Special> specials,
      SortedMap<DfsPath, Xattrs> xattrs) {
    this(
        name,
        snapshotId,
        takenAt,
        source,
        chunkSize,
        replication,
        directories,
        files,
        symlinks,
        specials,
        List.of(),
        xattrs);
  }

  /** A manifest without special files (format 1 to 3 manifests have none). */
  public BackupManifest(
      String name,
      long snapshotId,
      Instant takenAt,
      String source,
      long chunkSize,
      int replication,
      List<Directory> directories,
      List<File> files,
      List<Symlink> symlinks,
      SortedMap<DfsPath, Xattrs> xattrs) {
    this(
        name,
        snapshotId,
        takenAt,
        source,
        chunkSize,
        replication,
        directories,
        files,
        symlinks,
        List.of(),
        List.of(),
        xattrs);
  }

  /** A manifest without symbolic links (format 1 and 2 manifests have none). */
  public BackupManifest(
      String name,
      long snapshotId,
      Instant takenAt,
      String source,
      long chunkSize,
      int replication,
      List<Directory> directories,
      List<File> files) {
    this(
        name,
        snapshotId,
        takenAt,
        source,
        chunkSize,
        replication,
        directories,
        files,
        List.of(),
        List.of(),
        List.of(),
        new TreeMap<>());
  }

  /**
   * A restore links each further name to its first one after writing every file, so a link must
   * name an entry the manifest holds and a name no other entry has: found here, not hours into a
   * restore. Only a backup with links pays for it, its sets holding just the links' names.
   */
  private static void refuseBadLinks(
      List<Directory> directories,
      List<File> files,
      List<Symlink> symlinks,
      List<Special> specials,
      List<HardLink> links) {
    if (links.isEmpty()) {
      return;
    }
    Set<DfsPath> names = new HashSet<>();
    Set<DfsPath> missing = new HashSet<>();
    for (HardLink l : links) {
      if (!names.add(l.path())) {
        throw new IllegalArgumentException(l.path() + ": listed twice as a hard link");
      }
      missing.add(l.first());
    }
    Stream.of(
            directories.stream().map(Directory::path),
            files.stream().map(File::path),
            symlinks.stream().map(Symlink::path),
            specials.stream().map(Special::path))
        .flatMap(paths -> paths)
        .forEach(
            path -> {
              if (names.contains(path)) {
                throw new IllegalArgumentException(
                    path + ": both a hard link and an entry of its own");
              }
            });
    // Directories never have a second name: only the other kinds can be a link's first name.
    files.forEach(f -> missing.remove(f.path()));
    symlinks.forEach(l -> missing.remove(l.path()));
    specials.forEach(n -> missing.remove(n.path()));
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(
          "a hard link to "
              + missing.iterator().next()
              + ", which the backup holds no file, symbolic link or special file at");
    }
  }

  /**
   * Another name of an inode the backup holds at {@code first} (a file, symbolic link or special
   * file): restored by link(2), after that entry, its attributes and its extended attributes.
   */
  public record HardLink(DfsPath path, DfsPath first) {
    public HardLink {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(first, "first");
    }
  }

  /** A symbolic link (ADR 0028): restored as a link, not as a file holding its target. */
  public record Symlink(DfsPath path, String target, Instant modified, InodeAttributes attributes) {
    public Symlink {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(modified, "modified");
    }
  }

  /**
   * A FIFO, character or block device, or socket (ADR 0028): a name with attributes and no content,
   * remade by mknod. {@code device}: a device's number (dev_t), 0 for the other kinds.
   */
  public record Special(
      DfsPath path, FileType kind, long device, Instant modified, InodeAttributes attributes) {
    public Special {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(modified, "modified");
      if (!kind.isSpecial()) {
        throw new IllegalArgumentException(path + ": a " + kind + " is not a special file");
      }
      if (!kind.isDevice() && device != 0) {
        throw new IllegalArgumentException(
            path + ": device " + device + " for a " + kind + " (expected: 0)");
      }
    }
  }

  /**
   * Bytes of file data the backup describes (its files' lengths summed: a file with several names
   * counts once).
   */
  public long bytes() {
    return files.stream().mapToLong(File::length).sum();
  }

  /** Chunks the backup references, each counted once. */
  public long distinctChunks() {
    return files.stream()
        .flatMap(f -> f.chunks().stream())
        .map(BackupChunk::name)
        .distinct()
        .count();
  }

  /**
   * A directory, {@code /} included; {@code attributes}: its owner, group, mode, access and change
   * times (ADR 0028), null in a backup from before them.
   */
  public record Directory(
      DfsPath path, Instant created, Instant modified, InodeAttributes attributes) {
    public Directory(DfsPath path, Instant created, Instant modified) {
      this(path, created, modified, null);
    }

    public Directory {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(created, "created");
      Objects.requireNonNull(modified, "modified");
    }
  }

  /**
   * A file: {@code inline} holds the whole content of a file the master kept inline (then {@code
   * chunks} is empty); otherwise {@code chunks} lists its chunks by index, a missing index being a
   * hole of zeros. {@code attributes}: as for a directory.
   */
  public record File(
      DfsPath path,
      long length,
      Instant created,
      Instant modified,
      long chunkSize,
      int replication,
      byte[] inline,
      List<BackupChunk> chunks,
      InodeAttributes attributes) {
    /** A file from a backup from before attributes (ADR 0028). */
    public File(
        DfsPath path,
        long length,
        Instant created,
        Instant modified,
        long chunkSize,
        int replication,
        byte[] inline,
        List<BackupChunk> chunks) {
      this(path, length, created, modified, chunkSize, replication, inline, chunks, null);
    }

    public File {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(created, "created");
      Objects.requireNonNull(modified, "modified");
      chunks = List.copyOf(chunks);
      inline = inline == null ? null : inline.clone(); // a manifest does not change once made
      if (length < 0 || chunkSize <= 0) {
        throw new IllegalArgumentException(
            path + ": length " + length + ", chunk size " + chunkSize);
      }
      if (inline != null && !chunks.isEmpty()) {
        throw new IllegalArgumentException(path + ": a file is inline or in chunks, not both");
      }
      if (inline != null && inline.length != length) {
        throw new IllegalArgumentException(
            path + ": inline bytes " + inline.length + " for a length of " + length);
      }
    }
  }
}
