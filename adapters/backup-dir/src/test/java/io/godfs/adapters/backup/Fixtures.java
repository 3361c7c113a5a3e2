package io.godfs.adapters.backup;

import io.godfs.application.port.out.BackupChunk;
import io.godfs.application.port.out.BackupManifest;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileType;
import io.godfs.domain.file.InodeAttributes;
import io.godfs.domain.file.Xattrs;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Chunks and manifests for the archive's tests. */
final class Fixtures {
  static final Instant T0 = Instant.parse("2026-12-06T10:00:00.123456789Z");
  static final String SOURCE = "00c0ffee12345678";

  /** A block device's number beyond 32 bits, so that a JSON reader must keep it a long. */
  static final long DEVICE = makedev(4099, 65537);

  private Fixtures() {}

  /** glibc's makedev(3): dev_t's 64-bit encoding of a major and a minor number. */
  static long makedev(long major, long minor) {
    return ((major & 0xfffff000L) << 32)
        | ((major & 0xfffL) << 8)
        | ((minor & 0xffffff00L) << 12)
        | (minor & 0xffL);
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code length} bytes that differ from chunk to chunk ({@code seed}). */
  static byte[] bytes(int length, int seed) {
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) {
      bytes[i] = (byte) (i * 31 + seed);
    }
    return bytes;
  }

  /**
   * Stores {@code bytes} as the {@code index}-th chunk of a file, named as the cluster names it.
   */
  static BackupChunk store(DirectoryBackupArchive archive, int index, long chunkId, byte[] bytes)
      throws IOException {
    String name = BackupChunk.nameOf(SOURCE, Long.toHexString(chunkId), 1, bytes.length);
    String sha = archive.storeChunk(name, new ByteArrayInputStream(bytes), bytes.length);
    return new BackupChunk(index, name, bytes.length, sha);
  }

  static BackupManifest.File chunked(String path, long length, BackupChunk... chunks) {
    return new BackupManifest.File(
        new DfsPath(path), length, T0, T0.plusSeconds(1), 4, 3, null, Arrays.asList(chunks));
  }

  static BackupManifest.File inline(String path, byte[] bytes) {
    return new BackupManifest.File(
        DfsPath.of(path), bytes.length, T0, T0.plusSeconds(2), 1 << 20, 2, bytes, List.of());
  }

  /** {@code manifest} with {@code links}: further names of its files, symlinks or specials. */
  static BackupManifest withLinks(BackupManifest manifest, BackupManifest.HardLink... links) {
    return new BackupManifest(
        manifest.name(),
        manifest.snapshotId(),
        manifest.takenAt(),
        manifest.source(),
        manifest.chunkSize(),
        manifest.replication(),
        manifest.directories(),
        manifest.files(),
        manifest.symlinks(),
        manifest.specials(),
        Arrays.asList(links),
        manifest.xattrs());
  }

  static BackupManifest.HardLink link(String path, String first) {
    return new BackupManifest.HardLink(DfsPath.of(path), DfsPath.of(first));
  }

  static BackupManifest manifest(String name, Instant takenAt, BackupManifest.File... files) {
    return new BackupManifest(
        name,
        42,
        takenAt,
        SOURCE,
        4,
        3,
        List.of(
            new BackupManifest.Directory(DfsPath.ROOT, T0, T0),
            new BackupManifest.Directory(
                DfsPath.of("/a"),
                T0,
                T0.plusMillis(5),
                new InodeAttributes(
                    1000, 100, 02775, Instant.ofEpochSecond(-3, 9), T0.plusNanos(1)))),
        Arrays.asList(files),
        List.of(
            new BackupManifest.Symlink(
                DfsPath.of("/a/link"),
                "../ünï/target",
                T0.plusSeconds(3),
                new InodeAttributes(5, 6, 0777, T0, T0))),
        List.of(
            new BackupManifest.Special(
                DfsPath.of("/a/pipe"),
                FileType.FIFO,
                0,
                T0.plusSeconds(4),
                new InodeAttributes(7, 8, 0620, T0.plusNanos(2), T0)),
            new BackupManifest.Special(
                DfsPath.of("/a/sda1"),
                FileType.BLOCK_DEVICE,
                DEVICE,
                T0.plusSeconds(5),
                new InodeAttributes(0, 6, 0660, T0, T0.plusNanos(3), DEVICE))),
        new TreeMap<>(
            Map.of(
                DfsPath.of("/a"),
                Xattrs.of(
                    new TreeMap<>(
                        Map.of(
                            "user.bin",
                            new byte[] {0, 1, (byte) 0xff},
                            "trusted.t",
                            new byte[0]))))));
  }
}
