package io.godfs.domain.file;

import static io.godfs.domain.Outcomes.ok;
import static io.godfs.domain.Outcomes.rejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DfsPathTest {

  private static DfsPath p(String raw) {
    return DfsPath.of(raw);
  }

  private static String problem(String raw) {
    return rejected(DfsPath.parse(raw), ErrorCode.INVALID_ARGUMENT).message();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/",
        "/a",
        "/a/b/c",
        "/with space/x",
        "/.hidden",
        "/a..b/...",
        "/日本/ü",
        "/a-b_c.d"
      })
  void acceptsNormalisedAbsolutePaths(String raw) {
    assertThat(ok(DfsPath.parse(raw)).value()).isEqualTo(raw);
    assertThat(new DfsPath(raw).toString()).isEqualTo(raw);
  }

  @Test
  void parseAcceptsOneTrailingSlashButTheRecordDoesNot() {
    assertThat(ok(DfsPath.parse("/data/"))).isEqualTo(p("/data"));
    assertThat(ok(DfsPath.parse("/a/b/"))).isEqualTo(p("/a/b"));
    assertThatThrownBy(() -> new DfsPath("/data/")).isInstanceOf(IllegalArgumentException.class);
    assertThat(problem("/data//")).contains("empty segment");
  }

  @Test
  void refusesRelativeAndEmptyPaths() {
    assertThat(problem("a/b")).contains("'a/b'").contains("not absolute");
    assertThat(problem("")).contains("empty");
    assertThat(problem(null)).contains("empty");
    assertThat(problem(" /a")).contains("not absolute");
  }

  @ParameterizedTest
  @ValueSource(strings = {"//", "/a//b", "//a", "///"})
  void refusesEmptySegments(String raw) {
    assertThat(problem(raw)).contains("empty segment");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/.", "/..", "/a/./b", "/a/../b", "/a/.."})
  void refusesDotSegments(String raw) {
    String segment = raw.contains("..") ? ".." : ".";
    assertThat(problem(raw)).contains("'" + segment + "' segment");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/a\u001b[31mred",
        "/line\nbreak",
        "/tab\there",
        "/del\u007f",
        "/c1\u0085",
        "/evil\u202etxt.exe",
        "/iso\u2066late",
        "/mark\u200f",
        "/sep\u2028"
      })
  void refusesControlAndBidirectionalCharactersInNewNames(String raw) {
    assertThat(problem(raw)).contains("control character U+").contains("\\u{");
  }

  @Test
  void storedPathsWithControlCharactersStayUsableThroughTheRecord() {
    // Names from before the rule are replayed from the log and listed: only parse refuses them.
    assertThat(new DfsPath("/old\u001bname").name()).isEqualTo("old\u001bname");
  }

  @Test
  void escapedShowsEveryUnprintableCharacterAsItsCodePoint() {
    assertThat(DfsPath.escaped("a\u001b[2Jb\nc\u202ed\\e"))
        .isEqualTo("a\\u{001B}[2Jb\\u{000A}c\\u{202E}d\\\\e");
    assertThat(DfsPath.escaped("caf\u00e9 \u65e5\u672c \ud83d\ude00"))
        .isEqualTo("caf\u00e9 \u65e5\u672c \ud83d\ude00");
  }

  @Test
  void namesAreKeptAsGivenWithoutUnicodeNormalisation() {
    // NFC "caf\u00e9" and NFD "cafe\u0301" are two names, as on ext4, XFS, HDFS and S3
    // (docs/adr/0018).
    DfsPath composed = ok(DfsPath.parse("/caf\u00e9"));
    DfsPath decomposed = ok(DfsPath.parse("/cafe\u0301"));
    assertThat(composed).isNotEqualTo(decomposed);
    assertThat(composed.name()).isEqualTo("caf\u00e9");
    assertThat(decomposed.name()).isEqualTo("cafe\u0301");
  }

  @Test
  void refusesNulAndShowsItEscaped() {
    assertThat(problem("/a\0b")).contains("NUL").contains("/a\\0b");
    assertThatThrownBy(() -> new DfsPath("/a\0")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void limitsSegmentsTo255Utf8Bytes() {
    assertThat(ok(DfsPath.parse("/" + "x".repeat(255))).name()).hasSize(255);
    assertThat(problem("/" + "x".repeat(256))).contains("longer than 255 bytes");
    // 128 two-byte characters: 128 chars but 256 bytes.
    assertThat(problem("/a/" + "é".repeat(128))).contains("longer than 255 bytes");
    assertThat(ok(DfsPath.parse("/" + "é".repeat(127))).name()).hasSize(127);
  }

  @Test
  void limitsWholePathTo4096Utf8Bytes() {
    String segment = "x".repeat(254); // "/" + 254 = 255 bytes per segment
    StringBuilder exact = new StringBuilder();
    while (exact.length() + 255 <= DfsPath.MAX_PATH_BYTES) {
      exact.append('/').append(segment);
    }
    int lastSegment = DfsPath.MAX_PATH_BYTES - exact.length() - 1;
    exact.append('/').append("y".repeat(lastSegment));
    assertThat(exact.toString().getBytes(StandardCharsets.UTF_8)).hasSize(4096);
    assertThat(ok(DfsPath.parse(exact.toString())).value()).isEqualTo(exact.toString());
    assertThat(problem(exact + "z")).contains("longer than 4096 bytes");
    assertThat(problem(exact.substring(0, 4090) + "/ééé")).contains("longer than 4096 bytes");
  }

  @Test
  void ofThrowsDfsExceptionCarryingTheRefusal() {
    assertThatThrownBy(() -> DfsPath.of("relative"))
        .isInstanceOfSatisfying(
            DfsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
        .hasMessageContaining("not absolute");
  }

  @Test
  void parentAndName() {
    assertThat(p("/a/b/c").parent()).isEqualTo(p("/a/b"));
    assertThat(p("/a").parent()).isEqualTo(DfsPath.ROOT);
    assertThat(p("/a/b/c").name()).isEqualTo("c");
    assertThat(DfsPath.ROOT.name()).isEmpty();
    assertThat(DfsPath.ROOT.isRoot()).isTrue();
    assertThat(p("/a").isRoot()).isFalse();
    assertThatThrownBy(DfsPath.ROOT::parent).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void childAddsExactlyOneSegment() {
    assertThat(DfsPath.ROOT.child("a")).isEqualTo(p("/a"));
    assertThat(p("/a").child("b")).isEqualTo(p("/a/b"));
    for (String bad : List.of("", ".", "..", "a/b", "/", "x\0")) {
      assertThatThrownBy(() -> p("/a").child(bad))
          .as("child(%s)", bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void segments() {
    assertThat(DfsPath.ROOT.segments()).isEmpty();
    assertThat(p("/a/bb/c").segments()).containsExactly("a", "bb", "c");
  }

  @Test
  void containsIsSegmentWise() {
    assertThat(p("/a").contains(p("/a"))).isTrue();
    assertThat(p("/a").contains(p("/a/b/c"))).isTrue();
    assertThat(p("/a").contains(p("/ab"))).isFalse();
    assertThat(p("/a").contains(p("/ab/c"))).isFalse();
    assertThat(p("/a/b").contains(p("/a"))).isFalse();
    assertThat(p("/a").contains(DfsPath.ROOT)).isFalse();
    assertThat(DfsPath.ROOT.contains(p("/x/y"))).isTrue();
    assertThat(DfsPath.ROOT.contains(DfsPath.ROOT)).isTrue();
  }

  @Test
  void rebaseReplacesThePrefix() {
    assertThat(p("/a/b/c").rebase(p("/a"), p("/x/y"))).isEqualTo(p("/x/y/b/c"));
    assertThat(p("/a/b/c").rebase(p("/a/b"), DfsPath.ROOT)).isEqualTo(p("/c"));
    assertThat(p("/a/b").rebase(DfsPath.ROOT, p("/x"))).isEqualTo(p("/x/a/b"));
    assertThat(p("/a/b").rebase(p("/a/b"), p("/z"))).isEqualTo(p("/z"));
    assertThat(DfsPath.ROOT.rebase(DfsPath.ROOT, p("/x"))).isEqualTo(p("/x"));
    assertThat(DfsPath.ROOT.rebase(DfsPath.ROOT, DfsPath.ROOT)).isEqualTo(DfsPath.ROOT);
    assertThatThrownBy(() -> p("/ab/c").rebase(p("/a"), p("/x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("/a does not contain /ab/c");
  }

  @Test
  void ancestorsAndSelfRunFromTheRoot() {
    assertThat(DfsPath.ROOT.ancestorsAndSelf()).containsExactly(DfsPath.ROOT);
    assertThat(p("/a/b/c").ancestorsAndSelf())
        .containsExactly(DfsPath.ROOT, p("/a"), p("/a/b"), p("/a/b/c"));
  }

  private static final String[] ALPHABET = {"a", "b", "ab", "é", "日", " ", ".", "-", "_", "x1"};

  private static String randomSegment(Random random) {
    StringBuilder s = new StringBuilder();
    int parts = 1 + random.nextInt(3);
    for (int i = 0; i < parts; i++) {
      s.append(ALPHABET[random.nextInt(ALPHABET.length)]);
    }
    String out = s.toString();
    return out.equals(".") || out.equals("..") ? out + "z" : out;
  }

  @Test
  void propertiesOfRandomValidPaths() {
    long seed = 20250101L;
    Random random = new Random(seed);
    for (int c = 0; c < 2000; c++) {
      List<String> segments = new ArrayList<>();
      int depth = random.nextInt(6);
      for (int i = 0; i < depth; i++) {
        segments.add(randomSegment(random));
      }
      String raw = "/" + String.join("/", segments);
      String ctx = "seed " + seed + " case " + c + " path '" + raw + "'";
      DfsPath path = ok(DfsPath.parse(raw));
      assertThat(path.segments()).as(ctx).isEqualTo(segments);
      assertThat(ok(DfsPath.parse(raw + (depth > 0 ? "/" : "")))).as(ctx).isEqualTo(path);
      assertThat(path.ancestorsAndSelf()).as(ctx).hasSize(depth + 1);
      List<DfsPath> chain = path.ancestorsAndSelf();
      for (int i = 0; i + 1 < chain.size(); i++) {
        assertThat(chain.get(i + 1).parent()).as(ctx).isEqualTo(chain.get(i));
        assertThat(chain.get(i).contains(path)).as(ctx).isTrue();
        assertThat(path.contains(chain.get(i))).as(ctx).isFalse();
      }
      String name = randomSegment(random);
      DfsPath child = path.child(name);
      assertThat(child.parent()).as(ctx).isEqualTo(path);
      assertThat(child.name()).as(ctx).isEqualTo(name);
      assertThat(path.contains(child)).as(ctx).isTrue();
      // A sibling whose name merely starts with this one's is never contained.
      if (!path.isRoot()) {
        DfsPath sibling = path.parent().child(path.name() + name);
        assertThat(path.contains(sibling)).as(ctx).isFalse();
        assertThat(path.contains(sibling.child("x"))).as(ctx).isFalse();
      }
      DfsPath target = DfsPath.ROOT.child(randomSegment(random));
      DfsPath moved = child.rebase(path, target);
      assertThat(moved).as(ctx).isEqualTo(target.child(name));
      assertThat(moved.rebase(target, path)).as(ctx).isEqualTo(child);
    }
  }

  /**
   * The record's check, one pass without allocating, against the check it replaced (split into
   * segments, each encoded to UTF-8): the same verdict and message for random strings of slashes,
   * dots, NULs, multi-byte characters, surrogates (paired and lone) and long runs.
   */
  @Test
  void theOnePassCheckAgreesWithTheSegmentByCheckOnRandomStrings() {
    String[] pieces = {
      "/",
      "/",
      "/",
      ".",
      "..",
      "a",
      "bc",
      "\0",
      "é",
      "中",
      "😀",
      "\uD83D",
      "\uDE00",
      "x".repeat(100),
      "é".repeat(90),
      "😀".repeat(40),
      "中".repeat(1400)
    };
    Random random = new Random(44);
    for (int c = 0; c < 20_000; c++) {
      StringBuilder b = new StringBuilder(random.nextInt(10) == 0 ? "" : "/");
      for (int k = random.nextInt(8); k > 0; k--) {
        b.append(pieces[random.nextInt(pieces.length)]);
      }
      String candidate = b.toString();
      String expected = segmentByCheck(candidate);
      String actual;
      try {
        new DfsPath(candidate);
        actual = null;
      } catch (IllegalArgumentException e) {
        actual = e.getMessage();
      }
      assertThat(actual).as(DfsPath.escaped(candidate)).isEqualTo(expected);
    }
  }

  /** The check as it was before stop 44. */
  private static String segmentByCheck(String p) {
    if (!p.startsWith("/")) {
      return "path '" + p.replace("\0", "\\0") + "' is not absolute (expected: starts with /)";
    }
    if (p.indexOf('\0') >= 0) {
      return "path '" + p.replace("\0", "\\0") + "' contains a NUL character";
    }
    if (p.getBytes(StandardCharsets.UTF_8).length > DfsPath.MAX_PATH_BYTES) {
      return "path is longer than " + DfsPath.MAX_PATH_BYTES + " bytes";
    }
    if (p.equals("/")) {
      return null;
    }
    for (String segment : p.substring(1).split("/", -1)) {
      if (segment.isEmpty()) {
        return "path '" + p + "' has an empty segment (expected: no // and no trailing /)";
      }
      if (segment.equals(".") || segment.equals("..")) {
        return "path '" + p + "' has a '" + segment + "' segment (expected: a normalised path)";
      }
      if (segment.getBytes(StandardCharsets.UTF_8).length > DfsPath.MAX_SEGMENT_BYTES) {
        return "path segment '"
            + segment.substring(0, 16)
            + "...' is longer than "
            + DfsPath.MAX_SEGMENT_BYTES
            + " bytes";
      }
    }
    return null;
  }
}
