package io.godfs.adapters.rest.content;

import static io.godfs.adapters.rest.content.Conditionals.Decision.NOT_MODIFIED;
import static io.godfs.adapters.rest.content.Conditionals.Decision.PRECONDITION_FAILED;
import static io.godfs.adapters.rest.content.Conditionals.Decision.PROCEED;
import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileId;
import io.godfs.domain.file.FileStatus;
import io.godfs.domain.file.FileType;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ConditionalsTest {
  static final Instant MTIME = Instant.parse("2026-11-25T10:00:00.123456789Z");
  static final Validators V =
      Validators.of(
          new FileStatus(
              DfsPath.of("/f"), FileType.FILE, new FileId(0x2a), 100, MTIME, MTIME, 1 << 20, 3, 1));
  static final String DATE = "Wed, 25 Nov 2026 10:00:00 GMT";

  @Test
  void etagIsStrongAndNamesIdLengthAndNanoTime() {
    assertThat(V.etag())
        .isEqualTo(
            "\"2a-64-"
                + Long.toHexString(MTIME.getEpochSecond() * 1_000_000_000L + MTIME.getNano())
                + "\"");
    assertThat(V.lastModifiedHeader()).isEqualTo(DATE);
    FileStatus rewritten =
        new FileStatus(
            DfsPath.of("/f"), FileType.FILE, new FileId(0x2b), 100, MTIME, MTIME, 1 << 20, 3, 1);
    assertThat(Validators.of(rewritten).etag()).isNotEqualTo(V.etag());
  }

  @Test
  void ifNoneMatchAndIfModifiedSinceGive304OnReads() {
    assertThat(Conditionals.evaluate(V, true, null, null, V.etag(), null)).isEqualTo(NOT_MODIFIED);
    assertThat(Conditionals.evaluate(V, true, null, null, "\"x\", W/" + V.etag(), null))
        .isEqualTo(NOT_MODIFIED);
    assertThat(Conditionals.evaluate(V, true, null, null, "*", null)).isEqualTo(NOT_MODIFIED);
    assertThat(Conditionals.evaluate(V, true, null, null, "\"x\"", DATE))
        .isEqualTo(PROCEED); // INM wins over IMS
    assertThat(Conditionals.evaluate(V, true, null, null, null, DATE)).isEqualTo(NOT_MODIFIED);
    assertThat(Conditionals.evaluate(V, true, null, null, null, "Tue, 24 Nov 2026 10:00:00 GMT"))
        .isEqualTo(PROCEED);
    assertThat(Conditionals.evaluate(V, true, null, null, null, "garbage")).isEqualTo(PROCEED);
    assertThat(Conditionals.evaluate(V, false, null, null, V.etag(), null))
        .isEqualTo(PRECONDITION_FAILED);
  }

  @Test
  void ifMatchIsStrongAndFailsOnAMissingFile() {
    assertThat(Conditionals.evaluate(V, false, V.etag(), null, null, null)).isEqualTo(PROCEED);
    assertThat(Conditionals.evaluate(V, false, "W/" + V.etag(), null, null, null))
        .isEqualTo(PRECONDITION_FAILED);
    assertThat(Conditionals.evaluate(null, false, "*", null, null, null))
        .isEqualTo(PRECONDITION_FAILED);
    assertThat(Conditionals.evaluate(null, false, null, null, "*", null)).isEqualTo(PROCEED);
    assertThat(Conditionals.evaluate(V, false, null, "Tue, 24 Nov 2026 10:00:00 GMT", null, null))
        .isEqualTo(PRECONDITION_FAILED);
    assertThat(Conditionals.evaluate(V, false, null, DATE, null, null)).isEqualTo(PROCEED);
  }

  @Test
  void ifRangeNeedsAStrongMatchOrTheExactDate() {
    assertThat(Conditionals.rangeStillValid(V, null)).isTrue();
    assertThat(Conditionals.rangeStillValid(V, V.etag())).isTrue();
    assertThat(Conditionals.rangeStillValid(V, "W/" + V.etag())).isFalse();
    assertThat(Conditionals.rangeStillValid(V, "\"other\"")).isFalse();
    assertThat(Conditionals.rangeStillValid(V, DATE)).isTrue();
    assertThat(Conditionals.rangeStillValid(V, "Tue, 24 Nov 2026 10:00:00 GMT")).isFalse();
  }
}
