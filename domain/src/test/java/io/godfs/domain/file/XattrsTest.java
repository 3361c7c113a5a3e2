package io.godfs.domain.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.error.Outcome;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Extended attributes (ADR 0028): set, replaced, removed and read as Linux file systems do, with
 * their limits; snapshots keep the set they saw; the image carries them.
 */
class XattrsTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant T1 = T0.plusSeconds(1);
  private static final long CHUNK = 65536;

  private final Namespace ns = Namespace.empty(T0);

  private static DfsPath p(String s) {
    return DfsPath.of(s);
  }

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static ErrorCode refusal(Outcome<?> o) {
    assertThat(o).isInstanceOf(Outcome.Rejected.class);
    return ((Outcome.Rejected<?>) o).error().code();
  }

  private Xattrs xattrs(String path) {
    return ns.xattrs(p(path)).orThrow();
  }

  private byte[] value(String path, String name) {
    return xattrs(path).get(name).orElseThrow();
  }

  @Test
  void attributesAreSetReplacedAndRemovedAsSetxattrFlagsSay() {
    ns.createFile(p("/f"), false, 3, CHUNK, T0).orThrow();
    FileStatus set =
        ns.metadata().setXattr(p("/f"), "user.a", b("1"), XattrMode.EITHER, T1).orThrow();
    assertThat(set.attributes().changed()).isEqualTo(T1);
    assertThat(set.modificationTime()).isEqualTo(T0);
    assertThat(refusal(ns.metadata().setXattr(p("/f"), "user.a", b("2"), XattrMode.CREATE, T1)))
        .isEqualTo(ErrorCode.ALREADY_EXISTS);
    assertThat(refusal(ns.metadata().setXattr(p("/f"), "user.b", b("2"), XattrMode.REPLACE, T1)))
        .isEqualTo(ErrorCode.NO_ATTRIBUTE);
    ns.metadata().setXattr(p("/f"), "user.a", b("22"), XattrMode.REPLACE, T1).orThrow();
    ns.metadata().setXattr(p("/f"), "trusted.t", new byte[0], XattrMode.CREATE, T1).orThrow();
    assertThat(xattrs("/f").names()).containsExactly("trusted.t", "user.a");
    assertThat(value("/f", "user.a")).isEqualTo(b("22"));
    assertThat(value("/f", "trusted.t")).isEqualTo(new byte[0]);
    ns.metadata().removeXattr(p("/f"), "user.a", T1).orThrow();
    assertThat(refusal(ns.metadata().removeXattr(p("/f"), "user.a", T1)))
        .isEqualTo(ErrorCode.NO_ATTRIBUTE);
    assertThat(xattrs("/f").names()).containsExactly("trusted.t");
    // Directories have them too.
    ns.metadata().setXattr(p("/"), "user.root", b("r"), XattrMode.EITHER, T1).orThrow();
    assertThat(xattrs("/").names()).containsExactly("user.root");
  }

  @Test
  void namesValuesAndTotalsHaveLinuxLimits() {
    ns.createFile(p("/f"), false, 3, CHUNK, T0).orThrow();
    assertThat(
            refusal(
                ns.metadata().setXattr(p("/f"), "security.selinux", b("x"), XattrMode.EITHER, T1)))
        .isEqualTo(ErrorCode.UNSUPPORTED);
    assertThat(refusal(ns.metadata().setXattr(p("/f"), "user.", b("x"), XattrMode.EITHER, T1)))
        .isEqualTo(ErrorCode.UNSUPPORTED);
    assertThat(
            refusal(
                ns.metadata()
                    .setXattr(p("/f"), "user." + "n".repeat(251), b(""), XattrMode.EITHER, T1)))
        .isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(
            refusal(
                ns.metadata()
                    .setXattr(
                        p("/f"),
                        "user.big",
                        new byte[Xattrs.MAX_VALUE_BYTES + 1],
                        XattrMode.EITHER,
                        T1)))
        .isEqualTo(ErrorCode.TOO_LARGE);
    // Any value Linux allows fits, even the largest (tmpfs takes it too); two of them do not.
    ns.metadata()
        .setXattr(p("/f"), "user.x", new byte[Xattrs.MAX_VALUE_BYTES], XattrMode.EITHER, T1)
        .orThrow();
    Outcome<FileStatus> full =
        ns.metadata()
            .setXattr(p("/f"), "user.y", new byte[Xattrs.MAX_VALUE_BYTES], XattrMode.EITHER, T1);
    assertThat(refusal(full)).isEqualTo(ErrorCode.NO_CAPACITY);
    assertThat(((Outcome.Rejected<?>) full).error().message()).contains("user.y");
    // Replacing the big one with a smaller value makes room.
    ns.metadata().setXattr(p("/f"), "user.x", new byte[10], XattrMode.EITHER, T1).orThrow();
    ns.metadata()
        .setXattr(p("/f"), "user.y", new byte[Xattrs.MAX_VALUE_BYTES], XattrMode.EITHER, T1)
        .orThrow();
    assertThat(refusal(ns.xattrs(p("/missing")))).isEqualTo(ErrorCode.NOT_FOUND);
  }

  @Test
  void aSnapshotKeepsTheAttributesItSawAndTheImageCarriesThem() {
    ns.mkdir(p("/d"), false, T0).orThrow();
    ns.createFile(p("/d/f"), false, 3, CHUNK, T0).orThrow();
    ns.metadata().setXattr(p("/d/f"), "user.v", b("old"), XattrMode.EITHER, T0).orThrow();
    ns.metadata().setXattr(p("/d"), "user.dir", b("d"), XattrMode.EITHER, T0).orThrow();
    ns.allowSnapshots(p("/d"), T0).orThrow();
    ns.createSnapshot(p("/d"), "s1", T0).orThrow();
    ns.metadata().setXattr(p("/d/f"), "user.v", b("new"), XattrMode.EITHER, T1).orThrow();
    ns.metadata().removeXattr(p("/d"), "user.dir", T1).orThrow();
    assertThat(value("/d/.snapshot/s1/f", "user.v")).isEqualTo(b("old"));
    assertThat(xattrs("/d/.snapshot/s1").names()).containsExactly("user.dir");
    assertThat(value("/d/f", "user.v")).isEqualTo(b("new"));
    assertThat(
            refusal(
                ns.metadata()
                    .setXattr(p("/d/.snapshot/s1/f"), "user.v", b("x"), XattrMode.EITHER, T1)))
        .isEqualTo(ErrorCode.READ_ONLY);
    ns.metadata().setXattr(p("/"), "trusted.root", b("r"), XattrMode.EITHER, T1).orThrow();

    Namespace loaded = NamespaceImages.load(NamespaceImages.imageOf(ns));
    for (String path : new String[] {"/", "/d", "/d/f", "/d/.snapshot/s1", "/d/.snapshot/s1/f"}) {
      assertThat(loaded.xattrs(p(path)).orThrow()).as(path).isEqualTo(xattrs(path));
    }
    assertThat(NamespaceImages.imageOf(loaded)).isEqualTo(NamespaceImages.imageOf(ns));
  }
}
