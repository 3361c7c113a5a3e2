package io.godfs.domain.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.error.Outcome;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Symbolic links (ADR 0028): the target is stored as the link's content and never followed by the
 * namespace; a link has no bytes to write; links survive the image and snapshots.
 */
class SymlinksTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant T1 = T0.plusSeconds(1);

  private final Namespace ns = Namespace.empty(T0);

  private static DfsPath p(String s) {
    return DfsPath.of(s);
  }

  private static ErrorCode refusal(Outcome<?> o) {
    assertThat(o).isInstanceOf(Outcome.Rejected.class);
    return ((Outcome.Rejected<?>) o).error().code();
  }

  private String target(String path) {
    byte[] inline = ns.locate(p(path), 0, 0).orThrow().inline();
    return new String(inline, StandardCharsets.UTF_8);
  }

  @Test
  void aLinkStoresItsTargetAndIsNeverFollowed() {
    ns.mkdir(p("/d"), false, T0).orThrow();
    FileStatus link =
        ns.metadata()
            .symlink(p("/d/l"), "../somewhere/ünïcode", new Ownership(1000, 100, 0644), T1)
            .orThrow();
    assertThat(link.type()).isEqualTo(FileType.SYMLINK);
    assertThat(link.isSymlink()).isTrue();
    assertThat(link.length())
        .isEqualTo("../somewhere/ünïcode".getBytes(StandardCharsets.UTF_8).length);
    // Links are 0777 on Linux whatever the umask; the owner is the creator's.
    assertThat(link.attributes()).isEqualTo(new InodeAttributes(1000, 100, 0777, T1, T1));
    assertThat(target("/d/l")).isEqualTo("../somewhere/ünïcode");
    // A link to a directory is not a directory: paths through it do not resolve.
    ns.metadata().symlink(p("/to-d"), "/d", null, T1).orThrow();
    assertThat(refusal(ns.stat(p("/to-d/l")))).isEqualTo(ErrorCode.NOT_A_DIRECTORY);
    assertThat(ns.stat(p("/to-d")).orThrow().attributes().owner()).isZero();
  }

  @Test
  void aLinkHasNoBytesToWriteAndItsNameIsTakenOnce() {
    ns.metadata().symlink(p("/l"), "t", null, T0).orThrow();
    assertThat(refusal(ns.metadata().symlink(p("/l"), "u", null, T0)))
        .isEqualTo(ErrorCode.ALREADY_EXISTS);
    assertThat(refusal(ns.openForWrite(p("/l"), LeaseHolder.client("w"), T0)))
        .isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(refusal(ns.truncate(p("/l"), 0, T0))).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    FileId id = ns.stat(p("/l")).orThrow().fileId();
    assertThat(refusal(ns.allocateChunk(p("/l"), id, 0, T0))).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(refusal(ns.metadata().symlink(p("/empty"), "", null, T0)))
        .isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(refusal(ns.metadata().symlink(p("/long"), "x".repeat(4096), null, T0)))
        .isEqualTo(ErrorCode.INVALID_ARGUMENT);
    // Renamed and deleted like any name.
    ns.rename(p("/l"), p("/m"), false, T1).orThrow();
    assertThat(target("/m")).isEqualTo("t");
    ns.delete(p("/m"), false, T1).orThrow();
    assertThat(refusal(ns.stat(p("/m")))).isEqualTo(ErrorCode.NOT_FOUND);
  }

  @Test
  void linksSurviveSnapshotsAndTheImage() {
    ns.mkdir(p("/d"), false, T0).orThrow();
    ns.metadata().symlink(p("/d/l"), "target", null, T0).orThrow();
    ns.allowSnapshots(p("/d"), T0).orThrow();
    ns.createSnapshot(p("/d"), "s", T0).orThrow();
    ns.delete(p("/d/l"), false, T1).orThrow();
    assertThat(ns.stat(p("/d/.snapshot/s/l")).orThrow().type()).isEqualTo(FileType.SYMLINK);
    assertThat(target("/d/.snapshot/s/l")).isEqualTo("target");
    ns.metadata().symlink(p("/x"), "y", null, T1).orThrow();
    Namespace loaded = NamespaceImages.load(NamespaceImages.imageOf(ns));
    assertThat(loaded.stat(p("/x")).orThrow()).isEqualTo(ns.stat(p("/x")).orThrow());
    assertThat(loaded.stat(p("/d/.snapshot/s/l")).orThrow().type()).isEqualTo(FileType.SYMLINK);
    assertThat(NamespaceImages.imageOf(loaded)).isEqualTo(NamespaceImages.imageOf(ns));
  }
}
