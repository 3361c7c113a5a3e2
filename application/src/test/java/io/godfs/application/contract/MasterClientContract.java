package io.godfs.application.contract;

import static io.godfs.application.contract.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.application.port.out.MasterClient;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.file.FileStatus;
import io.godfs.domain.file.FileType;
import io.godfs.domain.file.Listing;
import io.godfs.domain.file.NewFile;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@link MasterClient} port contract, run against every adapter (the in-process fake and the
 * gRPC client): namespace calls round-trip, and every refusal arrives as a DfsException with the
 * master's exact code and a message naming what was refused. A subclass supplies {@link #connect}
 * and {@link #disconnect}; it also inherits the chunk and cluster cases of {@link
 * MasterClientChunksContract}.
 */
public abstract class MasterClientContract extends MasterClientChunksContract {

  /** The master's time as a port returns it: the gRPC API carries whole milliseconds only. */
  private static void assertMasterTime(Instant actual, Instant expected) {
    assertThat(actual).isBetween(expected.truncatedTo(ChronoUnit.MILLIS), expected);
  }

  @Test
  void mkdirWithParentsCreatesEveryMissingDirectoryAndMayBeRepeated() {
    FileStatus made = port.mkdir(p("/a/b/c"), true);

    assertThat(made.path()).isEqualTo(p("/a/b/c"));
    assertThat(made.type()).isEqualTo(FileType.DIRECTORY);
    assertThat(made.length()).isZero();
    assertMasterTime(made.creationTime(), T0);
    assertThat(port.stat(p("/a/b")).isDirectory()).isTrue();
    assertThat(port.mkdir(p("/a/b/c"), true)).isEqualTo(made);
    assertThat(port.stat(p("/a/b/c"))).isEqualTo(made);
  }

  @Test
  void createFillsInTheClusterDefaultsAndKeepsExplicitValues() {
    FileStatus f = port.create(NewFile.withClusterDefaults(p("/f"), false));
    assertThat(f.type()).isEqualTo(FileType.FILE);
    assertThat(f.path()).isEqualTo(p("/f"));
    assertThat(f.fileId().value()).isPositive();
    assertThat(f.length()).isZero();
    assertThat(f.chunkCount()).isZero();
    assertThat(f.replication()).isEqualTo(REPLICATION);
    assertThat(f.chunkSize()).isEqualTo(CHUNK);
    assertMasterTime(f.creationTime(), T0);
    assertThat(f.modificationTime()).isEqualTo(f.creationTime());
    assertThat(port.stat(p("/f"))).isEqualTo(f);

    FileStatus g = port.create(new NewFile(p("/g"), false, 2, 4 * CHUNK));
    assertThat(g.replication()).isEqualTo(2);
    assertThat(g.chunkSize()).isEqualTo(4 * CHUNK);
    assertThat(g.fileId()).isNotEqualTo(f.fileId());

    clock.advance(Duration.ofSeconds(5));
    FileStatus replaced = port.create(NewFile.withClusterDefaults(p("/f"), true));
    assertThat(replaced.fileId()).isNotEqualTo(f.fileId());
    assertMasterTime(replaced.creationTime(), T0.plusSeconds(5));
    assertThat(port.stat(p("/f")).fileId()).isEqualTo(replaced.fileId());
  }

  @Test
  void listIsSortedByNameAndPaginatedWithStartAfter() {
    port.mkdir(p("/d"), false);
    for (int i = 9; i >= 0; i--) {
      port.create(NewFile.withClusterDefaults(p("/d/f" + i), false));
    }

    Listing first = port.list(p("/d"), null, 4);
    assertThat(first.entries())
        .extracting(s -> s.path().name())
        .containsExactly("f0", "f1", "f2", "f3");
    assertThat(first.hasMore()).isTrue();
    Listing middle = port.list(p("/d"), "f3", 4);
    assertThat(middle.entries())
        .extracting(s -> s.path().name())
        .containsExactly("f4", "f5", "f6", "f7");
    assertThat(middle.hasMore()).isTrue();
    Listing last = port.list(p("/d"), "f5", 4);
    assertThat(last.entries())
        .extracting(s -> s.path().name())
        .containsExactly("f6", "f7", "f8", "f9");
    assertThat(last.hasMore()).isFalse();
    assertThat(port.list(p("/d"), "f9", 4)).isEqualTo(new Listing(List.of(), false));

    Listing all = port.list(p("/d"), "", 0); // 0 = the default page size
    assertThat(all.entries())
        .hasSize(10)
        .extracting(FileStatus::path)
        .isSortedAccordingTo(Comparator.naturalOrder());
    assertThat(all.entries().getFirst()).isEqualTo(port.stat(p("/d/f0")));
    assertThat(port.list(p("/d/f3"), null, 0).entries()).containsExactly(port.stat(p("/d/f3")));
  }

