package io.godfs.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileId;
import io.godfs.domain.file.FileStatus;
import io.godfs.domain.file.FileType;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What {@code godfs fs stat} prints about where a file's bytes are. */
class StatusFormatTest {
  private static final Instant T = Instant.parse("2026-01-02T03:04:05Z");

  @Test
  void aSmallFileKeptByTheMasterSaysSoInsteadOfCountingNoChunks() {
    FileStatus inline =
        new FileStatus(
            DfsPath.of("/small"), FileType.FILE, new FileId(7), 10, T, T, 1 << 26, 3, 0, true);
    FileStatus chunked =
        new FileStatus(
            DfsPath.of("/big"), FileType.FILE, new FileId(8), 1 << 27, T, T, 1 << 26, 3, 2, false);

    assertThat(StatusFormat.statText(inline))
        .contains("0 (its bytes are kept inline by the master)");
    assertThat(StatusFormat.statText(chunked))
        .containsPattern("chunks:\\s+2")
        .doesNotContain("inline");
  }
}
