package io.godfs.adapters.rest.fs;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.adapters.rest.content.Validators;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileId;
import io.godfs.domain.file.FileStatus;
import io.godfs.domain.file.FileType;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Every field of the stat and list records, for a file and a directory. */
class FileStatusMapperTest {
  private final FileStatusMapper mapper = new FileStatusMapperGenerated();
  private final Instant created = Instant.parse("2026-01-02T03:04:05.678Z");
  private final Instant modified = Instant.parse("2026-02-03T04:05:06.789123Z");

  @Test
  void fileStat() {
    FileStatus file =
        new FileStatus(
            new DfsPath("/a/b.txt"),
            FileType.FILE,
            new FileId(42),
            1000,
            created,
            modified,
            64L << 20,
            3,
            1,
            true);
    assertThat(mapper.toStat(file))
        .isEqualTo(
            new StatResponse(
                "/a/b.txt",
                false,
                1000,
                0644,
                modified.getEpochSecond(),
                created.getEpochSecond(),
                "2026-02-03T04:05:06.789123Z",
                Validators.of(file).etag(),
                3,
                64L << 20,
                1,
                true));
  }

  @Test
  void directoryStatHasModeAndNoEtag() {
    FileStatus dir =
        new FileStatus(
            new DfsPath("/a"), FileType.DIRECTORY, new FileId(7), 0, created, modified, 0, 0, 0);
    assertThat(mapper.toStat(dir))
        .isEqualTo(
            new StatResponse(
                "/a",
                true,
                0,
                0755,
                modified.getEpochSecond(),
                created.getEpochSecond(),
                "2026-02-03T04:05:06.789123Z",
                null,
                0,
                0,
                0,
                false));
  }

  @Test
  void listEntries() {
    FileStatus file =
        new FileStatus(
            new DfsPath("/a/b.txt"),
            FileType.FILE,
            new FileId(42),
            1000,
            created,
            modified,
            1024,
            3,
            1);
    FileStatus dir =
        new FileStatus(
            new DfsPath("/a/c"), FileType.DIRECTORY, new FileId(7), 0, created, modified, 0, 0, 0);
    assertThat(mapper.toEntry(file))
        .isEqualTo(new ListEntry("b.txt", false, 1000, modified.getEpochSecond()));
    assertThat(mapper.toEntry(dir))
        .isEqualTo(new ListEntry("c", true, 0, modified.getEpochSecond()));
  }
}
