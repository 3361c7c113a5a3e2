package io.godfs.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.godfs.adapters.backup.DirectoryBackupArchive;
import io.godfs.adapters.identity.ApiKeyFile;
import io.godfs.application.client.ClusterBackup;
import io.godfs.application.port.in.BackupReport;
import io.godfs.application.port.in.DfsOutput;
import io.godfs.application.port.in.SeekableInput;
import io.godfs.application.port.out.BackupArchive;
import io.godfs.application.port.out.BackupManifest;
import io.godfs.client.GodfsClient;
import io.godfs.domain.access.Principal;
import io.godfs.domain.access.Role;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileStatus;
import io.godfs.domain.file.FileType;
import io.godfs.domain.file.InodeAttributes;
import io.godfs.domain.file.Ownership;
import io.godfs.domain.file.SnapshotInfo;
import io.godfs.domain.file.XattrMode;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code godfs admin backup} and {@code restore} (ADR 0027) on real secured {@code godfs dev}
 * clusters (in-memory masters, 3 chunkservers, 1 MiB chunks): a backup taken while files change is
 * the tree of its moment; a second backup copies only the new chunks; a fresh cluster restored from
 * either backup has every file byte-identical; a cluster whose chunk ids start again (a new
 * incarnation) never has its chunks taken for an earlier one's; a restore into a cluster that holds
 * files, and one from a damaged chunk, are refused with the reason.
 */
class BackupIT {
  static final int MIB = 1 << 20;

  /** /dev/null's device number, makedev(1, 3). */
  static final long NULL_DEVICE = (1L << 8) | 3;

  @TempDir Path dir;

