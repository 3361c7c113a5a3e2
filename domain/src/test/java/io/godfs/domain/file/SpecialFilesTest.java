package io.godfs.domain.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.domain.chunk.ChunkLayout;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.error.Outcome;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Special files (ADR 0028): FIFOs, devices and sockets are names with attributes and, for a device,
 * its number; they hold no bytes, and survive snapshots and the image.
 */
class SpecialFilesTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant T1 = T0.plusSeconds(1);

  /** makedev(8, 1): /dev/sda1's number as glibc encodes it. */
  private static final long SDA1 = (8L << 8) | 1;

  private final Namespace ns = Namespace.empty(T0);

  private static DfsPath p(String s) {
    return DfsPath.of(s);
  }

  private static ErrorCode refusal(Outcome<?> o) {
    assertThat(o).isInstanceOf(Outcome.Rejected.class);
    return ((Outcome.Rejected<?>) o).error().code();
  }

  private Outcome<FileStatus> mknod(String path, FileType kind, long device, Ownership owner) {
    return new NamespaceCommand.MakeNode(p(path), kind, device, owner, T1).applyTo(ns);
  }

  @Test
  void eachKindIsMadeWithItsOwnerModeAndDeviceNumber() {
    FileStatus fifo = mknod("/fifo", FileType.FIFO, 0, new Ownership(1000, 100, 0640)).orThrow();
    assertThat(fifo.type()).isEqualTo(FileType.FIFO);
    assertThat(fifo.length()).isZero();
    assertThat(fifo.attributes().owner()).isEqualTo(1000);
    assertThat(fifo.attributes().group()).isEqualTo(100);
    assertThat(fifo.attributes().mode()).isEqualTo(0640);
    assertThat(fifo.attributes().device()).isZero();
    assertThat(fifo.attributes().changed()).isEqualTo(T1);

    FileStatus disk = mknod("/sda1", FileType.BLOCK_DEVICE, SDA1, null).orThrow();
    assertThat(disk.attributes().device()).isEqualTo(SDA1);
    assertThat(ns.stat(p("/sda1")).orThrow()).isEqualTo(disk);
    assertThat(mknod("/null", FileType.CHARACTER_DEVICE, (1 << 8) | 3, null).orThrow().type())
        .isEqualTo(FileType.CHARACTER_DEVICE);
    assertThat(mknod("/sock", FileType.SOCKET, 0, null).orThrow().isSpecial()).isTrue();
    assertThat(ns.list(p("/"), null, 100).orThrow().entries()).hasSize(4);
  }

  @Test
  void badKindsDeviceNumbersAndTakenNamesAreRefused() {
    assertThat(refusal(mknod("/f", FileType.FILE, 0, null))).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(refusal(mknod("/d", FileType.DIRECTORY, 0, null)))
        .isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(refusal(mknod("/p", FileType.FIFO, 5, null))).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    mknod("/p", FileType.FIFO, 0, null).orThrow();
    assertThat(refusal(mknod("/p", FileType.SOCKET, 0, null))).isEqualTo(ErrorCode.ALREADY_EXISTS);
    assertThat(refusal(mknod("/missing/p", FileType.FIFO, 0, null))).isEqualTo(ErrorCode.NOT_FOUND);
  }

  @Test
  void aSpecialFileHasNoBytesToWrite() {
    mknod("/p", FileType.FIFO, 0, null).orThrow();
    assertThat(refusal(ns.truncate(p("/p"), 10, T1))).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(ns.stat(p("/p")).orThrow().length()).isZero();
    assertThat(ns.locate(p("/p"), 0, ChunkLayout.MIN_CHUNK_SIZE).orThrow().chunks()).isEmpty();
  }

  @Test
  void specialFilesSurviveSnapshotsRenamesAndTheImage() {
    ns.mkdir(p("/d"), false, T0).orThrow();
    mknod("/d/tty", FileType.CHARACTER_DEVICE, (4 << 8) | 1, new Ownership(0, 5, 0620)).orThrow();
    ns.allowSnapshots(p("/d"), T0).orThrow();
    ns.createSnapshot(p("/d"), "s", T0).orThrow();
    ns.rename(p("/d/tty"), p("/d/tty1"), false, T1).orThrow();
    FileStatus kept = ns.stat(p("/d/.snapshot/s/tty")).orThrow();
    assertThat(kept.type()).isEqualTo(FileType.CHARACTER_DEVICE);
    assertThat(kept.attributes().device()).isEqualTo((4 << 8) | 1);
    Namespace loaded = NamespaceImages.load(NamespaceImages.imageOf(ns));
    assertThat(loaded.stat(p("/d/tty1")).orThrow()).isEqualTo(ns.stat(p("/d/tty1")).orThrow());
    assertThat(loaded.stat(p("/d/.snapshot/s/tty")).orThrow()).isEqualTo(kept);
    assertThat(NamespaceImages.imageOf(loaded)).isEqualTo(NamespaceImages.imageOf(ns));
  }
}