  @Test
  void renameMovesTheSameFileAndReplacesOnlyWhenAsked() {
    port.mkdir(p("/a/b"), true);
    FileStatus f = port.create(NewFile.withClusterDefaults(p("/a/b/f"), false));
    FileStatus other = port.create(NewFile.withClusterDefaults(p("/a/other"), false));

    port.rename(p("/a/b/f"), p("/a/g"), false);
    assertThat(port.stat(p("/a/g")).fileId()).isEqualTo(f.fileId());
    assertRefused(ErrorCode.NOT_FOUND, () -> port.stat(p("/a/b/f")));
    assertRefused(ErrorCode.ALREADY_EXISTS, () -> port.rename(p("/a/g"), p("/a/other"), false))
        .hasMessageContaining("/a/other");
    assertThat(port.stat(p("/a/other")).fileId()).isEqualTo(other.fileId());

    port.rename(p("/a/g"), p("/a/other"), true);
    assertThat(port.stat(p("/a/other")).fileId()).isEqualTo(f.fileId());
    assertThat(port.list(p("/a"), null, 0).entries())
        .extracting(s -> s.path().value())
        .containsExactly("/a/b", "/a/other");
  }

  @Test
  void deleteCountsTheFilesItRemoved() {
    port.mkdir(p("/d/e"), true);
    port.create(NewFile.withClusterDefaults(p("/d/x"), false));
    port.create(NewFile.withClusterDefaults(p("/d/e/y"), false));
    port.create(NewFile.withClusterDefaults(p("/d/e/z"), false));
    port.mkdir(p("/empty"), false);
    port.create(NewFile.withClusterDefaults(p("/single"), false));

    assertThat(port.delete(p("/single"), false)).isEqualTo(1);
    assertThat(port.delete(p("/empty"), false)).isZero();
    assertThat(port.delete(p("/d"), true)).isEqualTo(3);
    assertThat(port.list(p("/"), null, 0).entries()).isEmpty();
  }

  @Test
  void refusalsArriveWithTheExactCodeAndAMessageNamingThePath() {
    port.mkdir(p("/d"), false);
    port.create(NewFile.withClusterDefaults(p("/d/f"), false));

    assertRefused(ErrorCode.NOT_FOUND, () -> port.stat(p("/missing")))
        .hasMessageContaining("/missing");
    assertRefused(ErrorCode.NOT_FOUND, () -> port.list(p("/missing"), null, 0))
        .hasMessageContaining("/missing");
    assertRefused(ErrorCode.NOT_FOUND, () -> port.delete(p("/d/missing"), false))
        .hasMessageContaining("/d/missing");
    assertRefused(ErrorCode.NOT_FOUND, () -> port.mkdir(p("/x/y"), false))
        .hasMessageContaining("/x");
    assertRefused(
            ErrorCode.ALREADY_EXISTS,
            () -> port.create(NewFile.withClusterDefaults(p("/d/f"), false)))
        .hasMessageContaining("/d/f");
    assertRefused(ErrorCode.ALREADY_EXISTS, () -> port.mkdir(p("/d"), false))
        .hasMessageContaining("/d");
    assertRefused(ErrorCode.NOT_EMPTY, () -> port.delete(p("/d"), false))
        .hasMessageContaining("/d");
    // The chunk-size refusal names the setting and the value, not the path (see the report).
    assertRefused(
            ErrorCode.INVALID_ARGUMENT, () -> port.create(new NewFile(p("/d/g"), false, 0, 12345)))
        .hasMessageContaining("chunk size")
        .hasMessageContaining("12345");
    assertRefused(
            ErrorCode.INVALID_ARGUMENT, () -> port.create(new NewFile(p("/d/g"), false, 17, 0)))
        .hasMessageContaining("17");
    assertRefused(ErrorCode.NOT_A_DIRECTORY, () -> port.mkdir(p("/d/f/sub"), true))
        .hasMessageContaining("/d/f");

    assertRefused(ErrorCode.NOT_FOUND, () -> port.stat(p("/d/g"))); // nothing was half-done
    assertThat(port.delete(p("/d"), true)).isEqualTo(1);
  }
}