  /** path -> content, for every file of a tree. */
  static Map<String, byte[]> tree(GodfsClient client) throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    List<DfsPath> pending = new ArrayList<>(List.of(DfsPath.ROOT));
    while (!pending.isEmpty()) {
      DfsPath d = pending.remove(pending.size() - 1);
      for (FileStatus s : client.list(d, "", 10_000).entries()) {
        if (s.path().equals(DfsPath.of("/.trash"))) {
          continue;
        }
        if (s.isDirectory()) {
          files.put(s.path() + "/", new byte[0]);
          pending.add(s.path());
        } else if (s.isSpecial()) {
          files.put(s.path().toString(), new byte[0]); // no content: never opened
        } else {
          try (SeekableInput in = client.open(s.path())) {
            files.put(s.path().toString(), in.readAllBytes());
          }
        }
      }
    }
    return files;
  }

  /**
   * path -> kind, device number, owner, group, mode, access and modification times, for every inode
   * but the trash.
   */
  static Map<String, String> attributes(GodfsClient client) {
    Map<String, String> out = new TreeMap<>();
    List<DfsPath> pending = new ArrayList<>(List.of(DfsPath.ROOT));
    while (!pending.isEmpty()) {
      DfsPath d = pending.remove(pending.size() - 1);
      FileStatus self = client.stat(d);
      out.put(d.toString(), describe(self));
      for (FileStatus s : client.list(d, "", 10_000).entries()) {
        if (s.path().equals(DfsPath.of("/.trash"))) {
          continue;
        }
        if (s.isDirectory()) {
          pending.add(s.path());
        } else {
          out.put(s.path().toString(), describe(s));
        }
      }
    }
    return out;
  }

  private static String describe(FileStatus s) {
    InodeAttributes a = s.attributes();
    return FileStatus.describe(s.type())
        + " dev="
        + a.device()
        + " "
        + a.owner()
        + ":"
        + a.group()
        + " "
        + Integer.toOctalString(a.mode())
        + " a="
        + a.accessed()
        + " m="
        + s.modificationTime();
  }

  static byte[] random(Random r, int n) {
    byte[] b = new byte[n];
    r.nextBytes(b);
    return b;
  }

  static void write(GodfsClient c, String path, byte[] content) throws IOException {
    try (DfsOutput out = c.create(DfsPath.of(path), true)) {
      out.write(content);
    }
  }

  static void assertSame(Map<String, byte[]> actual, Map<String, byte[]> expected) {
    assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
    expected.forEach((path, bytes) -> assertThat(actual.get(path)).as(path).isEqualTo(bytes));
  }

  @Test
  void backupsAreIncrementalAndRestoreFreshClustersByteForByte() throws Exception {
    Random r = new Random(24);
    Path dest = dir.resolve("backups");
    Map<String, byte[]> first;
    Map<String, byte[]> second;
    Map<String, String> secondAttributes;
    String firstName;
    try (SecuredDev a = SecuredDev.start(dir.resolve("a"), c -> c)) {
      GodfsClient admin = a.admin;
      admin.mkdir(DfsPath.of("/data/deep/er"), true);
      admin.mkdir(DfsPath.of("/empty"), false);
      write(admin, "/data/big", random(r, 3 * MIB + 12_345));
      write(admin, "/data/deep/er/two-chunks", random(r, 2 * MIB));
      admin.writeSmallFile(DfsPath.of("/data/small"), random(r, 300), false);
      write(admin, "/zero", new byte[0]);
      admin.createEmpty(DfsPath.of("/data/sparse"), false);
      try (DfsOutput out = admin.openForWriteAt(DfsPath.of("/data/sparse"), 2L * MIB + 7)) {
        out.write(random(r, 1000)); // chunks 0 and 1 are a hole
      }
      first = tree(admin);

      String[] run = a.godfs("admin", "backup", dest.toString());
      assertThat(run[0]).as(run[2]).isEqualTo("0");
      assertThat(run[1]).contains("copied 7 chunks").contains("0 already there");
      BackupArchive archive = DirectoryBackupArchive.at(dest);
      firstName = archive.backups().get(0);

      // Changes after the first backup: a rewritten chunk, a new file, a deleted one.
      try (DfsOutput out = admin.openForWriteAt(DfsPath.of("/data/big"), MIB + 5)) {
        out.write(random(r, 100));
      }
      write(admin, "/data/new", random(r, MIB + 1));
      admin.delete(DfsPath.of("/data/deep/er/two-chunks"), false);
      // Owners, modes and times (ADR 0028), set last so that nothing changes them afterwards.
      admin.symlink(DfsPath.of("/data/link"), "deep/er", new Ownership(1000, 100, 0777));
      // Special files (ADR 0028) are names with attributes: restored as such, not as empty files.
      admin.makeNode(DfsPath.of("/data/pipe"), FileType.FIFO, 0, new Ownership(1000, 100, 0620));
      admin.makeNode(
          DfsPath.of("/dev-null"),
          FileType.CHARACTER_DEVICE,
          NULL_DEVICE,
          new Ownership(0, 5, 0666));
      admin.setXattr(DfsPath.of("/data/pipe"), "trusted.p", new byte[] {9}, XattrMode.CREATE);
      admin.setXattr(DfsPath.of("/data/small"), "user.k", new byte[] {0, 7}, XattrMode.CREATE);
      admin.setXattr(DfsPath.of("/data"), "trusted.d", "dir".getBytes(), XattrMode.CREATE);
      admin.setPermission(DfsPath.of("/data/big"), 04750);
      admin.setOwner(DfsPath.of("/data/small"), OptionalInt.of(1000), OptionalInt.of(100));
      admin.setTimes(
          DfsPath.of("/zero"),
          Instant.parse("1969-12-31T23:59:59.999999999Z"),
          Instant.parse("2040-01-01T00:00:00.5Z"));
      admin.setPermission(DfsPath.of("/data/deep"), 02700);
      admin.setTimes(DfsPath.of("/data/deep"), Instant.parse("2001-02-03T04:05:06.7Z"), null);
      second = tree(admin);
      secondAttributes = attributes(admin);

      BackupReport again = new ClusterBackup(admin, Clock.systemUTC(), 3).backup(archive);
      // big's chunk 1 changed (a new version), new has 2 chunks; the rest is already there.
      assertThat(again.chunksCopied()).isEqualTo(3);
      assertThat(again.chunksSkipped()).isEqualTo(4);
      assertThat(archive.backups()).hasSize(2);
      List<SnapshotInfo> kept = admin.snapshots().list(DfsPath.ROOT);
      assertThat(kept).extracting(SnapshotInfo::name).containsExactly(again.name());
    }

    try (SecuredDev b = SecuredDev.start(dir.resolve("b"), c -> c)) {
      String[] run = b.godfs("admin", "restore", dest.toString());
      assertThat(run[0]).as(run[2]).isEqualTo("0");
      assertThat(run[1]).contains("restored");
      assertSame(tree(b.admin), second);
      // Owners, groups, modes, access and modification times come back; the backup's own
      // snapshot leaves / as the restore left it (not snapshottable), as the original was before.
      assertThat(attributes(b.admin)).isEqualTo(secondAttributes);
      assertThat(b.admin.stat(DfsPath.of("/data/link")).isSymlink()).isTrue();
      assertThat(b.admin.readlink(DfsPath.of("/data/link"))).isEqualTo("deep/er");
      assertThat(b.admin.xattrs(DfsPath.of("/data/small")).get("user.k").orElseThrow())
          .isEqualTo(new byte[] {0, 7});
      assertThat(b.admin.xattrs(DfsPath.of("/data")).names()).containsExactly("trusted.d");
      FileStatus pipe = b.admin.stat(DfsPath.of("/data/pipe"));
      assertThat(pipe.type()).isEqualTo(FileType.FIFO);
      assertThat(pipe.attributes())
          .extracting(
              InodeAttributes::device,
              InodeAttributes::owner,
              InodeAttributes::group,
              InodeAttributes::mode)
          .containsExactly(0L, 1000, 100, 0620);
      assertThat(b.admin.xattrs(DfsPath.of("/data/pipe")).get("trusted.p").orElseThrow())
          .isEqualTo(new byte[] {9});
      FileStatus device = b.admin.stat(DfsPath.of("/dev-null"));
      assertThat(device.type()).isEqualTo(FileType.CHARACTER_DEVICE);
      assertThat(device.attributes())
          .extracting(
              InodeAttributes::device,
              InodeAttributes::owner,
              InodeAttributes::group,
              InodeAttributes::mode)
          .containsExactly(NULL_DEVICE, 0, 5, 0666);

      // This cluster counts chunk ids from 1 again: its backup into the same place copies all
      // (sparse's hole was restored as two chunks of zeros).
      BackupReport fresh =
          new ClusterBackup(b.admin, Clock.systemUTC(), 3).backup(DirectoryBackupArchive.at(dest));
      assertThat(fresh.chunksSkipped()).isZero();
      assertThat(fresh.chunksCopied()).isEqualTo(9);

      String[] refused = b.godfs("admin", "restore", dest.toString());
      assertThat(refused[0]).isEqualTo("1");
      assertThat(refused[2]).contains("not empty").contains("/data");
    }

    try (SecuredDev c = SecuredDev.start(dir.resolve("c"), x -> x)) {
      String[] run = c.godfs("admin", "restore", dest.toString(), "--backup", firstName);
      assertThat(run[0]).as(run[2]).isEqualTo("0");
      assertSame(tree(c.admin), first);
    }

    // A chunk damaged on the backup disk: the file it belongs to is not restored, and it says so.
    Path chunk =
        dest.resolve("chunks")
            .resolve(
                DirectoryBackupArchive.at(dest).manifest(firstName).files().stream()
                    .filter(f -> f.path().equals(DfsPath.of("/data/big")))
                    .findFirst()
                    .orElseThrow()
                    .chunks()
                    .get(0)
                    .name());
    try (RandomAccessFile f = new RandomAccessFile(chunk.toFile(), "rw")) {
      f.seek(4096);
      int b = f.read();
      f.seek(4096);
      f.write(b ^ 1);
    }
    try (SecuredDev d = SecuredDev.start(dir.resolve("d"), x -> x)) {
      String[] run = d.godfs("admin", "restore", dest.toString(), "--backup", firstName);
      assertThat(run[0]).isEqualTo("1");
      assertThat(run[2]).contains(chunk.getFileName().toString()).contains("damaged");
    }
  }

  @Test
  void hardLinksComeBackAsOneInodeWithEveryNameAndTheirDataIsCopiedOnce() throws Exception {
    Random r = new Random(28);
    Path dest = dir.resolve("backups");
    byte[] content = random(r, 2 * MIB + 100);
    Map<String, byte[]> before;
    Map<String, String> beforeAttributes;
    try (SecuredDev a = SecuredDev.start(dir.resolve("a"), c -> c)) {
      GodfsClient admin = a.admin;
      admin.mkdir(DfsPath.of("/h/a"), true);
      admin.mkdir(DfsPath.of("/h/b"), false);
      write(admin, "/h/a/file", content);
      admin.link(DfsPath.of("/h/a/file"), DfsPath.of("/h/a/second"));
      admin.link(DfsPath.of("/h/a/second"), DfsPath.of("/h/b/third"));
      // A special file may have several names too.
      admin.makeNode(DfsPath.of("/h/pipe"), FileType.FIFO, 0, new Ownership(1000, 100, 0640));
      admin.link(DfsPath.of("/h/pipe"), DfsPath.of("/h/b/pipe-too"));
      // Through one name; every name shows it, and it comes back once.
      admin.setXattr(DfsPath.of("/h/b/third"), "user.k", new byte[] {4, 2}, XattrMode.CREATE);
      admin.setPermission(DfsPath.of("/h/a/second"), 0604);
      admin.setTimes(
          DfsPath.of("/h/a/file"),
          Instant.parse("2003-04-05T06:07:08.9Z"),
          Instant.parse("2010-01-02T03:04:05.006007008Z"));
      before = tree(admin);
      beforeAttributes = attributes(admin);

      BackupArchive archive = DirectoryBackupArchive.at(dest);
      BackupReport report = new ClusterBackup(admin, Clock.systemUTC(), 3).backup(archive);
      // One file of 3 chunks, whatever its names: copied once, counted once.
      assertThat(report.files()).isEqualTo(1);
      assertThat(report.bytes()).isEqualTo(content.length);
      assertThat(report.chunksCopied()).isEqualTo(3);
      BackupManifest manifest = archive.manifest(report.name());
      assertThat(manifest.files()).hasSize(1);
      DfsPath first = manifest.files().get(0).path();
      assertThat(first.toString()).isIn("/h/a/file", "/h/a/second", "/h/b/third");
      assertThat(manifest.specials()).extracting(BackupManifest.Special::path).hasSize(1);
      assertThat(manifest.links()).hasSize(3);
      assertThat(manifest.links())
          .filteredOn(l -> l.first().equals(first))
          .extracting(l -> l.path().toString())
          .containsExactlyInAnyOrderElementsOf(
              List.of("/h/a/file", "/h/a/second", "/h/b/third").stream()
                  .filter(p -> !p.equals(first.toString()))
                  .toList());
      assertThat(manifest.xattrs()).containsOnlyKeys(first);
    }

    try (SecuredDev b = SecuredDev.start(dir.resolve("b"), c -> c)) {
      String[] run = b.godfs("admin", "restore", dest.toString());
      assertThat(run[0]).as(run[2]).isEqualTo("0");
      assertSame(tree(b.admin), before);
      // Modes and times, directories' included: the links made last changed none of them.
      assertThat(attributes(b.admin)).isEqualTo(beforeAttributes);
      List<FileStatus> names =
          List.of("/h/a/file", "/h/a/second", "/h/b/third").stream()
              .map(p -> b.admin.stat(DfsPath.of(p)))
              .toList();
      assertThat(names).extracting(FileStatus::fileId).containsOnly(names.get(0).fileId());
      assertThat(names).extracting(FileStatus::links).containsOnly(3);
      assertThat(names).extracting(FileStatus::chunkCount).containsOnly(3);
      for (FileStatus name : names) {
        assertThat(b.admin.xattrs(name.path()).get("user.k").orElseThrow())
            .as(name.path().toString())
            .isEqualTo(new byte[] {4, 2});
      }
      FileStatus pipe = b.admin.stat(DfsPath.of("/h/pipe"));
      FileStatus pipeToo = b.admin.stat(DfsPath.of("/h/b/pipe-too"));
      assertThat(pipeToo.fileId()).isEqualTo(pipe.fileId());
      assertThat(pipe.type()).isEqualTo(FileType.FIFO);
      assertThat(pipe.links()).isEqualTo(2);

      // The restored cluster holds the bytes once: its own backup copies 3 chunks, not 9.
      BackupReport again =
          new ClusterBackup(b.admin, Clock.systemUTC(), 3)
              .backup(DirectoryBackupArchive.at(dir.resolve("again")));
      assertThat(again.chunksCopied()).isEqualTo(3);
      assertThat(again.files()).isEqualTo(1);
    }
  }

  @Test
  void onlyAnAdministratorMayBackUp() throws Exception {
    try (SecuredDev a = SecuredDev.start(dir.resolve("a"), c -> c)) {
      String readerKey =
          ApiKeyFile.addKey(
              dir.resolve("a/data/security/api-keys"),
              Principal.user("rita", Set.of(), Set.of(Role.READ)),
              new SecureRandom());
      try (GodfsClient reader = a.client(readerKey)) {
        Waits.until(Duration.ofSeconds(30), "the new key to be read", () -> knows(reader));
        Throwable t =
            catchThrowable(
                () ->
                    new ClusterBackup(reader, Clock.systemUTC(), 1)
                        .backup(DirectoryBackupArchive.at(dir.resolve("backups"))));
        assertThat(t).isInstanceOf(DfsException.class);
        assertThat(((DfsException) t).code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
        assertThat(t).hasMessageContaining("rita lacks 'admin'");
      }
    }
  }

  private static boolean knows(GodfsClient client) {
    try {
      client.whoAmI();
      return true;
    } catch (DfsException e) {
      if (e.code() == ErrorCode.UNAUTHENTICATED) {
        return false;
      }
      throw e;
    }
  }
}
