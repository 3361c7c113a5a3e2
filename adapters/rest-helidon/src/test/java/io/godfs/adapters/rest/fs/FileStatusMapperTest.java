package io.godfs.adapters.rest.fs;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.adapters.rest.content.Validators;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileId;
import io.godfs.domain.file.FileStatus;
import io.godfs.domain.file.FileType;
import io.godfs.domain.file.InodeAttributes;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Every field of the stat and list records, for a file, a directory and a symbolic link. */
class FileStatusMapperTest {
  private final FileStatusMapper mapper = new FileStatusMapperGenerated();
  private final Instant created = Instant.parse("2026-01-02T03:04:05.678Z");
  private final Instant modified = Instant.parse("2026-02-03T04:05:06.789123Z");
  private final Instant accessed = Instant.parse("1969-07-20T20:17:40.000000001Z");
  private final Instant changed = Instant.parse("2026-03-04T05:06:07Z");

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
            true,
            new InodeAttributes(1000, 100, 04750, accessed, changed));
    assertThat(mapper.toStat(file))
        .isEqualTo(
            new StatResponse(
                "/a/b.txt",
                false,
                "file",
                null,
                1000,
                04750,
                modified.getEpochSecond(),
                created.getEpochSecond(),
                "2026-02-03T04:05:06.789123000Z",
                Validators.of(file).etag(),
                3,
                64L << 20,
                1,
                true,
                1000,
                100,
                "4750",
                "rwsr-x---",
                "1969-07-20T20:17:40.000000001Z",
                "2026-03-04T05:06:07.000000000Z",
                "2026-01-02T03:04:05.678000000Z",
                null,
                1));
  }

  @Test
  void directoryStatHasTheDefaultModeAndNoEtag() {
    FileStatus dir =
        new FileStatus(
            new DfsPath("/a"), FileType.DIRECTORY, new FileId(7), 0, created, modified, 0, 0, 0);
    assertThat(mapper.toStat(dir))
        .isEqualTo(
            new StatResponse(
                "/a",
                true,
                "directory",
                null,
                0,
                0755,
                modified.getEpochSecond(),
                created.getEpochSecond(),
                "2026-02-03T04:05:06.789123000Z",
                null,
                0,
                0,
                0,
                false,
                0,
                0,
                "0755",
                "rwxr-xr-x",
                "2026-02-03T04:05:06.789123000Z",
                "2026-02-03T04:05:06.789123000Z",
                "2026-01-02T03:04:05.678000000Z",
                null,
                2));
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
            1,
            false,
            new InodeAttributes(7, 8, 01777, accessed, changed));
    FileStatus dir =
        new FileStatus(
            new DfsPath("/a/c"), FileType.DIRECTORY, new FileId(7), 0, created, modified, 0, 0, 0);
    assertThat(mapper.toEntry(file))
        .isEqualTo(
            new ListEntry(
                "b.txt",
                false,
                "file",
                1000,
                modified.getEpochSecond(),
                01777,
                "1777",
                "rwxrwxrwt",
                7,
                8,
                "1969-07-20T20:17:40.000000001Z",
                "2026-03-04T05:06:07.000000000Z",
                "2026-01-02T03:04:05.678000000Z",
                "2026-02-03T04:05:06.789123000Z",
                1));
    assertThat(mapper.toEntry(dir))
        .extracting(
            ListEntry::name,
            ListEntry::isDir,
            ListEntry::type,
            ListEntry::modeOctal,
            ListEntry::owner,
            ListEntry::links)
        .containsExactly("c", true, "directory", "0755", 0, 2);
  }

  @Test
  void aSymbolicLinkIsOfItsTypeAndItsStatTakesTheTarget() {
    FileStatus link =
        new FileStatus(
            new DfsPath("/a/l"),
            FileType.SYMLINK,
            new FileId(9),
            6,
            created,
            modified,
            0,
            1,
            0,
            true,
            new InodeAttributes(0, 0, 0777, accessed, changed));
    StatResponse stat = mapper.toStat(link);
    assertThat(stat.type()).isEqualTo("symlink");
    assertThat(stat.isDir()).isFalse();
    assertThat(stat.target()).as("read by the handler, not the mapper").isNull();
    assertThat(stat.withTarget("../b.txt"))
        .isEqualTo(
            new StatResponse(
                "/a/l",
                false,
                "symlink",
                "../b.txt",
                6,
                0777,
                stat.modifiedAtUnix(),
                stat.createdAtUnix(),
                stat.modifiedAt(),
                stat.etag(),
                1,
                0,
                0,
                true,
                0,
                0,
                "0777",
                "rwxrwxrwx",
                stat.accessedAt(),
                stat.changedAt(),
                stat.createdAt(),
                null,
                1));
    assertThat(mapper.toEntry(link))
        .extracting(ListEntry::type, ListEntry::size, ListEntry::permissions)
        .containsExactly("symlink", 6L, "rwxrwxrwx");
  }
}
