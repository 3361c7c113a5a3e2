package io.godfs.application.client;

import io.godfs.application.port.in.DfsOutput;
import io.godfs.application.port.in.FileSystemUseCase;
import io.godfs.application.port.in.ReservedPaths;
import io.godfs.application.port.in.RestoreReport;
import io.godfs.application.port.out.BackupArchive;
import io.godfs.application.port.out.BackupChunk;
import io.godfs.application.port.out.BackupManifest;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.file.AttributeChange;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileStatus;
import io.godfs.domain.file.InodeAttributes;
import io.godfs.domain.file.Ownership;
import io.godfs.domain.file.XattrMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code godfs admin restore SRC} (ADR 0027): rebuilds an empty cluster from a backup. It checks
 * first that the namespace is empty and that every chunk the backup lists is in the archive, then
 * makes the directories and writes every file through the ordinary write path (new chunk ids, the
 * cluster's own replication), each chunk's bytes checked against the SHA-256 the backup recorded as
 * they stream: a file whose chunk does not match is deleted and the restore fails naming it.
 * Symbolic links and special files (ADR 0028) are remade as such, never as files, and the further
 * names of an inode with several (hard links) as names of the one inode restored.
 */
public final class ClusterRestore {
  private static final int BUFFER = 1 << 20;

  private final FileSystemUseCase fs;
  private final Clock clock;
  private final int parallelism;

  /**
   * @param fs a client of the (empty) cluster as an administrator
   * @param clock times the run for the report
   * @param parallelism files written at once
   */
  public ClusterRestore(FileSystemUseCase fs, Clock clock, int parallelism) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism " + parallelism + " (expected: >= 1)");
    }
    this.fs = fs;
    this.clock = clock;
    this.parallelism = parallelism;
  }

  /** Restores backup {@code name} of {@code archive} (null: its newest). */
  public RestoreReport restore(BackupArchive archive, String name) throws IOException {
    Instant start = clock.instant();
    BackupManifest manifest = archive.manifest(name != null ? name : newest(archive));
    refuseNonEmpty();
    refuseMissingChunks(archive, manifest);
    List<BackupManifest.Directory> dirs = new ArrayList<>(manifest.directories());
    dirs.sort(Comparator.comparing(BackupManifest.Directory::path));
    for (BackupManifest.Directory d : dirs) {
      if (!d.path().isRoot()) {
        fs.mkdir(d.path(), true);
      }
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(parallelism, Thread.ofPlatform().daemon().factory());
    try {
      List<Future<?>> writes = new ArrayList<>();
      for (BackupManifest.File f : manifest.files()) {
        writes.add(
            pool.submit(
                () -> {
                  write(archive, f);
                  return null;
                }));
      }
      for (int i = 0; i < writes.size(); i++) {
        await(writes.get(i), manifest.files().get(i).path());
      }
    } finally {
      pool.shutdownNow();
    }
    for (BackupManifest.Symlink l : manifest.symlinks()) {
      InodeAttributes a = l.attributes();
      fs.symlink(
          l.path(), l.target(), a == null ? null : new Ownership(a.owner(), a.group(), 0777));
      setAttributes(l.path(), l.modified(), a);
    }
    for (BackupManifest.Special n : manifest.specials()) {
      InodeAttributes a = n.attributes();
      fs.makeNode(
          n.path(),
          n.kind(),
          n.device(),
          a == null ? null : new Ownership(a.owner(), a.group(), a.mode()));
      setAttributes(n.path(), n.modified(), a);
    }
    manifest
        .xattrs()
        .forEach(
            (path, values) ->
                values.asMap().forEach((n, v) -> fs.setXattr(path, n, v, XattrMode.CREATE)));
    // After the inodes have their content, attributes and xattrs, so each new name shows them:
    // link(2) moves the inode's ctime alone (never set by a restore) and keeps its mtime. Before
    // the directories' times, which a new name in them changes.
    for (BackupManifest.HardLink l : manifest.links()) {
      fs.link(l.first(), l.path());
    }
    // Last, deepest first: writing into a directory changes its times.
    for (int i = dirs.size() - 1; i >= 0; i--) {
      BackupManifest.Directory d = dirs.get(i);
      setAttributes(d.path(), d.modified(), d.attributes());
    }
    return new RestoreReport(
        manifest.name(),
        dirs.size() - 1,
        manifest.files().size(),
        manifest.bytes(),
        Duration.between(start, clock.instant()));
  }

  private static String newest(BackupArchive archive) throws IOException {
    List<String> names = archive.backups();
    if (names.isEmpty()) {
      throw new IOException("no complete backup in " + archive.describe());
    }
    return names.get(names.size() - 1);
  }

  /** A restore builds a namespace; it never merges into one (an empty trash is no content). */
  private void refuseNonEmpty() {
    List<String> found = new ArrayList<>();
    for (FileStatus entry : fs.list(DfsPath.ROOT, "", 6).entries()) {
      boolean emptyTrash =
          entry.path().equals(ReservedPaths.TRASH)
              && fs.list(ReservedPaths.TRASH, "", 1).entries().isEmpty();
      if (!emptyTrash) {
        found.add(entry.path().toString());
      }
    }
    if (!found.isEmpty()) {
      throw new DfsException(
          ErrorCode.NOT_EMPTY,
          "the cluster is not empty (/ holds "
              + String.join(", ", found.subList(0, Math.min(5, found.size())))
              + (found.size() > 5 ? ", ..." : "")
              + "): a restore rebuilds an empty cluster and never merges into one");
    }
  }

  private static void refuseMissingChunks(BackupArchive archive, BackupManifest manifest)
      throws IOException {
    Set<String> missing = new LinkedHashSet<>();
    for (BackupManifest.File f : manifest.files()) {
      for (BackupChunk c : f.chunks()) {
        if (!missing.contains(c.name()) && !archive.hasChunk(c.name(), c.length())) {
          missing.add(c.name());
        }
      }
    }
    if (!missing.isEmpty()) {
      throw new IOException(
          "backup "
              + manifest.name()
              + " in "
              + archive.describe()
              + " lacks "
              + missing.size()
              + " chunk(s) or has them cut short: "
              + String.join(", ", missing.stream().limit(5).toList())
              + (missing.size() > 5 ? ", ..." : ""));
    }
  }

  /**
   * Gives {@code path} the owner, group, mode and times it had (ADR 0028); a backup from before
   * attributes restores the modification time alone. The change and birth times are the restore's:
   * no call sets them, as on any file system.
   */
  private void setAttributes(DfsPath path, Instant modified, InodeAttributes a) {
    AttributeChange change =
        a == null
            ? AttributeChange.times(
                AttributeChange.TimeChange.KEEP, new AttributeChange.At(modified))
            : new AttributeChange(
                OptionalInt.of(a.owner()),
                OptionalInt.of(a.group()),
                OptionalInt.of(a.mode()),
                new AttributeChange.At(a.accessed()),
                new AttributeChange.At(modified));
    fs.setAttributes(path, change);
  }

  private void write(BackupArchive archive, BackupManifest.File f) throws IOException {
    writeContent(archive, f);
    setAttributes(f.path(), f.modified(), f.attributes());
  }

  private void writeContent(BackupArchive archive, BackupManifest.File f) throws IOException {
    if (f.inline() != null && f.inline().length <= fs.smallFileLimit()) {
      fs.writeSmallFile(f.path(), f.inline(), false);
      return;
    }
    try (DfsOutput out = fs.create(f.path(), false)) {
      if (f.inline() != null) {
        out.write(f.inline());
        return;
      }
      long position = 0;
      for (BackupChunk c : f.chunks()) {
        long offset = (long) c.index() * f.chunkSize();
        zeros(out, offset - position); // a hole in the original
        copyChecked(archive, c, out, f.path());
        position = offset + c.length();
      }
      zeros(out, f.length() - position);
    } catch (IOException | RuntimeException e) {
      try {
        fs.delete(f.path(), false); // never leave a file that is not what was backed up
      } catch (DfsException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
  }

  private static void copyChecked(
      BackupArchive archive, BackupChunk c, OutputStream out, DfsPath file) throws IOException {
    MessageDigest sha = sha256();
    long copied = 0;
    try (InputStream in = new DigestInputStream(archive.openChunk(c.name()), sha)) {
      byte[] buf = new byte[(int) Math.min(BUFFER, Math.max(1, c.length()))];
      while (copied < c.length()) {
        int n = in.read(buf, 0, (int) Math.min(buf.length, c.length() - copied));
        if (n < 0) {
          break;
        }
        out.write(buf, 0, n);
        copied += n;
      }
    }
    String found = HexFormat.of().formatHex(sha.digest());
    if (copied != c.length() || !found.equals(c.sha256())) {
      throw new IOException(
          "chunk "
              + c.name()
              + " of "
              + file
              + " in the backup is damaged: "
              + copied
              + " of "
              + c.length()
              + " bytes, SHA-256 "
              + found
              + " where the backup recorded "
              + c.sha256());
    }
  }

  private static void zeros(OutputStream out, long count) throws IOException {
    byte[] zero = new byte[(int) Math.min(BUFFER, Math.max(0, count))];
    for (long left = count; left > 0; left -= zero.length) {
      out.write(zero, 0, (int) Math.min(zero.length, left));
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static void await(Future<?> write, DfsPath file) throws IOException {
    try {
      write.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("restore interrupted");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof DfsException d) {
        throw d;
      }
      throw new IOException("restoring " + file + ": " + cause.getMessage(), cause);
    }
  }
}
